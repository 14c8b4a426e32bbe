import { Text, View } from '@tarojs/components'
import { categoryLabel } from '@shared/rules/complaint-categories'
import { formatYuan, parseYuan } from '@shared/rules/money'
import { formatFullDate } from '@shared/rules/china-time'
import type { CaseView } from '../../services/complaints'
import { InfoRow } from '../InfoRow'
import './index.css'

/** The parts of a case (as its owner or staff get it) that the worker told the union. */
export type CaseFactsSource = Pick<CaseView, 'category' | 'employer' | 'amountOwed' | 'occurredOn' | 'description' | 'union' | 'anonymous'>

function yuan(amount: string): string {
  const parsed = parseYuan(amount)
  return parsed.ok ? formatYuan(parsed.fen) : amount
}

/** What the worker told the union, as both the worker and staff read it. */
export function CaseFacts({ complaint }: { complaint: CaseFactsSource }) {
  const rows: Array<[label: string, value: string, key: string]> = [
    ['求助类型', categoryLabel(complaint.category), 'category'],
    ['用人单位或平台', complaint.employer, 'employer'],
    ...(complaint.amountOwed ? ([['拖欠金额', yuan(complaint.amountOwed), 'amount']] as Array<[string, string, string]>) : []),
    ['发生日期', formatFullDate(complaint.occurredOn), 'occurred'],
    ['受理工会', complaint.union.name, 'union'],
    ['是否匿名', complaint.anonymous ? '匿名' : '否', 'anonymous'],
  ]
  return (
    <View className="case-facts">
      {rows.map(([label, value, key]) => (
        <InfoRow key={key} label={label} e2e={`e2e-case-${key}`}>
          {value}
        </InfoRow>
      ))}
      <Text className="case-facts__label">情况描述</Text>
      <Text className="case-facts__description e2e-case-description">{complaint.description}</Text>
    </View>
  )
}
