import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { fetchManagedActivities, type ActivitySummary } from '../../../../../services/activities'
import { ActivityCard } from '../../../../../components/ActivityCard'
import { Chips } from '../../../../../components/Chips'
import { RemoteList } from '../../../../../components/Remote'
import { usePagedList } from '../../../../../hooks/usePagedList'
import { withTextSize } from '../../../../../components/TextSize'

type Filter = 'all' | 'draft' | 'published' | 'cancelled'

const FILTERS = [
  { value: 'all' as const, label: '全部' },
  { value: 'draft' as const, label: '草稿' },
  { value: 'published' as const, label: '已发布' },
  { value: 'cancelled' as const, label: '已取消' },
]

/** Staff: the activities of the unions they serve; new ones start here. */
function StaffActivityListPage() {
  const [filter, setFilter] = useState<Filter>('all')
  const list = usePagedList<ActivitySummary>((page) => fetchManagedActivities(filter === 'all' ? undefined : filter, page), { key: filter })

  return (
    <View className="page e2e-staff-activities">
      <Button type="primary" block className="e2e-staff-activity-new" onClick={() => void Taro.navigateTo({ url: '/subpackages/staff/pages/activities/edit/index' })}>
        新建活动
      </Button>
      <View className="panel">
        <Chips choices={FILTERS} value={filter} e2e="e2e-staff-activities-filter" onChange={setFilter} />
      </View>
      <RemoteList list={list} empty="还没有活动">
        {(activity, index) => (
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
        )}
      </RemoteList>
    </View>
  )
}

export default withTextSize(StaffActivityListPage)
