import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { a11y } from '../../../../components/a11y'
import './index.css'

/** The national trade-union hotline for workers' rights. */
export const HOTLINE = '12351'

/** Always on a complaint page: one tap calls 12351, for anyone who would rather talk than type. */
export function HotlineBar() {
  return (
    <View className="hotline e2e-hotline" {...a11y('button')} onClick={() => void Taro.makePhoneCall({ phoneNumber: HOTLINE }).catch(() => undefined)}>
      <Text className="hotline__label">职工维权服务热线</Text>
      <Text className="hotline__number">拨打 {HOTLINE}</Text>
    </View>
  )
}
