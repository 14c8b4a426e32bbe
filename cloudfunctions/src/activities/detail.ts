import type * as z from 'zod/mini'
import type { activityDetail, eligibility as eligibilitySchema, lotteryInfo } from '@shared/contract/activities'
import { DRAW_ALGORITHM } from '@shared/rules/activity-lottery'
import { signupWindow } from '@shared/rules/activity-signup'
import { chinaDateTime } from '@shared/rules/china-time'
import type { Caller } from '../_lib/identity'
import type { ActivityRecord } from '../_lib/records/activities'
import { signupIdFor, signups, type SignupRecord } from '../_lib/records/signups'
import { unionNames } from '../_lib/union-tree'
import { qualifyingMembership } from './access'
import { coverUrls, mySignupView, summaryOf, waitingCount } from './views'

export type ActivityDetail = z.input<typeof activityDetail>
type Eligibility = z.input<typeof eligibilitySchema>

/** The lottery's public facts: the commitment always, the seed only once the draw has revealed it. */
export function lotteryOf(activity: ActivityRecord): z.input<typeof lotteryInfo> | null {
  if (activity.allocation !== 'lottery') return null
  const draw = activity.draw ?? null
  return {
    algorithm: draw?.algorithm ?? DRAW_ALGORITHM,
    seedCommitment: activity.seedCommitment ?? '',
    seed: draw?.seed ?? null,
    entriesDigest: draw?.entriesDigest ?? null,
    entryCount: draw?.entryCount ?? activity.entryCount ?? 0,
    winnerCount: draw?.winnerCount ?? 0,
    drawnAt: draw?.drawnAt ? new Date(draw.drawnAt).toISOString() : null,
  }
}

/** A sign-up the person should see: an attempt that never finished is not one. */
export function visibleSignup(signup: SignupRecord | null): SignupRecord | null {
  return signup && !(signup.status === 'cancelled' && signup.cancelReason === 'incomplete') ? signup : null
}

async function eligibilityOf(activity: ActivityRecord, caller: Caller | null, mine: SignupRecord | null, now: Date): Promise<Eligibility> {
  const no = (reason: NonNullable<Eligibility['reason']>, message: string): Eligibility => ({ canSignUp: false, reason, message })
  if (activity.status === 'draft') return no('draft', '活动尚未发布')
  if (activity.status === 'cancelled') return no('cancelled', '活动已取消')
  if (mine) return no('signed_up', mine.status === 'cancelled' ? '您已取消报名，不能再次报名' : '您已报名')
  const window = signupWindow(activity, now)
  if (window === 'not_open') return no('not_open', `报名将于 ${chinaDateTime(activity.signupOpensAt)} 开始`)
  if (window === 'closed') return no('closed', '报名已截止')
  if (!caller) return no('sign_in', '请先登录后报名')
  if (activity.membersOnly && !(await qualifyingMembership(caller, activity))) return no('members_only', '此活动仅限本工会会员报名，请先申请入会')
  return { canSignUp: true, reason: null, message: null }
}

/** The detail page's data for this caller. */
export async function detailFor(activity: ActivityRecord, caller: Caller | null): Promise<ActivityDetail> {
  const now = new Date()
  const [names, covers, canManage, mineRaw, waiting] = await Promise.all([
    unionNames([activity.unionId]),
    coverUrls(activity.coverFileId ? [activity.coverFileId] : []),
    caller ? caller.servesUnion(activity.unionId) : Promise.resolve(false),
    caller ? signups.get(signupIdFor(activity._id, caller.openid)) : Promise.resolve(null),
    waitingCount(activity),
  ])
  const mine = visibleSignup(mineRaw)
  return {
    ...summaryOf(activity, now, names.get(activity.unionId) ?? '', activity.coverFileId ? (covers.get(activity.coverFileId) ?? null) : null, waiting),
    description: activity.description,
    coverFileId: activity.coverFileId,
    createdAt: new Date(activity.createdAt).toISOString(),
    cancelReason: activity.cancelReason ?? null,
    lottery: lotteryOf(activity),
    mySignup: mine ? await mySignupView(mine, activity, now) : null,
    eligibility: await eligibilityOf(activity, caller, mine, now),
    canManage,
  }
}
