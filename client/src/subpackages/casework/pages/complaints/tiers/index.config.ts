export default definePageConfig({ navigationBarTitleText: '案件分级期限' })
