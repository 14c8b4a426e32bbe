import type { ReactNode } from 'react'
import { Image, Text, View } from '@tarojs/components'
import { formatTimeRange } from '@shared/rules/china-time'
import type { ActivitySummary } from '../../services/activities'
import { categoryLabel, seatBadge } from './format'
import { a11y } from '../a11y'
import './index.css'

export interface ActivityCardProps {
  activity: ActivitySummary
  onOpen: () => void
  /** A line under the facts, e.g. the person's own sign-up status. */
  footer?: ReactNode
  /** Position in its list: the card gets `e2e-activity-card-<index>`, so journeys can find one by title. */
  index?: number
}

/** A small label on an activity: its category, or 会员专享 (`warning`). */
export function Tag({ tone = 'brand', children }: { tone?: 'brand' | 'warning'; children: ReactNode }) {
  return <Text className={`activity-tag activity-tag--${tone}`}>{children}</Text>
}

/** How full an activity is, coloured by whether one can still get in (`e2e` names it for journeys). */
export function SeatBadge({ activity, e2e, large = false }: { activity: ActivitySummary; e2e: string; large?: boolean }) {
  const badge = seatBadge(activity)
  return <Text className={`seat-badge seat-badge--${badge.tone}${large ? ' seat-badge--large' : ''} ${e2e}`}>{badge.text}</Text>
}

/** One activity in a list: cover, title, time, place and how full it is. */
export function ActivityCard({ activity, onOpen, footer, index }: ActivityCardProps) {
  return (
    <View className={`activity-card e2e-activity-card${index === undefined ? '' : ` e2e-activity-card-${index}`}`} {...a11y('link')} onClick={onOpen}>
      {activity.coverUrl && <Image className="activity-card__cover" src={activity.coverUrl} mode="aspectFill" />}
      <View className="activity-card__body">
        <View className="activity-card__head">
          <Tag>{categoryLabel(activity.category)}</Tag>
          {activity.membersOnly && <Tag tone="warning">会员专享</Tag>}
          <View className="activity-card__badge">
            <SeatBadge activity={activity} e2e="e2e-activity-card-badge" />
          </View>
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
