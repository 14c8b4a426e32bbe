import { useCallback, useState } from 'react'
import { ScrollView, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import type { AppError } from '@shared/result'
import { CATEGORY_RULES, COMPLAINT_CATEGORIES, type ComplaintCategory } from '@shared/rules/complaint-categories'
import { STATUS_LABELS, type ComplaintStatus } from '@shared/rules/complaint-status'
import { formatMonthDay } from '@shared/rules/china-time'
import { fetchStaffComplaints, type StaffCaseSummary } from '../../../../../services/complaints'
import './index.css'

const PAGE_SIZE = 20

/** Tabs: open cases first (by deadline), then each status. */
const STATUS_TABS: Array<{ key: string; label: string; status?: ComplaintStatus }> = [
  { key: 'open', label: '待办' },
  { key: 'submitted', label: '待受理', status: 'submitted' },
  { key: 'accepted', label: '已受理', status: 'accepted' },
  { key: 'in_progress', label: '处理中', status: 'in_progress' },
  { key: 'escalated', label: '督办中', status: 'escalated' },
  { key: 'resolved', label: '已办结', status: 'resolved' },
  { key: 'closed', label: '已结案', status: 'closed' },
  { key: 'rejected', label: '不予受理', status: 'rejected' },
]

interface Filters {
  tab: string
  category: ComplaintCategory | null
  overdueOnly: boolean
}

type PageState = { state: 'loading' } | { state: 'ready'; items: StaffCaseSummary[]; total: number } | { state: 'failed'; error: AppError }

function deadlineText(item: StaffCaseSummary): string | null {
  if (!item.deadline) return null
  return `${item.deadline.kind === 'accept' ? '受理期限' : '办结期限'} ${formatMonthDay(item.deadline.day)}`
}

/** Staff: the cases of the unions they serve, nearest deadline first, overdue ones marked. */
export default function StaffComplaintListPage() {
  const [filters, setFilters] = useState<Filters>({ tab: 'open', category: null, overdueOnly: false })
  const [view, setView] = useState<PageState>({ state: 'loading' })

  const load = useCallback(async (next: Filters, page: number, previous: StaffCaseSummary[]) => {
    const status = STATUS_TABS.find((tab) => tab.key === next.tab)?.status
    const result = await fetchStaffComplaints({
      page,
      pageSize: PAGE_SIZE,
      overdueOnly: next.overdueOnly,
      ...(status ? { status } : {}),
      ...(next.category ? { category: next.category } : {}),
    })
    setView(result.ok ? { state: 'ready', items: [...previous, ...result.data.items], total: result.data.total } : { state: 'failed', error: result.error })
  }, [])

  useDidShow(() => void load(filters, 1, []))

  const change = (patch: Partial<Filters>) => {
    const next = { ...filters, ...patch }
    setFilters(next)
    setView({ state: 'loading' })
    void load(next, 1, [])
  }

  return (
    <View className="page staff-complaints e2e-staff-complaints">
      <ScrollView scrollX className="staff-complaints__tabs">
        {STATUS_TABS.map((tab) => (
          <Text
            key={tab.key}
            className={`staff-complaints__tab e2e-staff-tab-${tab.key}${filters.tab === tab.key ? ' staff-complaints__tab--active' : ''}`}
            onClick={() => change({ tab: tab.key })}
          >
            {tab.label}
          </Text>
        ))}
      </ScrollView>
      <ScrollView scrollX className="staff-complaints__tabs">
        <Text className={`staff-complaints__chip${filters.category === null ? ' staff-complaints__chip--active' : ''}`} onClick={() => change({ category: null })}>
          全部类型
        </Text>
        {COMPLAINT_CATEGORIES.map((category) => (
          <Text
            key={category}
            className={`staff-complaints__chip e2e-staff-category-${category}${filters.category === category ? ' staff-complaints__chip--active' : ''}`}
            onClick={() => change({ category })}
          >
            {CATEGORY_RULES[category].label}
          </Text>
        ))}
      </ScrollView>
      <View className={`staff-complaints__overdue e2e-staff-overdue-only${filters.overdueOnly ? ' staff-complaints__overdue--on' : ''}`} onClick={() => change({ overdueOnly: !filters.overdueOnly })}>
        {filters.overdueOnly ? '✓ ' : ''}只看逾期
      </View>

      {view.state === 'loading' && <View className="muted">加载中…</View>}
      {view.state === 'failed' && <View className="muted e2e-error">{view.error.message}</View>}
      {view.state === 'ready' && (
        <>
          <Text className="muted staff-complaints__total">共 {view.total} 件</Text>
          {view.items.length === 0 && <View className="muted e2e-staff-empty">没有符合条件的案件</View>}
          {view.items.map((item) => (
            <View
              key={item.complaintId}
              className={`list-link staff-case e2e-staff-case-item${item.deadline?.overdue ? ' staff-case--overdue e2e-staff-case-overdue' : ''}`}
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
          ))}
          {view.items.length < view.total && (
            <Button block className="e2e-load-more" onClick={() => void load(filters, Math.floor(view.items.length / PAGE_SIZE) + 1, view.items)}>
              加载更多
            </Button>
          )}
        </>
      )}
    </View>
  )
}
