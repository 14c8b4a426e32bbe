export default definePageConfig({ navigationBarTitleText: '初始化管理员' })
