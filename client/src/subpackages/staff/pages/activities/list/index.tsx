import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import type { AppError } from '@shared/result'
import { fetchManagedActivities, type ActivitySummary } from '../../../../../services/activities'
import { ActivityCard } from '../../../../../pages/activities/components/ActivityCard'
import { Chips } from '../components/Field'
import '../components/activities.css'

type Filter = 'all' | 'draft' | 'published' | 'cancelled'
type PageState = { state: 'loading' } | { state: 'ready'; items: ActivitySummary[]; total: number } | { state: 'failed'; error: AppError }

const FILTERS = [
  { value: 'all' as const, label: '全部' },
  { value: 'draft' as const, label: '草稿' },
  { value: 'published' as const, label: '已发布' },
  { value: 'cancelled' as const, label: '已取消' },
]

/** Staff: the activities of the unions they serve; new ones start here. */
export default function StaffActivityListPage() {
  const [filter, setFilter] = useState<Filter>('all')
  const [view, setView] = useState<PageState>({ state: 'loading' })

  const load = async (next: Filter, page = 1, previous: ActivitySummary[] = []) => {
    const result = await fetchManagedActivities(next === 'all' ? undefined : next, page)
    setView(result.ok ? { state: 'ready', items: [...previous, ...result.data.items], total: result.data.total } : { state: 'failed', error: result.error })
  }

  useDidShow(() => {
    void load(filter)
  })

  return (
    <View className="page e2e-staff-activities">
      <Button type="primary" block className="e2e-staff-activity-new" onClick={() => void Taro.navigateTo({ url: '/subpackages/staff/pages/activities/edit/index' })}>
        新建活动
      </Button>
      <View className="act-panel">
        <Chips
          choices={FILTERS}
          value={filter}
          e2e="e2e-staff-activities-filter"
          onChange={(next) => {
            setFilter(next)
            setView({ state: 'loading' })
            void load(next)
          }}
        />
      </View>
      {view.state === 'loading' && <View className="muted">加载中…</View>}
      {view.state === 'failed' && <View className="muted e2e-error">{view.error.message}</View>}
      {view.state === 'ready' && view.items.length === 0 && <View className="muted">还没有活动</View>}
      {view.state === 'ready' &&
        view.items.map((activity, index) => (
          <ActivityCard
            key={activity.activityId}
            index={index}
            activity={activity}
            onOpen={() => void Taro.navigateTo({ url: `/subpackages/staff/pages/activities/manage/index?id=${activity.activityId}` })}
            footer={
              <Text className="muted">
                {activity.status === 'draft' ? '草稿，未发布' : `已确认 ${activity.confirmedCount} / ${activity.capacity}，候补 ${activity.waitlistCount}`}
                {activity.allocation === 'lottery' && activity.drawStatus === 'open' ? `，抽签报名 ${activity.entryCount}` : ''}
              </Text>
            }
          />
        ))}
      {view.state === 'ready' && view.items.length < view.total && (
        <Button block className="e2e-load-more" onClick={() => void load(filter, Math.floor(view.items.length / 20) + 1, view.items)}>
          加载更多
        </Button>
      )}
    </View>
  )
}
