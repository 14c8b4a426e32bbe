import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { fetchMyActivities, selfCheckIn, type MyActivity } from '../../../../services/activities'
import { newRequestId, showError } from '../../../../services/cloud'
import { scanOrNotify } from '../../../../services/native'
import { ActivityCard } from '../../../../components/ActivityCard'
import { signupText } from '../../../../components/ActivityCard/format'
import { RemoteList } from '../../../../components/Remote'
import { usePagedList } from '../../../../hooks/usePagedList'
import { a11y } from '../../../../components/a11y'
import { withTextSize } from '../../../../components/TextSize'
import './index.css'

type When = 'upcoming' | 'past'

/** 我的活动: the person's sign-ups with their status, and check-in by scanning the code at the venue. */
function MyActivitiesPage() {
  const [when, setWhen] = useState<When>('upcoming')
  const [checkedIn, setCheckedIn] = useState<string | null>(null)
  const list = usePagedList<MyActivity>((page) => fetchMyActivities(when, page), { key: when })

  const scanToCheckIn = async () => {
    const scanned = await scanOrNotify({ onlyFromCamera: true })
    if (!scanned) return
    const result = await selfCheckIn(scanned.result, newRequestId())
    if (!result.ok) return showError(result.error)
    setCheckedIn(`${result.data.alreadyCheckedIn ? '您已签到过' : '签到成功'}：${result.data.title}`)
    await list.refresh()
  }

  return (
    <View className="page e2e-my-activities">
      <Button type="primary" block className="mine__scan e2e-self-checkin" onClick={() => void scanToCheckIn()}>
        扫码签到
      </Button>
      {checkedIn && <View className="verdict verdict--success e2e-self-checkin-result">{checkedIn}</View>}
      <View className="mine__tabs">
        {(['upcoming', 'past'] as const).map((value) => (
          <Text key={value} className={`mine__tab e2e-my-activities-${value}${value === when ? ' mine__tab--on' : ''}`} {...a11y('radio', undefined, { checked: value === when })} onClick={() => setWhen(value)}>
            {value === 'upcoming' ? '即将开始' : '已结束'}
          </Text>
        ))}
      </View>
      <RemoteList list={list} empty={when === 'upcoming' ? '还没有报名的活动，去活动页看看吧' : '没有已结束的活动'}>
        {({ activity, signup }, index) => (
          <View key={signup.signupId} className="e2e-my-activity">
            <ActivityCard
              index={index}
              activity={activity}
              onOpen={() => void Taro.navigateTo({ url: `/subpackages/activity/pages/detail/index?id=${activity.activityId}` })}
              footer={<Text className={`mine__status mine__status--${signup.status} e2e-my-activity-status`}>{signupText(signup)}</Text>}
            />
          </View>
        )}
      </RemoteList>
    </View>
  )
}

export default withTextSize(MyActivitiesPage)
