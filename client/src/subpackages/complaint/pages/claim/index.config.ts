export default definePageConfig({ navigationBarTitleText: '认领热线案件' })
