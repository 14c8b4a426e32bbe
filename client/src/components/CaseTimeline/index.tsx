import { Text, View } from '@tarojs/components'
import type { TimelineEntry } from '@shared/contract/complaints'
import { formatFullDateTime } from '@shared/rules/china-time'
import { LETTER_LABELS, STATUS_LABELS } from '@shared/rules/complaint-status'
import './index.css'

export interface CaseTimelineProps {
  entries: TimelineEntry[]
  /** Whose screen it is: the worker reads "我", staff read "求助人" (never a name). */
  viewer: 'owner' | 'staff'
}

function actorLabel(actor: TimelineEntry['actor'], viewer: CaseTimelineProps['viewer']): string {
  if (actor === 'staff') return '工会工作人员'
  if (actor === 'system') return '系统'
  return viewer === 'owner' ? '我' : '求助人'
}

function headline(entry: TimelineEntry): string {
  if (entry.kind === 'filed') return '提交了求助'
  if (entry.kind === 'reply') return '回复'
  if (entry.kind === 'rated') return `评价 ${'★'.repeat(entry.score ?? 0)}${'☆'.repeat(5 - (entry.score ?? 0))}`
  if (entry.to === 'escalated' && entry.letterType) return `发出《${LETTER_LABELS[entry.letterType]}》`
  if (entry.to === 'closed') return entry.actor === 'system' ? '自动结案' : '评价后结案'
  return entry.to ? `将案件改为「${STATUS_LABELS[entry.to]}」` : ''
}

/** Every step of a case, newest first: who (by role) did what, when, and what they wrote. */
export function CaseTimeline({ entries, viewer }: CaseTimelineProps) {
  const newestFirst = [...entries].reverse()
  return (
    <View className="timeline e2e-case-timeline">
      {newestFirst.map((entry, index) => (
        <View key={`${entry.at}-${index}`} className={`timeline__entry e2e-timeline-entry e2e-timeline-${entry.kind}`}>
          <View className={`timeline__dot timeline__dot--${entry.actor}`} />
          <View className="timeline__body">
            <Text className="timeline__title">
              {actorLabel(entry.actor, viewer)} {headline(entry)}
            </Text>
            {entry.note && <Text className="timeline__note">{entry.note}</Text>}
            <Text className="timeline__time muted">{formatFullDateTime(entry.at)}</Text>
          </View>
        </View>
      ))}
    </View>
  )
}
