import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ACTIVITY_CATEGORIES, ACTIVITY_CATEGORY_LABELS, type ActivityCategory } from '@shared/rules/activity-categories'
import { fetchActivities, type ActivitySummary } from '../../services/activities'
import { ActivityCard } from '../../components/ActivityCard'
import { windowText } from '../../components/ActivityCard/format'
import { Chips } from '../../components/Chips'
import { RemoteList } from '../../components/Remote'
import { usePagedList } from '../../hooks/usePagedList'
import { a11y } from '../../components/a11y'
import { withTextSize } from '../../components/TextSize'
import './index.css'

/** Cards are tall: ten fill a few screens. */
const PAGE_SIZE = 10

type Filter = ActivityCategory | 'all'
const FILTERS = [{ value: 'all' as const, label: '全部' }, ...ACTIVITY_CATEGORIES.map((value) => ({ value, label: ACTIVITY_CATEGORY_LABELS[value] }))]

/** The 活动 tab: published activities, soonest first, filtered by category. */
function ActivitiesPage() {
  const [filter, setFilter] = useState<Filter>('all')
  const list = usePagedList<ActivitySummary>(
    (page) => fetchActivities({ when: 'upcoming', ...(filter === 'all' ? {} : { category: filter }), page, pageSize: PAGE_SIZE }),
    { key: filter },
  )

  const open = (activity: ActivitySummary) => void Taro.navigateTo({ url: `/subpackages/activity/pages/detail/index?id=${activity.activityId}` })

  return (
    <View className="page e2e-activities">
      <View className="activities__head">
        <Text className="section-title">工会活动</Text>
        <Text className="activities__mine e2e-activities-mine" {...a11y('link')} onClick={() => void Taro.navigateTo({ url: '/subpackages/activity/pages/mine/index' })}>
          我的活动 ›
        </Text>
      </View>
      <Chips choices={FILTERS} value={filter} onChange={setFilter} e2e="e2e-activities-filter" />
      <RemoteList list={list} empty="暂无可报名的活动">
        {(activity, index) => (
          <ActivityCard
            key={activity.activityId}
            index={index}
            activity={activity}
            onOpen={() => open(activity)}
            footer={<Text className="activities__window muted">{windowText(activity)}</Text>}
          />
        )}
      </RemoteList>
    </View>
  )
}

export default withTextSize(ActivitiesPage)
