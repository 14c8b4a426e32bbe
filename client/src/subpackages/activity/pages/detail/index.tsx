import { View } from '@tarojs/components'

/** Entry of the activity subpackage. */
export default function ActivityDetailPage() {
  return <View className="page e2e-activity-detail muted">活动详情即将开放</View>
}
