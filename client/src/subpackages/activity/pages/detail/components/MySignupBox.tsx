import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { formatActivityTime } from '@shared/rules/activity-time'
import type { MySignup } from '../../../../../services/activities'
import { signupText } from '../../../../../pages/activities/format'

const CANCEL_REASONS = { self: '您已取消报名', activity_cancelled: '活动已取消', incomplete: '报名未完成' } as const

/** The person's own sign-up: status, place in line, and the way out before the cut-off. */
export function MySignupBox({ signup, cutoff, onCancel }: { signup: MySignup; cutoff: string; onCancel: () => void }) {
  return (
    <View className={`detail-box detail-mine detail-mine--${signup.status} e2e-my-signup`}>
      <Text className="detail-box__title">我的报名</Text>
      <Text className="detail-mine__status e2e-my-signup-status">{signupText(signup)}</Text>
      {signup.status === 'waitlisted' && <Text className="detail-box__text">有人取消时按候补顺序自动递补，递补成功会通知您。</Text>}
      {signup.status === 'not_drawn' && <Text className="detail-box__text">有中签者取消时，按抽签顺序自动递补并通知您。</Text>}
      {signup.promotedAt && <Text className="detail-box__text e2e-my-signup-promoted">{formatActivityTime(signup.promotedAt)} 候补成功</Text>}
      {signup.checkedInAt && <Text className="detail-box__text">{formatActivityTime(signup.checkedInAt)} 已签到</Text>}
      {signup.cancelReason && <Text className="detail-box__text">{CANCEL_REASONS[signup.cancelReason]}</Text>}
      {signup.canCancel && (
        <>
          <Text className="detail-box__text muted">可在 {formatActivityTime(cutoff)} 前取消</Text>
          <Button block className="detail-mine__cancel e2e-activity-cancel" onClick={onCancel}>
            取消报名
          </Button>
        </>
      )}
    </View>
  )
}
