import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { listApplications, type Application } from '../../../../services/membership'
import { Chips } from '../../../../components/Chips'
import { RemoteList } from '../../../../components/Remote'
import { usePagedList } from '../../../../hooks/usePagedList'
import { STATUS_LABEL } from './components/labels'
import { a11y } from '../../../../components/a11y'
import { withTextSize } from '../../../../components/TextSize'
import './components/review.css'

type Filter = 'pending' | 'approved' | 'rejected' | 'all'

const FILTERS: Array<{ value: Filter; label: string }> = [
  { value: 'pending', label: '待审核' },
  { value: 'approved', label: '已通过' },
  { value: 'rejected', label: '未通过' },
  { value: 'all', label: '全部' },
]

/** The queue of join and transfer applications to the unions this staff member serves. */
function StaffApplicationsPage() {
  const [filter, setFilter] = useState<Filter>('pending')
  const list = usePagedList<Application>((page) => listApplications({ status: filter === 'all' ? undefined : filter, page }), { key: filter })

  return (
    <View className="page e2e-staff-applications">
      <Chips choices={FILTERS} value={filter} onChange={setFilter} e2e="e2e-applications-filter" />
      <RemoteList list={list} empty={`暂无${FILTERS.find((f) => f.value === filter)?.label ?? ''}的申请`}>
        {(item, index) => (
          <View
            key={item.applicationId}
            className={`list-link e2e-application-${index}`}
            {...a11y('link')}
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
        )}
      </RemoteList>
    </View>
  )
}

export default withTextSize(StaffApplicationsPage)
