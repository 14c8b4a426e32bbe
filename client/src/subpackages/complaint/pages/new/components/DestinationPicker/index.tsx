import { Text, View } from '@tarojs/components'
import { Chips } from '../../../../../../components/Chips'
import './index.css'

export interface DestinationPickerProps {
  isMember: boolean
  unionName: string | null
  districts: string[]
  district: string
  onDistrict: (district: string) => void
}

/** What a worker picks when no district federation is listed: the city federation takes the case. */
export const OTHER_DISTRICT = '其他区县'

/**
 * Which union will receive the case. A member's goes to their own union; anyone else picks the
 * district they work in, and the case goes to that district's federation.
 */
export function DestinationPicker({ isMember, unionName, districts, district, onDistrict }: DestinationPickerProps) {
  const choices = [...districts, OTHER_DISTRICT].map((name) => ({ value: name, label: name }))
  return (
    <View className="destination">
      {!isMember && (
        <>
          <Text className="destination__label">您工作所在的区县</Text>
          <Chips choices={choices} value={district || undefined} onChange={onDistrict} e2e="e2e-complaint-district" keyBy="position" />
        </>
      )}
      {unionName && <Text className="destination__union e2e-complaint-destination">将提交给：{unionName}</Text>}
    </View>
  )
}
