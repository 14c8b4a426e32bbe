export default definePageConfig({ navigationBarTitleText: '热线来电登记' })
