import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import type { AppError } from '@shared/result'
import { ACTIVITY_CATEGORIES, ACTIVITY_CATEGORY_LABELS, type ActivityCategory } from '@shared/rules/activity-categories'
import { fetchActivities, type ActivitySummary } from '../../services/activities'
import { ActivityCard } from './components/ActivityCard'
import { windowText } from './format'
import './index.css'

const PAGE_SIZE = 10

type PageState = { state: 'loading' } | { state: 'ready'; items: ActivitySummary[]; total: number } | { state: 'failed'; error: AppError }

/** The 活动 tab: published activities, soonest first, filtered by category. */
export default function ActivitiesPage() {
  const [category, setCategory] = useState<ActivityCategory | undefined>(undefined)
  const [view, setView] = useState<PageState>({ state: 'loading' })

  const load = async (next: ActivityCategory | undefined) => {
    const result = await fetchActivities({ when: 'upcoming', ...(next ? { category: next } : {}), page: 1, pageSize: PAGE_SIZE })
    setView(result.ok ? { state: 'ready', items: result.data.items, total: result.data.total } : { state: 'failed', error: result.error })
  }

  useDidShow(() => {
    void load(category)
  })

  const pick = (next: ActivityCategory | undefined) => {
    setCategory(next)
    setView({ state: 'loading' })
    void load(next)
  }

  const loadMore = async () => {
    if (view.state !== 'ready') return
    const result = await fetchActivities({ when: 'upcoming', ...(category ? { category } : {}), page: Math.floor(view.items.length / PAGE_SIZE) + 1, pageSize: PAGE_SIZE })
    if (result.ok) setView({ state: 'ready', items: [...view.items, ...result.data.items], total: result.data.total })
  }

  const open = (activity: ActivitySummary) => void Taro.navigateTo({ url: `/subpackages/activity/pages/detail/index?id=${activity.activityId}` })

  return (
    <View className="page e2e-activities">
      <View className="activities__head">
        <Text className="section-title">工会活动</Text>
        <Text className="activities__mine e2e-activities-mine" onClick={() => void Taro.navigateTo({ url: '/subpackages/activity/pages/mine/index' })}>
          我的活动 ›
        </Text>
      </View>
      <View className="activities__filters">
        {[undefined, ...ACTIVITY_CATEGORIES].map((value) => (
          <Text
            key={value ?? 'all'}
            className={`activities__filter e2e-activities-filter-${value ?? 'all'}${value === category ? ' activities__filter--on' : ''}`}
            onClick={() => pick(value)}
          >
            {value ? ACTIVITY_CATEGORY_LABELS[value] : '全部'}
          </Text>
        ))}
      </View>
      {view.state === 'loading' && <View className="muted">加载中…</View>}
      {view.state === 'failed' && <View className="muted e2e-error">{view.error.message}</View>}
      {view.state === 'ready' && view.items.length === 0 && <View className="muted e2e-activities-empty">暂无可报名的活动</View>}
      {view.state === 'ready' &&
        view.items.map((activity, index) => (
          <ActivityCard
            key={activity.activityId}
            index={index}
            activity={activity}
            onOpen={() => open(activity)}
            footer={<Text className="activities__window muted">{windowText(activity)}</Text>}
          />
        ))}
      {view.state === 'ready' && view.items.length < view.total && (
        <Button block className="e2e-load-more" onClick={() => void loadMore()}>
          加载更多
        </Button>
      )}
    </View>
  )
}
