import { randomBytes } from 'node:crypto'
import { seedCommitment } from '@shared/rules/activity-lottery'
import { command } from '../_lib/db'
import { AppFailure } from '../_lib/failure'
import type { Caller } from '../_lib/identity'
import { activities, type ActivityRecord } from '../_lib/records/activities'
import type { MemberRecord } from '../_lib/records/members'
import { ancestorIds } from '../_lib/union-tree'

export const NOT_FOUND_MESSAGE = '活动不存在或已下线'

/** An activity the caller may see: drafts only for the staff who organise it. */
export async function loadActivity(activityId: string, caller: Caller | null, { allowDraft = false } = {}): Promise<ActivityRecord> {
  const activity = await activities.get(activityId)
  if (!activity) throw new AppFailure('NOT_FOUND', NOT_FOUND_MESSAGE)
  if (activity.status === 'draft' && !(allowDraft && caller && (await caller.servesUnion(activity.unionId)))) {
    throw new AppFailure('NOT_FOUND', NOT_FOUND_MESSAGE)
  }
  return activity.status === 'published' ? ensureCounters(activity) : activity
}

/** Staff actions: only staff who serve the organising union (or administer a union above it). */
export async function loadManagedActivity(activityId: string, caller: Caller): Promise<ActivityRecord> {
  const activity = await activities.get(activityId)
  if (!activity) throw new AppFailure('NOT_FOUND', NOT_FOUND_MESSAGE)
  await requireManager(caller, activity.unionId)
  return activity.status === 'published' ? ensureCounters(activity) : activity
}

export async function requireManager(caller: Caller, unionId: string): Promise<void> {
  if (!(await caller.servesUnion(unionId))) throw new AppFailure('FORBIDDEN', '只有主办工会的工作人员可以管理此活动')
}

/**
 * Seeded and older documents lack the fields this function adds. They are filled in once, each by a
 * conditional update that only applies while the field is missing, so concurrent first callers agree.
 * A lottery gets its seed here at the latest, before the first entry can be counted.
 */
export async function ensureCounters(activity: ActivityRecord): Promise<ActivityRecord> {
  const _ = command()
  let changed = false
  if (activity.lineOpen === undefined || activity.entryCount === undefined) {
    await activities.updateWhere(
      { _id: activity._id, lineOpen: _.exists(false) },
      { lineOpen: false, promotion: null, entryCount: 0, drawStatus: activity.allocation === 'lottery' ? 'open' : null },
    )
    changed = true
  }
  if (activity.allocation === 'lottery' && !activity.seedCommitment) {
    await activities.updateWhere({ _id: activity._id, seedCommitment: _.exists(false) }, newLotterySeed())
    changed = true
  }
  if (!changed) return activity
  const fresh = await activities.get(activity._id)
  if (!fresh) throw new AppFailure('NOT_FOUND', NOT_FOUND_MESSAGE)
  return fresh
}

/** 32 random bytes; only the commitment is shown until the draw. */
export function newLotterySeed(): { seedSecret: string; seedCommitment: string } {
  const seedSecret = randomBytes(32).toString('hex')
  return { seedSecret, seedCommitment: seedCommitment(seedSecret) }
}

/** The caller's membership if it counts for this activity: their union is the organiser or below it. */
export async function qualifyingMembership(caller: Caller, activity: Pick<ActivityRecord, 'unionId'>): Promise<MemberRecord | null> {
  const member = await caller.membership()
  if (!member) return null
  if (member.unionId === activity.unionId) return member
  return (await ancestorIds(member.unionId)).includes(activity.unionId) ? member : null
}
