import { createHash } from 'node:crypto'
import type { z } from 'zod'
import type { activitySummary, mySignup as mySignupSchema } from '@shared/contract/activities'
import type { ActivityCategory, Allocation } from '@shared/rules/activity-categories'
import { CANCELLABLE_STATUSES, canCancelAt, displayStatus, signupWindow, type CancelReason, type SignupStatus } from '@shared/rules/activity-signup'
import { collection, command, type Doc } from '../_lib/db'
import { wx } from '../_lib/cloud'
import { unionNames } from '../_lib/unions'

/**
 * An activity as stored. The first block is the shape the seed writes; the rest is added by this
 * function (optional, because seeded documents start without them; `ensureCounters` fills them in).
 */
export interface ActivityRecord extends Doc {
  unionId: string
  title: string
  category: ActivityCategory
  description: string
  place: string
  startAt: Date
  endAt: Date
  signupOpensAt: Date
  signupClosesAt: Date
  cancelCutoffAt: Date
  capacity: number
  /** Seats taken or reserved: always ≥ the sign-ups holding a seat, and ≤ capacity. */
  confirmedCount: number
  /** Waitlist tickets issued and not yet settled. */
  waitlistCount: number
  membersOnly: boolean
  allocation: Allocation
  status: 'published' | 'draft' | 'cancelled'
  coverFileId: string | null
  createdBy: string
  createdAt: Date

  /** The last waitlist ticket issued (1, 2, …); a ticket is taken by a compare-and-set on this field. */
  waitlistSeq?: number
  /** The last ticket the promotion pointer reached (a seat is reserved for it, or it was skipped). */
  promotedSeq?: number
  /** The last ticket whose promotion is finished; the pointer moves only when this equals `promotedSeq`. */
  settledSeq?: number
  /** Lottery entries so far (for display; the draw reads the entries themselves). */
  entryCount?: number
  drawStatus?: 'open' | 'drawing' | 'drawn' | null
  /** SHA-256 of the secret seed, published before anyone can enter. */
  seedCommitment?: string | null
  /** The seed itself: never returned before the draw reveals it. */
  seedSecret?: string | null
  draw?: {
    algorithm: string
    seed: string
    entriesDigest: string
    entryCount: number
    winnerCount: number
    drawnAt: Date
    drawnBy: string
  } | null
  publishedAt?: Date | null
  updatedAt?: Date
  cancelledAt?: Date | null
  cancelReason?: string | null
}

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
  waitlistSeq: number | null
  drawRank: number | null
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

/** The published record of a lottery draw: everything needed to re-run it. */
export interface DrawRecord extends Doc {
  algorithm: string
  seed: string
  seedCommitment: string
  capacity: number
  entriesDigest: string
  /** Sorted. */
  entryIds: string[]
  /** In draw order. */
  winners: string[]
  drawnAt: Date
  drawnBy: string
}

export const activities = collection<ActivityRecord>('activities')
export const signups = collection<SignupRecord>('signups')
export const draws = collection<DrawRecord>('draws')

/**
 * A claim older than this is dead: a function instance is stopped long before (the cloud's limit
 * is at most 60 s), so an attempt that has not finished by then never will.
 */
export const STALE_CLAIM_MS = 90 * 1000

/** One sign-up per person per activity: the id is derived, so a second insert is refused by the database. */
export function signupIdFor(activityId: string, openid: string): string {
  return `${activityId}.${createHash('sha256').update(`${activityId}\n${openid}`).digest('base64url').slice(0, 22)}`
}

const iso = (date: Date | null | undefined) => (date ? new Date(date).toISOString() : null)

export type ActivitySummary = z.input<typeof activitySummary>
export type MySignupView = z.input<typeof mySignupSchema>

/** Temporary URLs for cover images, in one call; a missing file just has no cover. */
export async function coverUrls(fileIds: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(fileIds)]
  if (unique.length === 0) return new Map()
  try {
    const { fileList } = (await wx().getTempFileURL({ fileList: unique })) as { fileList: Array<{ fileID: string; tempFileURL?: string; status?: number }> }
    return new Map(fileList.filter((file) => file.tempFileURL && !file.status).map((file) => [file.fileID, file.tempFileURL!]))
  } catch (error) {
    console.error('[activities] cover URLs failed', error)
    return new Map()
  }
}

/** Activities as lists show them: union names and cover URLs resolved in one query each. */
export async function summaries(records: ActivityRecord[], now: Date): Promise<ActivitySummary[]> {
  const [names, covers] = await Promise.all([
    unionNames(records.map((record) => record.unionId)),
    coverUrls(records.flatMap((record) => (record.coverFileId ? [record.coverFileId] : []))),
  ])
  return records.map((record) => summaryOf(record, now, names.get(record.unionId) ?? '', record.coverFileId ? (covers.get(record.coverFileId) ?? null) : null))
}

export function summaryOf(record: ActivityRecord, now: Date, unionName: string, coverUrl: string | null): ActivitySummary {
  const lottery = record.allocation === 'lottery'
  return {
    activityId: record._id,
    unionId: record.unionId,
    unionName,
    title: record.title,
    category: record.category,
    place: record.place,
    startAt: iso(record.startAt)!,
    endAt: iso(record.endAt)!,
    signupOpensAt: iso(record.signupOpensAt)!,
    signupClosesAt: iso(record.signupClosesAt)!,
    cancelCutoffAt: iso(record.cancelCutoffAt)!,
    capacity: record.capacity,
    confirmedCount: record.confirmedCount,
    waitlistCount: record.waitlistCount,
    entryCount: record.entryCount ?? 0,
    seatsLeft: Math.max(0, record.capacity - record.confirmedCount),
    membersOnly: record.membersOnly,
    allocation: record.allocation,
    status: record.status,
    signupWindow: signupWindow(record, now),
    drawStatus: lottery ? (record.drawStatus ?? 'open') : null,
    coverUrl,
  }
}

/** Where a waiting person stands: 1 means next to be promoted. */
export async function waitlistPosition(signup: SignupRecord): Promise<number | null> {
  if (signup.status !== 'waitlisted' || signup.waitlistSeq === null) return null
  const _ = command()
  return signups.count({ activityId: signup.activityId, status: 'waitlisted', waitlistSeq: _.lte(signup.waitlistSeq) })
}

export async function mySignupView(
  signup: SignupRecord,
  activity: Pick<ActivityRecord, 'allocation' | 'cancelCutoffAt' | 'status'>,
  now: Date,
): Promise<MySignupView> {
  // A sign-up that slipped in while the activity was being cancelled still reads as cancelled.
  const activityCancelled = activity.status === 'cancelled'
  return {
    signupId: signup._id,
    activityId: signup.activityId,
    status: activityCancelled ? 'cancelled' : displayStatus(signup.status, activity.allocation),
    waitlistPosition: activityCancelled ? null : await waitlistPosition(signup),
    canCancel: !activityCancelled && (CANCELLABLE_STATUSES as readonly SignupStatus[]).includes(signup.status) && canCancelAt(activity, now),
    signedUpAt: iso(signup.signedUpAt)!,
    promotedAt: iso(signup.promotedAt),
    checkedInAt: iso(signup.checkedInAt),
    cancelledAt: iso(signup.cancelledAt),
    cancelReason: activityCancelled ? 'activity_cancelled' : signup.cancelReason,
  }
}
