import { Text, View } from '@tarojs/components'
import { categoryLabel, type ComplaintCategory } from '@shared/rules/complaint-categories'
import { formatYuan, parseYuan } from '@shared/rules/money'
import { formatFullDate } from '@shared/rules/china-time'
import './index.css'

export interface CaseFactsProps {
  category: ComplaintCategory
  employer: string
  amountOwed: string | null
  occurredOn: string
  description: string
  unionName: string
  anonymous: boolean
}

function yuan(amount: string): string {
  const parsed = parseYuan(amount)
  return parsed.ok ? formatYuan(parsed.fen) : amount
}

/** What the worker told the union, as both the worker and staff read it. */
export function CaseFacts(props: CaseFactsProps) {
  const rows: Array<[label: string, value: string, key: string]> = [
    ['求助类型', categoryLabel(props.category), 'category'],
    ['用人单位或平台', props.employer, 'employer'],
    ...(props.amountOwed ? ([['拖欠金额', yuan(props.amountOwed), 'amount']] as Array<[string, string, string]>) : []),
    ['发生日期', formatFullDate(props.occurredOn), 'occurred'],
    ['受理工会', props.unionName, 'union'],
    ['是否匿名', props.anonymous ? '匿名' : '否', 'anonymous'],
  ]
  return (
    <View className="case-facts">
      {rows.map(([label, value, key]) => (
        <View key={key} className="case-facts__row">
          <Text className="case-facts__label">{label}</Text>
          <Text className={`case-facts__value e2e-case-${key}`}>{value}</Text>
        </View>
      ))}
      <Text className="case-facts__label">情况描述</Text>
      <Text className="case-facts__description e2e-case-description">{props.description}</Text>
    </View>
  )
}
