import { createHash } from 'node:crypto'
import type { Allocation } from '@shared/rules/activity-categories'
import type { CancelReason, SignupStatus } from '@shared/rules/activity-signup'
import { collection, type Doc } from '../db'
import type { ActivityRecord } from './activities'

/** One person's sign-up for one activity: a claim while it is being taken, then a seat, a ticket or an entry. */
export interface SignupRecord extends Doc {
  activityId: string
  unionId: string
  openid: string
  memberId: string | null
  memberNumber: string | null
  allocation: Allocation
  status: SignupStatus
  /** Counts claims of this document: a failed attempt may be claimed again. */
  attempt: number
  /** When the current claim started; a claim older than `STALE_CLAIM_MS` is dead. */
  pendingSince: Date
  /** First come: when it joined the line, by the database's clock; the line is ordered by this, then `_id`. */
  waitlistedAt: Date | null
  /** Lottery: its place in the draw order after the winners (1 = first to be promoted). */
  waitlistSeq: number | null
  drawRank: number | null
  /** The promotion that confirmed it (the activity's `promotion.token`), so a finished promotion can be told from another. */
  promotionToken?: string | null
  /** Set once the draw has dealt with this entry (won, not drawn, or cancelled meanwhile). */
  drawSettled?: boolean
  /** The activity was cancelled and this person has not been told yet. */
  noticeDue?: boolean
  signedUpAt: Date
  confirmedAt: Date | null
  promotedAt: Date | null
  cancelledAt: Date | null
  cancelledFrom: SignupStatus | null
  cancelReason: CancelReason | null
  checkedInAt: Date | null
  checkedInBy: string | null
  checkInMethod: 'card' | 'event_code' | null
  /** Copied from the activity so that 我的活动 can sort and filter by it. */
  activityStartAt: Date
  activityEndAt: Date
}

export const signups = collection<SignupRecord>('signups')

/**
 * A claim older than this is dead: a function instance is stopped long before (the cloud's limit
 * is at most 60 s), so an attempt that has not finished by then never will.
 */
export const STALE_CLAIM_MS = 90 * 1000

/** One sign-up per person per activity: the id is derived, so a second insert is refused by the database. */
export function signupIdFor(activityId: string, openid: string): string {
  return `${activityId}.${createHash('sha256').update(`${activityId}\n${openid}`).digest('base64url').slice(0, 22)}`
}

/** A sign-up as it is first claimed: `pending` since `at`, holding no seat, ticket or entry yet. */
export function pendingSignup(
  activity: Pick<ActivityRecord, '_id' | 'unionId' | 'allocation' | 'startAt' | 'endAt'>,
  openid: string,
  member: Pick<SignupRecord, 'memberId' | 'memberNumber'>,
  at: Date,
): SignupRecord {
  return {
    _id: signupIdFor(activity._id, openid),
    activityId: activity._id,
    unionId: activity.unionId,
    openid,
    ...member,
    allocation: activity.allocation,
    status: 'pending',
    attempt: 1,
    pendingSince: at,
    waitlistedAt: null,
    waitlistSeq: null,
    drawRank: null,
    signedUpAt: at,
    confirmedAt: null,
    promotedAt: null,
    cancelledAt: null,
    cancelledFrom: null,
    cancelReason: null,
    checkedInAt: null,
    checkedInBy: null,
    checkInMethod: null,
    activityStartAt: activity.startAt,
    activityEndAt: activity.endAt,
  }
}
