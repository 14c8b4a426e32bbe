import type { activitiesContract } from '@shared/contract/activities'
import { canCancelAt, type SignupStatus } from '@shared/rules/activity-signup'
import { chinaDateTime } from '@shared/rules/china-time'
import { command, serverDate } from '../../_lib/db'
import { AppFailure } from '../../_lib/failure'
import { activities, type ActivityRecord } from '../../_lib/records/activities'
import { signupIdFor, signups, type SignupRecord } from '../../_lib/records/signups'
import type { Handlers } from '../../_lib/router'
import { loadActivity } from '../access'
import { releaseSeat } from '../seats'
import { mySignupView } from '../views'

/**
 * Cancels the caller's own sign-up before the cut-off. The sign-up is marked cancelled first and its
 * seat released after, so the seat count never falls below the people holding seats; the freed seat
 * then goes to the head of the waitlist (`releaseSeat` runs the promotion loop).
 */
export const cancel: Handlers<typeof activitiesContract>['cancel'] = async ({ activityId }, { caller }) => {
  const activity = await loadActivity(activityId, caller)
  const id = signupIdFor(activityId, caller.openid)
  for (let round = 0; round < 5; round++) {
    const signup = await signups.get(id)
    if (!signup || (signup.status === 'cancelled' && signup.cancelReason === 'incomplete')) {
      throw new AppFailure('NOT_FOUND', '您没有报名此活动')
    }
    if (signup.status === 'cancelled') return mySignupView(signup, activity, new Date())
    if (signup.status === 'pending') throw new AppFailure('CONFLICT', '报名正在处理中，请稍后再取消')
    if (signup.status === 'checked_in') throw new AppFailure('CONFLICT', '您已签到，不能取消报名')
    if (!canCancelAt(activity, new Date())) {
      throw new AppFailure('CONFLICT', `已过取消截止时间（${chinaDateTime(activity.cancelCutoffAt)}），如有特殊情况请联系主办工会`)
    }
    if (await cancelFrom(activity, signup, signup.status, 'self')) {
      const cancelled = await signups.get(id)
      return mySignupView(cancelled ?? signup, activity, new Date())
    }
    // Promoted or drawn meanwhile: look again and cancel from the new status.
  }
  throw new AppFailure('CONFLICT', '操作冲突，请刷新后重试')
}

/**
 * Moves one sign-up from `from` to cancelled and uncounts it where its status was counted. False if
 * the sign-up was no longer in `from` (someone else moved it first).
 */
export async function cancelFrom(
  activity: Pick<ActivityRecord, '_id' | 'drawStatus'>,
  signup: Pick<SignupRecord, '_id'>,
  from: SignupStatus,
  reason: 'self' | 'activity_cancelled',
): Promise<boolean> {
  const _ = command()
  const moved = await signups.updateWhere(
    { _id: signup._id, status: from },
    { status: 'cancelled', cancelledFrom: from, cancelReason: reason, cancelledAt: serverDate() },
  )
  if (moved === 0) return false
  if (reason === 'activity_cancelled') return true
  if (from === 'confirmed') await releaseSeat(activity._id)
  // Leaving the line changes nothing shared: the line is the waiting sign-ups themselves.
  // An entry cancelled once the draw has read the entries is settled by the draw itself.
  else if (from === 'entered') await activities.updateWhere({ _id: activity._id, drawStatus: 'open' }, { entryCount: _.inc(-1) })
  return true
}
