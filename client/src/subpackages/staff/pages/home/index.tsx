import { View } from '@tarojs/components'

/** Entry of the staff subpackage. */
export default function StaffHomePage() {
  return <View className="page e2e-staff-home muted">工作台即将开放</View>
}
