import { useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { ACTIVITY_TEMPLATES } from '@shared/subscribe-templates'
import { formatTimeRange, formatDayAndTime } from '@shared/rules/china-time'
import { cancelSignup, fetchActivity, signUp, type ActivityDetail } from '../../../../services/activities'
import { newRequestId, showError } from '../../../../services/cloud'
import { requestSubscribeMessage } from '../../../../services/native'
import { SeatBadge, Tag } from '../../../../components/ActivityCard'
import { allocationLabel, categoryLabel } from '../../../../components/ActivityCard/format'
import { InfoRow } from '../../../../components/InfoRow'
import { Remote } from '../../../../components/Remote'
import { useRemote } from '../../../../hooks/useRemote'
import { LotteryBox } from './components/LotteryBox'
import { MySignupBox } from './components/MySignupBox'
import { withTextSize } from '../../../../components/TextSize'
import './index.css'

const RULES = {
  first_come: '先到先得：名额报满后可以排候补。有人取消时，按候补顺序自动递补，并通过微信通知递补成功的人。',
  lottery: '报名后抽签：报名期内报名即参加抽签，报名截止后公开开奖，中签者获得名额；未中签者按抽签顺序候补。',
}

/** One activity: what, when, where, the rules, and the person's own sign-up. */
function ActivityDetailPage() {
  const { params } = useRouter()
  const activityId = params.id ?? ''
  const remote = useRemote(() => fetchActivity(activityId))
  return (
    <View className="page detail e2e-activity-detail">
      <Remote state={remote.state} onRetry={() => void remote.reload()} rows={8}>
        {(activity) => <ActivityView activity={activity} onChanged={remote.refresh} />}
      </Remote>
    </View>
  )
}

function ActivityView({ activity, onChanged }: { activity: ActivityDetail; onChanged: () => Promise<void> }) {
  const [busy, setBusy] = useState(false)

  const join = async () => {
    setBusy(true)
    // Asked on the tap, as WeChat requires; a refusal only means no message, never no sign-up.
    await requestSubscribeMessage([...ACTIVITY_TEMPLATES])
    const result = await signUp(activity.activityId, newRequestId())
    setBusy(false)
    if (!result.ok) return showError(result.error)
    const { status, waitlistPosition } = result.data
    const title = status === 'confirmed' ? '报名成功' : status === 'entered' ? '已参加抽签' : `已进入候补第 ${waitlistPosition ?? ''} 位`
    void Taro.showToast({ title, icon: status === 'confirmed' || status === 'entered' ? 'success' : 'none' })
    await onChanged()
  }

  const leave = async () => {
    setBusy(true)
    const result = await cancelSignup(activity.activityId, newRequestId())
    setBusy(false)
    if (!result.ok) return showError(result.error)
    void Taro.showToast({ title: '已取消报名', icon: 'none' })
    await onChanged()
  }

  const { eligibility } = activity
  return (
    <View>
      {activity.coverUrl && <Image className="detail__cover" src={activity.coverUrl} mode="aspectFill" />}
      <View className="detail__head">
        <View className="detail__tags">
          <Tag>{categoryLabel(activity.category)}</Tag>
          <Tag>{allocationLabel(activity.allocation)}</Tag>
          {activity.membersOnly && <Tag tone="warning">会员专享</Tag>}
        </View>
        <Text className="detail__title e2e-activity-title">{activity.title}</Text>
        <View className="detail__badge">
          <SeatBadge activity={activity} e2e="e2e-activity-badge" large />
        </View>
      </View>

      {activity.status === 'cancelled' && (
        <View className="notice e2e-activity-cancelled">活动已取消{activity.cancelReason ? `：${activity.cancelReason}` : ''}</View>
      )}

      <View className="panel">
        <InfoRow label="时间">{formatTimeRange(activity.startAt, activity.endAt)}</InfoRow>
        <InfoRow label="地点">{activity.place}</InfoRow>
        <InfoRow label="主办">{activity.unionName}</InfoRow>
        <InfoRow label="报名">{`${formatDayAndTime(activity.signupOpensAt)} 至 ${formatDayAndTime(activity.signupClosesAt)}`}</InfoRow>
        <InfoRow label="取消截止">{formatDayAndTime(activity.cancelCutoffAt)}</InfoRow>
        <InfoRow label="名额" e2e="e2e-activity-seats">
          {activity.allocation === 'lottery'
            ? `${activity.capacity} 个`
            : `${activity.capacity} 个，已确认 ${activity.confirmedCount} 人${activity.waitlistCount > 0 ? `，候补 ${activity.waitlistCount} 人` : ''}`}
        </InfoRow>
      </View>

      {activity.mySignup && <MySignupBox signup={activity.mySignup} cutoff={activity.cancelCutoffAt} busy={busy} onCancel={() => void leave()} />}

      {eligibility.canSignUp ? (
        <Button type="primary" block loading={busy} disabled={busy} className="detail__action e2e-activity-signup" onClick={() => void join()}>
          {activity.allocation === 'lottery' ? '报名参加抽签' : activity.seatsLeft > 0 && activity.waitlistCount === 0 ? '立即报名' : '报名候补'}
        </Button>
      ) : (
        !activity.mySignup && (
          <View className="notice e2e-activity-eligibility">
            <Text>{eligibility.message}</Text>
            {eligibility.reason === 'members_only' && (
              <Button block className="detail__join e2e-activity-join" onClick={() => void Taro.navigateTo({ url: '/subpackages/join/pages/start/index' })}>
                申请入会
              </Button>
            )}
          </View>
        )
      )}

      <LotteryBox activity={activity} />

      <View className="panel">
        <Text className="panel__title">报名规则</Text>
        <Text className="detail-box__text">{RULES[activity.allocation]}</Text>
        <Text className="detail-box__text">每人限报一次；取消后不能再次报名本活动。{activity.membersOnly ? '仅限本工会及下属工会会员报名。' : '职工和新就业形态劳动者均可报名。'}</Text>
        <Text className="detail-box__text">到场后出示电子会员卡由工作人员扫码签到，或在“我的活动”中扫描现场签到码。</Text>
      </View>

      <View className="panel">
        <Text className="panel__title">活动介绍</Text>
        <Text className="detail-box__text detail__description">{activity.description}</Text>
      </View>

      {activity.canManage && (
        <Button
          block
          className="detail__manage e2e-activity-manage"
          onClick={() => void Taro.navigateTo({ url: `/subpackages/staff/pages/activities/manage/index?id=${activity.activityId}` })}
        >
          管理此活动
        </Button>
      )}
    </View>
  )
}

export default withTextSize(ActivityDetailPage)
