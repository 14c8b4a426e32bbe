import type { ReactNode } from 'react'
import { Image, Text, View } from '@tarojs/components'
import { formatTimeRange } from '@shared/rules/china-time'
import type { ActivitySummary } from '../../../services/activities'
import { categoryLabel, seatBadge } from '../format'
import './ActivityCard.css'

export interface ActivityCardProps {
  activity: ActivitySummary
  onOpen: () => void
  /** A line under the facts, e.g. the person's own sign-up status. */
  footer?: ReactNode
  /** Position in its list: the card gets `e2e-activity-card-<index>`, so journeys can find one by title. */
  index?: number
}

/** One activity in a list: cover, title, time, place and how full it is. */
export function ActivityCard({ activity, onOpen, footer, index }: ActivityCardProps) {
  const badge = seatBadge(activity)
  return (
    <View className={`activity-card e2e-activity-card${index === undefined ? '' : ` e2e-activity-card-${index}`}`} onClick={onOpen}>
      {activity.coverUrl && <Image className="activity-card__cover" src={activity.coverUrl} mode="aspectFill" />}
      <View className="activity-card__body">
        <View className="activity-card__head">
          <Text className="activity-card__category">{categoryLabel(activity.category)}</Text>
          {activity.membersOnly && <Text className="activity-card__tag">会员专享</Text>}
          <Text className={`activity-card__badge activity-card__badge--${badge.tone} e2e-activity-card-badge`}>{badge.text}</Text>
        </View>
        <Text className="activity-card__title e2e-activity-card-title">{activity.title}</Text>
        <Text className="activity-card__fact">{formatTimeRange(activity.startAt, activity.endAt)}</Text>
        <Text className="activity-card__fact">{activity.place}</Text>
        <Text className="activity-card__union muted">{activity.unionName}</Text>
        {footer}
      </View>
    </View>
  )
}
