import { Text, View } from '@tarojs/components'
import type { TimelineEntry } from '@shared/contract/complaints'
import { formatFullDateTime, formatMonthDay } from '@shared/rules/china-time'
import { SATISFACTION_LABELS } from '@shared/rules/complaint-handling'
import { LETTER_LABELS, STATUS_LABELS } from '@shared/rules/complaint-status'
import { TIER_LABELS } from '@shared/rules/complaint-tiers'
import './index.css'

export interface CaseTimelineProps {
  entries: TimelineEntry[]
  /** Whose screen it is: the worker reads "我", staff read "求助人" (never a name). */
  viewer: 'owner' | 'staff'
}

function actorLabel(entry: TimelineEntry, viewer: CaseTimelineProps['viewer']): string {
  if (entry.actor === 'staff') return entry.kind === 'quality' ? '工会质检' : '工会工作人员'
  if (entry.actor === 'system') return '系统'
  return viewer === 'owner' ? '我' : '求助人'
}

const stars = (score: number) => `${'★'.repeat(score)}${'☆'.repeat(5 - score)}`

function headline(entry: TimelineEntry): string {
  switch (entry.kind) {
    case 'filed':
      return entry.actor === 'staff' ? '登记了热线来电' : '提交了求助'
    case 'claimed':
      return '在小程序认领了案件'
    case 'reply':
      return '回复'
    case 'rated':
      return `评价 ${stars(entry.score ?? 0)}`
    case 'extended':
      return '延长了期限'
    case 'referred':
      return `将案件转交${entry.department ?? '相关部门'}`
    case 'feedback':
      return `收到${entry.department ?? '相关部门'}的反馈`
    case 'callback':
      return entry.reached ? `回访：${entry.satisfaction ? SATISFACTION_LABELS[entry.satisfaction] : '已联系上'}` : '回访未接通'
    case 'quality':
      return entry.to === 'closed' ? '质检通过，案件结案' : '质检退回，重新办理'
    case 'status':
      if (entry.to === 'escalated' && entry.letterType) return `发出《${LETTER_LABELS[entry.letterType]}》`
      if (entry.to === 'accepted' && entry.tier) return `受理了案件（${TIER_LABELS[entry.tier]}）`
      if (entry.to === 'closed') return entry.reached === false ? '自动结案' : '结案'
      return entry.to ? `将案件改为「${STATUS_LABELS[entry.to]}」` : ''
  }
}

/** What the date a step set stands for: the next thing promised, and by when. */
function promise(entry: TimelineEntry): string | null {
  if (!entry.day) return null
  const day = formatMonthDay(entry.day)
  if (entry.kind === 'filed') return `受理期限 ${day}`
  if (entry.kind === 'extended') return `新的期限 ${day}`
  if (entry.kind === 'referred') return `反馈期限 ${day}`
  return `办结期限 ${day}`
}

/** Every step of a case, newest first: who (by role) did what, when, what they wrote, and the date it promised. */
export function CaseTimeline({ entries, viewer }: CaseTimelineProps) {
  const newestFirst = [...entries].reverse()
  return (
    <View className="timeline e2e-case-timeline">
      {newestFirst.map((entry, index) => (
        <View key={`${entry.at}-${index}`} className={`timeline__entry e2e-timeline-entry e2e-timeline-${entry.kind}`}>
          <View className={`timeline__dot timeline__dot--${entry.actor}`} />
          <View className="timeline__body">
            <Text className="timeline__title">
              {actorLabel(entry, viewer)} {headline(entry)}
            </Text>
            {entry.note && <Text className="timeline__note">{entry.note}</Text>}
            {promise(entry) && <Text className="timeline__promise e2e-timeline-promise">{promise(entry)}</Text>}
            <Text className="timeline__time muted">{formatFullDateTime(entry.at)}</Text>
          </View>
        </View>
      ))}
    </View>
  )
}
