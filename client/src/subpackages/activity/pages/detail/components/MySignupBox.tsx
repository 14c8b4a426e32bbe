import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { formatDayAndTime } from '@shared/rules/china-time'
import type { MySignup } from '../../../../../services/activities'
import { signupText } from '../../../../../components/ActivityCard/format'

const CANCEL_REASONS = { self: '您已取消报名', activity_cancelled: '活动已取消', incomplete: '报名未完成' } as const

/** The person's own sign-up: status, place in line, and the way out before the cut-off (asked twice). */
export function MySignupBox({ signup, cutoff, busy, onCancel }: { signup: MySignup; cutoff: string; busy: boolean; onCancel: () => void }) {
  const [confirming, setConfirming] = useState(false)
  return (
    <View className={`panel detail-mine detail-mine--${signup.status} e2e-my-signup`}>
      <Text className="panel__title">我的报名</Text>
      <Text className="detail-mine__status e2e-my-signup-status">{signupText(signup)}</Text>
      {signup.status === 'waitlisted' && <Text className="detail-box__text">有人取消时按候补顺序自动递补，递补成功会通知您。</Text>}
      {signup.status === 'not_drawn' && <Text className="detail-box__text">有中签者取消时，按抽签顺序自动递补并通知您。</Text>}
      {signup.promotedAt && <Text className="detail-box__text e2e-my-signup-promoted">{formatDayAndTime(signup.promotedAt)} 候补成功</Text>}
      {signup.checkedInAt && <Text className="detail-box__text">{formatDayAndTime(signup.checkedInAt)} 已签到</Text>}
      {signup.cancelReason && <Text className="detail-box__text">{CANCEL_REASONS[signup.cancelReason]}</Text>}
      {signup.canCancel && !confirming && (
        <>
          <Text className="detail-box__text muted">可在 {formatDayAndTime(cutoff)} 前取消</Text>
          <Button block className="detail-mine__cancel e2e-activity-cancel" onClick={() => setConfirming(true)}>
            取消报名
          </Button>
        </>
      )}
      {signup.canCancel && confirming && (
        <View className="detail-mine__confirm e2e-activity-cancel-ask">
          <Text className="detail-box__text">取消后不能再次报名本活动，名额将让给候补的人。确定取消吗？</Text>
          <Button type="danger" block loading={busy} disabled={busy} className="e2e-activity-cancel-confirm" onClick={onCancel}>
            确定取消
          </Button>
          <Button block className="detail-mine__cancel e2e-activity-cancel-keep" onClick={() => setConfirming(false)}>
            再想想
          </Button>
        </View>
      )}
    </View>
  )
}
