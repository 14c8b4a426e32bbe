export default definePageConfig({ navigationBarTitleText: '服务点反馈' })
