import { useCallback, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { showError } from '../../../../services/cloud'
import { listApplications, type Application } from '../../../../services/membership'
import { STATUS_LABEL } from './components/labels'
import './components/review.css'

type Filter = 'pending' | 'approved' | 'rejected' | 'all'

const FILTERS: Array<{ value: Filter; label: string }> = [
  { value: 'pending', label: '待审核' },
  { value: 'approved', label: '已通过' },
  { value: 'rejected', label: '未通过' },
  { value: 'all', label: '全部' },
]

/** The queue of join and transfer applications to the unions this staff member serves. */
export default function StaffApplicationsPage() {
  const [filter, setFilter] = useState<Filter>('pending')
  const [list, setList] = useState<{ items: Application[]; total: number; page: number } | null>(null)

  const load = useCallback(async (which: Filter, page: number, previous: Application[] = []) => {
    const result = await listApplications({ status: which === 'all' ? undefined : which, page, pageSize: 20 })
    if (!result.ok) return showError(result.error)
    setList({ items: [...previous, ...result.data.items], total: result.data.total, page })
  }, [])

  useDidShow(() => void load(filter, 1))

  function choose(next: Filter) {
    setFilter(next)
    setList(null)
    void load(next, 1)
  }

  return (
    <View className="page e2e-staff-applications">
      <View className="review-filters">
        {FILTERS.map((option) => (
          <View
            key={option.value}
            className={`review-filter e2e-applications-filter-${option.value}${option.value === filter ? ' review-filter--on' : ''}`}
            onClick={() => choose(option.value)}
          >
            {option.label}
          </View>
        ))}
      </View>
      {list === null && <View className="muted">加载中…</View>}
      {list?.total === 0 && <View className="muted e2e-applications-empty">暂无{FILTERS.find((f) => f.value === filter)?.label}的申请</View>}
      {list?.items.map((item, index) => (
        <View
          key={item.applicationId}
          className={`review-row e2e-application-${index}`}
          onClick={() => Taro.navigateTo({ url: `/subpackages/staff/pages/applications/detail/index?applicationId=${item.applicationId}` })}
        >
          <View className="review-row__top">
            <Text className="review-row__name e2e-application-name">
              {item.name}
              {item.kind === 'transfer' ? '（转会）' : ''}
            </Text>
            <Text className={`review-status review-status--${item.status}`}>{STATUS_LABEL[item.status]}</Text>
          </View>
          <Text className="review-row__meta">
            {item.unionName} · {item.occupation}
            {item.platform ? ` · ${item.platform}` : ''}
          </Text>
          <Text className="review-row__meta">
            {item.idNumberMasked} · {item.phoneMasked} · {item.createdAt.slice(0, 10)}
          </Text>
        </View>
      ))}
      {list && list.items.length < list.total && (
        <Button block className="e2e-applications-more" onClick={() => void load(filter, list.page + 1, list.items)}>
          加载更多
        </Button>
      )}
    </View>
  )
}
