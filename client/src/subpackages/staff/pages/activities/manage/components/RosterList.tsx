import { Text, View } from '@tarojs/components'
import { DISPLAY_STATUS_LABELS } from '@shared/rules/activity-signup'
import { formatDayAndTime } from '@shared/rules/china-time'
import type { RosterRow } from '../../../../../../services/activities'

/** Roster rows as staff see them: masked name and phone, member number, status and check-in. */
export function RosterList({ rows }: { rows: RosterRow[] }) {
  if (rows.length === 0) return <View className="muted e2e-roster-empty">暂无</View>
  return (
    <View>
      {rows.map((row) => (
        <View key={row.signupId} className="roster-row e2e-roster-row">
          <View className="act-row">
            <Text className="roster-row__name e2e-roster-name">{row.name}</Text>
            <Text className={`roster-row__status roster-row__status--${row.status} e2e-roster-status`}>
              {DISPLAY_STATUS_LABELS[row.status]}
              {row.waitlistPosition ? ` 第 ${row.waitlistPosition} 位` : ''}
            </Text>
          </View>
          <Text className="muted">
            {row.memberNumber ? `会员号 ${row.memberNumber}` : '非会员'}
            {row.phoneMasked ? ` · ${row.phoneMasked}` : ''}
          </Text>
          <Text className="muted">
            报名 {formatDayAndTime(row.signedUpAt)}
            {row.checkedInAt ? ` · ${formatDayAndTime(row.checkedInAt)} ${row.checkInMethod === 'card' ? '扫会员码' : '扫现场码'}签到` : ''}
          </Text>
        </View>
      ))}
    </View>
  )
}
