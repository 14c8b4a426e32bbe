import type * as z from 'zod/mini'
import { activitySummary, type mySignup as mySignupSchema } from '@shared/contract/activities'
import { CANCELLABLE_STATUSES, canCancelAt, displayStatus, signupWindow, type SignupStatus } from '@shared/rules/activity-signup'
import { listRows } from '../_lib/list-rows'
import type { ActivityRecord } from '../_lib/records/activities'
import { signups, type SignupRecord } from '../_lib/records/signups'
import { temporaryUrls } from '../_lib/storage'
import { unionNames } from '../_lib/union-tree'
import { placeInLine } from './seats'

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

/** How many wait in an activity's line: the waiting sign-ups themselves (an index count), none before the line opens. */
export async function waitingCount(record: Pick<ActivityRecord, '_id' | 'lineOpen'>): Promise<number> {
  return record.lineOpen ? signups.count({ activityId: record._id, status: 'waitlisted' }) : 0
}

/** Activities as lists show them: union names and cover URLs resolved in one query each. */
export async function summaries(records: ActivityRecord[], now: Date): Promise<ActivitySummary[]> {
  const [names, covers, waiting] = await Promise.all([
    unionNames(records.map((record) => record.unionId)),
    coverUrls(records.flatMap((record) => (record.coverFileId ? [record.coverFileId] : []))),
    Promise.all(records.map(waitingCount)),
  ])
  return listRows('activities', records, activitySummary, (record, i) =>
    summaryOf(record, now, names.get(record.unionId) ?? '', record.coverFileId ? (covers.get(record.coverFileId) ?? null) : null, waiting[i]!),
  )
}

export function summaryOf(record: ActivityRecord, now: Date, unionName: string, coverUrl: string | null, waitlistCount: number): ActivitySummary {
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
    waitlistCount,
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

/** A person's own sign-up; `place` when their place in line is already known. */
export async function mySignupView(
  signup: SignupRecord,
  activity: Pick<ActivityRecord, 'allocation' | 'cancelCutoffAt' | 'status'>,
  now: Date,
  place?: number | null,
): Promise<MySignupView> {
  // A sign-up that slipped in while the activity was being cancelled still reads as cancelled.
  const activityCancelled = activity.status === 'cancelled'
  return {
    signupId: signup._id,
    activityId: signup.activityId,
    status: activityCancelled ? 'cancelled' : displayStatus(signup.status, activity.allocation),
    waitlistPosition: activityCancelled ? null : place !== undefined ? place : await placeInLine(signup),
    canCancel: !activityCancelled && (CANCELLABLE_STATUSES as readonly SignupStatus[]).includes(signup.status) && canCancelAt(activity, now),
    signedUpAt: iso(signup.signedUpAt)!,
    promotedAt: iso(signup.promotedAt),
    checkedInAt: iso(signup.checkedInAt),
    cancelledAt: iso(signup.cancelledAt),
    cancelReason: activityCancelled ? 'activity_cancelled' : signup.cancelReason,
  }
}
