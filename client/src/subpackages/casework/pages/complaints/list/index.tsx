import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { CATEGORY_RULES, COMPLAINT_CATEGORIES, type ComplaintCategory } from '@shared/rules/complaint-categories'
import { STATUS_LABELS, type ComplaintStatus } from '@shared/rules/complaint-status'
import { formatMonthDay } from '@shared/rules/china-time'
import { TIER_LABELS } from '@shared/rules/complaint-tiers'
import { fetchStaffComplaints, type StaffCasePage, type StaffCaseSummary } from '../../../../../services/complaints'
import { a11y } from '../../../../../components/a11y'
import { Chips } from '../../../../../components/Chips'
import { RemoteList } from '../../../../../components/Remote'
import { usePagedList } from '../../../../../hooks/usePagedList'
import { withTextSize } from '../../../../../components/TextSize'
import './index.css'

/** Tabs: open cases first (least time left first), then each status. */
const STATUS_TABS: Array<{ value: 'open' | ComplaintStatus; label: string }> = [
  { value: 'open', label: '待办' },
  { value: 'submitted', label: '待受理' },
  { value: 'accepted', label: '已受理' },
  { value: 'in_progress', label: '处理中' },
  { value: 'escalated', label: '督办中' },
  { value: 'referred', label: '已转办' },
  { value: 'resolved', label: '待回访' },
  { value: 'reviewing', label: '待质检' },
  { value: 'closed', label: '已结案' },
  { value: 'rejected', label: '不予受理' },
]

const CATEGORY_CHOICES = [{ value: 'all' as const, label: '全部类型' }, ...COMPLAINT_CATEGORIES.map((value) => ({ value, label: CATEGORY_RULES[value].label }))]

interface Filters {
  tab: 'open' | ComplaintStatus
  category: ComplaintCategory | 'all'
  overdueOnly: boolean
}

const DEADLINE_NAMES = { accept: '受理期限', resolve: '办结期限', referral: '转办反馈期限' } as const

function deadlineText(item: StaffCaseSummary): string | null {
  if (!item.deadline) return null
  return `${DEADLINE_NAMES[item.deadline.kind]} ${formatMonthDay(item.deadline.day)} · ${item.deadline.countdown}`
}

/** Staff: the cases of the unions they serve, least time left first, what is due today and overdue marked. */
function StaffComplaintListPage() {
  const [filters, setFilters] = useState<Filters>({ tab: 'open', category: 'all', overdueOnly: false })
  const cases = usePagedList<StaffCaseSummary, StaffCasePage>(
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

      {cases.state.status === 'ready' && (
        <Text className="muted staff-complaints__total e2e-staff-complaints-total">
          共 {cases.state.data.total} 件 · 今天到期 {cases.state.data.dueToday} 件 · 已逾期 {cases.state.data.overdue} 件
        </Text>
      )}
      <RemoteList list={cases} empty="没有符合条件的案件">
        {(item) => (
          <View
            key={item.complaintId}
            className={`list-link staff-case e2e-staff-case-item${item.deadline?.overdue ? ' staff-case--overdue e2e-staff-case-overdue' : ''}${item.deadline?.dueToday ? ' staff-case--today e2e-staff-case-today' : ''}`}
            {...a11y('link')}
            onClick={() => void Taro.navigateTo({ url: `/subpackages/casework/pages/complaints/case/index?id=${item.complaintId}` })}
          >
            <View className="staff-case__head">
              <Text className="list-link__title">
                {CATEGORY_RULES[item.category].label} · {item.employer}
              </Text>
              <Text className="staff-case__status e2e-staff-case-status">{STATUS_LABELS[item.status]}</Text>
            </View>
            <Text className="muted">
              {item.trackingNumber} · {item.union.name}
              {item.tier ? ` · ${TIER_LABELS[item.tier]}` : ''}
              {item.anonymous ? ' · 匿名' : ''}
            </Text>
            {deadlineText(item) && (
              <Text className={`staff-case__deadline e2e-staff-case-deadline${item.deadline?.overdue || item.deadline?.dueToday ? ' staff-case__deadline--urgent' : ''}`}>
                {item.deadline?.dueToday ? '今天到期 · ' : ''}
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
