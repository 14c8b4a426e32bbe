import { Text, View } from '@tarojs/components'
import { formatMonthDay } from '@shared/rules/china-time'
import { PROVISIONAL_NOTE } from '@shared/rules/complaint-tiers'
import type { CaseView } from '../../services/complaints'
import './index.css'

export interface CaseDeadlineProps {
  deadline: NonNullable<CaseView['deadline']>
  /** Staff also read whether the date still waits for the national holiday arrangements. */
  viewer: 'owner' | 'staff'
}

/**
 * The next date promised on a case and how many working days it leaves ("还剩 3 个工作日"), with
 * the extension and its reason when the date was moved.
 */
export function CaseDeadline({ deadline, viewer }: CaseDeadlineProps) {
  const state = deadline.overdue ? 'overdue' : deadline.dueToday ? 'today' : 'open'
  return (
    <View className={`case-deadline case-deadline--${state} e2e-case-deadline-block`}>
      <Text className="case-deadline__sentence e2e-case-deadline">{deadline.sentence}</Text>
      <Text className="case-deadline__countdown e2e-case-countdown">
        {deadline.countdown}
        {deadline.overdue && viewer === 'owner' ? '，可拨打 12351 反映' : ''}
      </Text>
      {deadline.extension && (
        <Text className="case-deadline__extension e2e-case-extension">
          期限已由 {formatMonthDay(deadline.extension.fromDay)} 延至 {formatMonthDay(deadline.extension.toDay)}：{deadline.extension.reason}
        </Text>
      )}
      {viewer === 'staff' && deadline.provisional && <Text className="case-deadline__provisional e2e-case-provisional">{PROVISIONAL_NOTE}</Text>}
    </View>
  )
}
