import type { activitiesContract } from '@shared/contract/activities'
import { canDrawAt, DRAW_GRACE_MS } from '@shared/rules/activity-signup'
import { audit } from '../../_lib/audit'
import { AppFailure } from '../../_lib/failure'
import type { Handlers } from '../../_lib/router'
import { loadManagedActivity } from '../access'
import { lotteryOf } from '../detail'
import { runDraw } from '../draw'
import { chinaDateTime } from '@shared/rules/china-time'

/** Runs the lottery once sign-up has closed; a large draw may need another call to finish writing results. */
export const draw: Handlers<typeof activitiesContract>['draw'] = async ({ activityId }, { caller }) => {
  const activity = await loadManagedActivity(activityId, caller)
  if (activity.allocation !== 'lottery') throw new AppFailure('CONFLICT', '先到先得的活动不需要抽签')
  if (activity.status !== 'published') throw new AppFailure('CONFLICT', '活动未发布或已取消，不能抽签')
  if (!canDrawAt(activity, new Date())) {
    const at = new Date(new Date(activity.signupClosesAt).getTime() + DRAW_GRACE_MS)
    throw new AppFailure('CONFLICT', `报名截止后才能抽签（可于 ${chinaDateTime(at)} 后抽签）`)
  }
  const firstRun = activity.drawStatus === 'open'
  const result = await runDraw(activityId, caller.openid)
  if (firstRun) {
    await audit({
      actorOpenid: caller.openid,
      action: 'activities.draw',
      unionId: activity.unionId,
      targetCollection: 'activities',
      targetId: activityId,
      detail: { entries: result.activity.draw?.entryCount ?? 0, winners: result.activity.draw?.winnerCount ?? 0 },
    })
  }
  return { status: result.activity.drawStatus ?? 'open', lottery: lotteryOf(result.activity)!, remaining: result.remaining }
}
