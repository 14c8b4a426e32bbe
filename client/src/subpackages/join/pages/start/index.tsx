import { View } from '@tarojs/components'

/** Entry of the join subpackage; the join journey is built by the joining feature. */
export default function JoinStartPage() {
  return <View className="page e2e-join-start muted">入会申请即将开放</View>
}
