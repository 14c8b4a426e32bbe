import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import type { AppError } from '@shared/result'
import { fetchMyActivities, selfCheckIn, type MyActivity } from '../../../../services/activities'
import { newRequestId, showError } from '../../../../services/cloud'
import { scanCode } from '../../../../services/native'
import { ActivityCard } from '../../../../pages/activities/components/ActivityCard'
import { signupText } from '../../../../pages/activities/format'
import './index.css'

type When = 'upcoming' | 'past'
type PageState = { state: 'loading' } | { state: 'ready'; items: MyActivity[]; total: number } | { state: 'failed'; error: AppError }

/** 我的活动: the person's sign-ups with their status, and check-in by scanning the code at the venue. */
export default function MyActivitiesPage() {
  const [when, setWhen] = useState<When>('upcoming')
  const [view, setView] = useState<PageState>({ state: 'loading' })
  const [checkedIn, setCheckedIn] = useState<string | null>(null)

  const load = async (next: When) => {
    const result = await fetchMyActivities(next)
    setView(result.ok ? { state: 'ready', items: result.data.items, total: result.data.total } : { state: 'failed', error: result.error })
  }

  useDidShow(() => {
    void load(when)
  })

  const pick = (next: When) => {
    setWhen(next)
    setView({ state: 'loading' })
    void load(next)
  }

  const loadMore = async () => {
    if (view.state !== 'ready') return
    const result = await fetchMyActivities(when, Math.floor(view.items.length / 20) + 1)
    if (result.ok) setView({ state: 'ready', items: [...view.items, ...result.data.items], total: result.data.total })
  }

  const scanToCheckIn = async () => {
    const scanned = await scanCode({ onlyFromCamera: true })
    if (!scanned.ok) {
      if (!scanned.cancelled) void Taro.showToast({ title: '扫码失败，请重试', icon: 'none' })
      return
    }
    const result = await selfCheckIn(scanned.value.result, newRequestId())
    if (!result.ok) return showError(result.error)
    setCheckedIn(`${result.data.alreadyCheckedIn ? '您已签到过' : '签到成功'}：${result.data.title}`)
    await load(when)
  }

  return (
    <View className="page e2e-my-activities">
      <Button type="primary" block className="mine__scan e2e-self-checkin" onClick={() => void scanToCheckIn()}>
        扫码签到
      </Button>
      {checkedIn && <View className="mine__checked-in e2e-self-checkin-result">{checkedIn}</View>}
      <View className="mine__tabs">
        {(['upcoming', 'past'] as const).map((value) => (
          <Text key={value} className={`mine__tab e2e-my-activities-${value}${value === when ? ' mine__tab--on' : ''}`} onClick={() => pick(value)}>
            {value === 'upcoming' ? '即将开始' : '已结束'}
          </Text>
        ))}
      </View>
      {view.state === 'loading' && <View className="muted">加载中…</View>}
      {view.state === 'failed' && <View className="muted e2e-error">{view.error.message}</View>}
      {view.state === 'ready' && view.items.length === 0 && (
        <View className="muted e2e-my-activities-empty">{when === 'upcoming' ? '还没有报名的活动，去活动页看看吧' : '没有已结束的活动'}</View>
      )}
      {view.state === 'ready' &&
        view.items.map(({ activity, signup }, index) => (
          <View key={signup.signupId} className="e2e-my-activity">
            <ActivityCard
              index={index}
              activity={activity}
              onOpen={() => void Taro.navigateTo({ url: `/subpackages/activity/pages/detail/index?id=${activity.activityId}` })}
              footer={<Text className={`mine__status mine__status--${signup.status} e2e-my-activity-status`}>{signupText(signup)}</Text>}
            />
          </View>
        ))}
      {view.state === 'ready' && view.items.length < view.total && (
        <Button block className="e2e-load-more" onClick={() => void loadMore()}>
          加载更多
        </Button>
      )}
    </View>
  )
}
