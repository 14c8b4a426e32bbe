export default definePageConfig({ navigationBarTitleText: '推荐新服务点' })
