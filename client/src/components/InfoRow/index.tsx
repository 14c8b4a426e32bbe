import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import './index.css'

/** One fact on a detail page: the label on the left, the value (text or more) on the right. */
export function InfoRow({ label, e2e, children }: { label: string; /** The value's selector. */ e2e?: string; children: ReactNode }) {
  return (
    <View className="info-row">
      <Text className="info-row__label">{label}</Text>
      <View className={`info-row__value${e2e ? ` ${e2e}` : ''}`}>{children}</View>
    </View>
  )
}
