export default definePageConfig({ navigationBarTitleText: '维权求助' })
