import { View } from '@tarojs/components'

/** Entry of the complaint subpackage; the hotline is always reachable. */
export default function ComplaintStartPage() {
  return <View className="page e2e-complaint-start muted">维权求助即将开放，紧急情况请拨打 12351</View>
}
