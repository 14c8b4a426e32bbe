import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { CATEGORY_RULES, COMPLAINT_CATEGORIES, type ComplaintCategory } from '@shared/rules/complaint-categories'
import { STATUS_LABELS, type ComplaintStatus } from '@shared/rules/complaint-status'
import { formatMonthDay } from '@shared/rules/china-time'
import { fetchStaffComplaints, type StaffCaseSummary } from '../../../../../services/complaints'
import { Chips } from '../../../../../components/Chips'
import { RemoteList } from '../../../../../components/Remote'
import { usePagedList } from '../../../../../hooks/usePagedList'
import { a11y } from '../../../../../components/a11y'
import { withTextSize } from '../../../../../components/TextSize'
import './index.css'

/** Tabs: open cases first (by deadline), then each status. */
const STATUS_TABS: Array<{ value: 'open' | ComplaintStatus; label: string }> = [
  { value: 'open', label: '待办' },
  { value: 'submitted', label: '待受理' },
  { value: 'accepted', label: '已受理' },
  { value: 'in_progress', label: '处理中' },
  { value: 'escalated', label: '督办中' },
  { value: 'resolved', label: '已办结' },
  { value: 'closed', label: '已结案' },
  { value: 'rejected', label: '不予受理' },
]

const CATEGORY_CHOICES = [{ value: 'all' as const, label: '全部类型' }, ...COMPLAINT_CATEGORIES.map((value) => ({ value, label: CATEGORY_RULES[value].label }))]

interface Filters {
  tab: 'open' | ComplaintStatus
  category: ComplaintCategory | 'all'
  overdueOnly: boolean
}

function deadlineText(item: StaffCaseSummary): string | null {
  if (!item.deadline) return null
  return `${item.deadline.kind === 'accept' ? '受理期限' : '办结期限'} ${formatMonthDay(item.deadline.day)}`
}

/** Staff: the cases of the unions they serve, nearest deadline first, overdue ones marked. */
function StaffComplaintListPage() {
  const [filters, setFilters] = useState<Filters>({ tab: 'open', category: 'all', overdueOnly: false })
  const cases = usePagedList<StaffCaseSummary>(
    (page) =>
      fetchStaffComplaints({
        page,
        overdueOnly: filters.overdueOnly,
        ...(filters.tab === 'open' ? {} : { status: filters.tab }),
        ...(filters.category === 'all' ? {} : { category: filters.category }),
      }),
    { key: JSON.stringify(filters) },
  )
  const change = (patch: Partial<Filters>) => setFilters((current) => ({ ...current, ...patch }))

  return (
    <View className="page staff-complaints e2e-staff-complaints">
      <Chips choices={STATUS_TABS} value={filters.tab} onChange={(tab) => change({ tab })} e2e="e2e-staff-tab" scroll />
      <Chips choices={CATEGORY_CHOICES} value={filters.category} onChange={(category) => change({ category })} e2e="e2e-staff-category" scroll />
      <View className={`staff-complaints__overdue e2e-staff-overdue-only${filters.overdueOnly ? ' staff-complaints__overdue--on' : ''}`}
        {...a11y('checkbox', undefined, { checked: filters.overdueOnly })}
        onClick={() => change({ overdueOnly: !filters.overdueOnly })}>
        {filters.overdueOnly ? '✓ ' : ''}只看逾期
      </View>

      {cases.state.status === 'ready' && <Text className="muted staff-complaints__total">共 {cases.state.data.total} 件</Text>}
      <RemoteList list={cases} empty="没有符合条件的案件">
        {(item) => (
          <View
            key={item.complaintId}
            className={`list-link staff-case e2e-staff-case-item${item.deadline?.overdue ? ' staff-case--overdue e2e-staff-case-overdue' : ''}`}
            {...a11y('link')}
            onClick={() => void Taro.navigateTo({ url: `/subpackages/staff/pages/complaints/case/index?id=${item.complaintId}` })}
          >
            <View className="staff-case__head">
              <Text className="list-link__title">
                {CATEGORY_RULES[item.category].label} · {item.employer}
              </Text>
              <Text className="staff-case__status e2e-staff-case-status">{STATUS_LABELS[item.status]}</Text>
            </View>
            <Text className="muted">
              {item.trackingNumber} · {item.union.name}
              {item.anonymous ? ' · 匿名' : ''}
            </Text>
            {deadlineText(item) && (
              <Text className={`staff-case__deadline${item.deadline?.overdue ? ' staff-case__deadline--overdue' : ''}`}>
                {item.deadline?.overdue ? '已逾期 · ' : ''}
                {deadlineText(item)}
              </Text>
            )}
          </View>
        )}
      </RemoteList>
    </View>
  )
}

export default withTextSize(StaffComplaintListPage)
