import type { activitiesContract } from '@shared/contract/activities'
import { signupWindow } from '@shared/rules/activity-signup'
import { command, serverDate } from '../../_lib/db'
import { AppFailure } from '../../_lib/failure'
import type { ActivityRecord } from '../../_lib/records/activities'
import { pendingSignup, signups, STALE_CLAIM_MS, type SignupRecord } from '../../_lib/records/signups'
import type { Handlers } from '../../_lib/router'
import { loadActivity, qualifyingMembership } from '../access'
import { enter, seatOrTicket, type Refusal } from '../seats'
import { mySignupView } from '../views'

const REFUSALS: Record<Refusal, string> = {
  closed: '报名已截止',
  unavailable: '活动已取消或暂不开放报名',
}

/**
 * Signs the caller up. The sign-up document is claimed first (its id is derived from the activity and
 * the person, so the database refuses a second one), then a seat, a waitlist ticket or a lottery entry
 * is taken by a conditional update on the activity.
 */
export const signUp: Handlers<typeof activitiesContract>['signUp'] = async ({ activityId }, { caller }) => {
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

  const claim = await claimSignup(activity, caller.openid, member)
  const outcome = activity.allocation === 'lottery' ? { status: await enter(activity._id, claim) } : await seatOrTicket(activity, claim)
  if (outcome.status === 'closed' || outcome.status === 'unavailable') {
    await giveUpClaim(claim)
    throw new AppFailure('CONFLICT', REFUSALS[outcome.status])
  }
  // The outcome is known: the view is built from it instead of reading the sign-up back.
  const signup: SignupRecord = {
    ...claim,
    status: outcome.status,
    waitlistSeq: 'ticket' in outcome ? outcome.ticket : null,
    signedUpAt: now,
    pendingSince: now,
  }
  return mySignupView(signup, activity, now)
}

/**
 * Inserts the sign-up as `pending`, or claims again a document whose earlier attempt never finished.
 * A person who cancelled cannot sign up again: their waitlist ticket is part of the line's history.
 */
async function claimSignup(activity: ActivityRecord, openid: string, member: { _id: string; memberNumber: string } | null): Promise<SignupRecord> {
  const _ = command()
  // Claimed by the database's clock, which every instance shares.
  const fresh = pendingSignup(activity, openid, { memberId: member?._id ?? null, memberNumber: member?.memberNumber ?? null }, serverDate() as unknown as Date)
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
    },
  )
  if (reclaimed === 0) throw new AppFailure('CONFLICT', '报名正在处理中，请稍后刷新查看')
  return { ...fresh, attempt }
}

/** The window closed or the activity changed under the claim: nothing was taken, so nothing stays. */
async function giveUpClaim(claim: Pick<SignupRecord, '_id' | 'attempt'>): Promise<void> {
  if (claim.attempt === 1) await signups.removeWhere({ _id: claim._id, status: 'pending', attempt: 1 })
  else await signups.updateWhere({ _id: claim._id, status: 'pending', attempt: claim.attempt }, { status: 'cancelled', cancelReason: 'incomplete', cancelledAt: serverDate() })
}
