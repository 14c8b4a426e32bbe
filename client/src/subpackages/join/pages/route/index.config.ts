export default definePageConfig({ navigationBarTitleText: '按平台和区县找工会' })
