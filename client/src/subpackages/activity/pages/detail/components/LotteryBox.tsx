import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { formatDayAndTime } from '@shared/rules/china-time'
import type { ActivityDetail } from '../../../../../services/activities'
import { a11y } from '../../../../../components/a11y'

/** The lottery's public record on the detail page: the commitment first, the seed once drawn. */
export function LotteryBox({ activity }: { activity: ActivityDetail }) {
  const lottery = activity.lottery
  if (!lottery) return null
  return (
    <View className="panel e2e-lottery">
      <Text className="panel__title">公开抽签</Text>
      <Text className="detail-box__text">
        报名截止后由工会开奖。抽签所用的随机种子在开放报名前就已确定，这里公布它的 SHA-256 承诺值；开奖时公布种子本身，任何人都可以用报名名单和种子重新抽一次，结果必须相同。
      </Text>
      <Text className="detail-box__label">种子承诺值（SHA-256）</Text>
      <Text className="code detail__code e2e-lottery-commitment" userSelect>
        {lottery.seedCommitment}
      </Text>
      {lottery.seed ? (
        <>
          <Text className="detail-box__label">开奖种子</Text>
          <Text className="code detail__code e2e-lottery-seed" userSelect>
            {lottery.seed}
          </Text>
          <Text className="detail-box__text e2e-lottery-result">
            {lottery.drawnAt ? `${formatDayAndTime(lottery.drawnAt)} 开奖，` : ''}共 {lottery.entryCount} 人报名，{lottery.winnerCount} 人中签
          </Text>
          <Text
            className="detail-box__link e2e-lottery-verify"
            {...a11y('link')}
            onClick={() => void Taro.navigateTo({ url: `/subpackages/activity/pages/verify/index?id=${activity.activityId}` })}
          >
            复核抽签结果 ›
          </Text>
        </>
      ) : (
        <Text className="detail-box__text muted">当前已有 {lottery.entryCount} 人报名，尚未开奖</Text>
      )}
    </View>
  )
}
