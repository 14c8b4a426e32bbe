import type { activitiesContract } from '@shared/contract/activities'
import { signupWindow } from '@shared/rules/activity-signup'
import { command, serverDate } from '../../_lib/db'
import { AppFailure } from '../../_lib/failure'
import type { ActivityRecord } from '../../_lib/records/activities'
import { pendingSignup, signups, STALE_CLAIM_MS, type SignupRecord } from '../../_lib/records/signups'
import type { Handlers } from '../../_lib/router'
import { loadActivity, qualifyingMembership } from '../access'
import { enter, giveUpClaim, seatOrPlace, type Claim, type Refusal } from '../seats'
import { mySignupView } from '../views'

const REFUSALS: Record<Refusal, string> = {
  closed: '报名已截止',
  unavailable: '活动已取消或暂不开放报名',
}

/**
 * Signs the caller up. The sign-up document's id is derived from the activity and the person, so the
 * database refuses a second one. First come: a seat while the line is closed, taken by a conditional
 * update on the activity after the document is claimed; otherwise the document is written straight
 * into the line (seats.ts). Lottery: the document is claimed, then the entry counted on the activity.
 */
export const signUp: Handlers<typeof activitiesContract>['signUp'] = async ({ activityId }, { caller }) => {
  const readAt = Date.now()
  const [activity, membership] = await Promise.all([loadActivity(activityId, caller), caller.membership()])
  const now = new Date()
  if (activity.status === 'cancelled') throw new AppFailure('CONFLICT', '活动已取消')
  const window = signupWindow(activity, now)
  if (window === 'not_open') throw new AppFailure('CONFLICT', '报名尚未开始')
  if (window === 'closed') throw new AppFailure('CONFLICT', REFUSALS.closed)

  // A member is recorded as one (for the roster) even where the activity is open to everyone.
  const member = activity.membersOnly ? await qualifyingMembership(caller, activity) : membership
  if (activity.membersOnly && !member) {
    throw new AppFailure('FORBIDDEN', '此活动仅限本工会会员报名，请先申请入会')
  }

  // Claimed by the database's clock, which every instance shares.
  const fresh = pendingSignup(activity, caller.openid, { memberId: member?._id ?? null, memberNumber: member?.memberNumber ?? null }, serverDate() as unknown as Date)
  let attempt = 1
  const claim = async () => {
    const claimed = await claimSignup(fresh)
    attempt = claimed.attempt
    return claimed
  }
  const outcome = activity.allocation === 'lottery' ? await lotteryEntry(activity, claim) : await seatOrPlace(activity, readAt, fresh, claim)
  if (outcome.status === 'closed' || outcome.status === 'unavailable') throw new AppFailure('CONFLICT', REFUSALS[outcome.status])
  // The outcome is known: the view is built from it instead of reading the sign-up back.
  const signup: SignupRecord = {
    ...fresh,
    attempt,
    status: outcome.status,
    waitlistedAt: outcome.status === 'waitlisted' ? outcome.waitlistedAt : null,
    signedUpAt: now,
    pendingSince: now,
  }
  return mySignupView(signup, activity, now, outcome.status === 'waitlisted' ? outcome.place : null)
}

async function lotteryEntry(activity: ActivityRecord, claim: () => Promise<Claim>): Promise<{ status: 'entered' | Refusal }> {
  const claimed = await claim()
  const status = await enter(activity._id, claimed)
  if (status !== 'entered') await giveUpClaim(claimed)
  return { status }
}

/**
 * Inserts the sign-up as `pending`, or claims again a document whose earlier attempt never finished.
 * A person who cancelled cannot sign up again (docs/activities.md: no repeated holding of places).
 */
async function claimSignup(fresh: SignupRecord): Promise<Claim> {
  const _ = command()
  const id = fresh._id
  if (await signups.addIfAbsent(fresh)) return fresh

  const existing = await signups.get(id)
  if (!existing) throw new AppFailure('CONFLICT', '报名正在处理中，请稍后刷新查看')
  if (existing.status === 'pending') {
    const stale = Date.now() - new Date(existing.pendingSince).getTime() > STALE_CLAIM_MS
    if (!stale) throw new AppFailure('CONFLICT', '报名正在处理中，请稍后刷新查看')
  } else if (existing.status !== 'cancelled' || existing.cancelReason !== 'incomplete') {
    throw new AppFailure('CONFLICT', existing.status === 'cancelled' ? '您已取消过本活动的报名，不能再次报名' : '您已报名此活动')
  }
  // A dead or failed attempt: claim the document again under the next attempt number.
  const attempt = existing.attempt + 1
  const reclaimed = await signups.updateWhere(
    existing.status === 'pending'
      ? { _id: id, attempt: existing.attempt, status: 'pending', pendingSince: _.lt(serverDate(-STALE_CLAIM_MS)) }
      : { _id: id, attempt: existing.attempt, status: 'cancelled', cancelReason: 'incomplete' },
    {
      status: 'pending',
      attempt,
      pendingSince: serverDate(),
      signedUpAt: serverDate(),
      memberId: fresh.memberId,
      memberNumber: fresh.memberNumber,
      cancelledAt: null,
      cancelledFrom: null,
      cancelReason: null,
      waitlistedAt: null,
    },
  )
  if (reclaimed === 0) throw new AppFailure('CONFLICT', '报名正在处理中，请稍后刷新查看')
  return { _id: id, attempt }
}
