export default definePageConfig({ navigationBarTitleText: '复核抽签' })
