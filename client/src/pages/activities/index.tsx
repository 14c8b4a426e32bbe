import { Text, View } from '@tarojs/components'

/** The activity tab; the list arrives with the activities feature. */
export default function ActivitiesPage() {
  return (
    <View className="page e2e-activities">
      <Text className="section-title">工会活动</Text>
      <View className="muted">暂无可报名的活动</View>
    </View>
  )
}
