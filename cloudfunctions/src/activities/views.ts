import type * as z from 'zod/mini'
import type { activitySummary, mySignup as mySignupSchema } from '@shared/contract/activities'
import { CANCELLABLE_STATUSES, canCancelAt, displayStatus, signupWindow, type SignupStatus } from '@shared/rules/activity-signup'
import { command } from '../_lib/db'
import type { ActivityRecord } from '../_lib/records/activities'
import { signups, type SignupRecord } from '../_lib/records/signups'
import { temporaryUrls } from '../_lib/storage'
import { unionNames } from '../_lib/union-tree'

const iso = (date: Date | null | undefined) => (date ? new Date(date).toISOString() : null)

export type ActivitySummary = z.input<typeof activitySummary>
export type MySignupView = z.input<typeof mySignupSchema>

/** Temporary URLs for cover images, in one call; a missing file just has no cover. */
export async function coverUrls(fileIds: string[]): Promise<Map<string, string>> {
  try {
    return await temporaryUrls(fileIds)
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
