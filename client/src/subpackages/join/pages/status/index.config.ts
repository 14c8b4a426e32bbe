export default definePageConfig({ navigationBarTitleText: '入会与会籍' })
