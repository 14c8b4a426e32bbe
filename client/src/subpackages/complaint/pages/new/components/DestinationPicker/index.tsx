import { Text, View } from '@tarojs/components'
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
  return (
    <View className="destination">
      {!isMember && (
        <View className="destination__districts">
          <Text className="destination__label">您工作所在的区县</Text>
          <View className="destination__chips">
            {[...districts, OTHER_DISTRICT].map((name) => (
              <View
                key={name}
                className={`destination__chip e2e-district-${name === OTHER_DISTRICT ? 'other' : districts.indexOf(name)}${district === name ? ' destination__chip--active' : ''}`}
                onClick={() => onDistrict(name)}
              >
                {name}
              </View>
            ))}
          </View>
        </View>
      )}
      {unionName && <Text className="destination__union e2e-complaint-destination">将提交给：{unionName}</Text>}
    </View>
  )
}
