import { SEAT_STATUSES } from '@shared/rules/activity-signup'
import { chinaDay, daysBetween, type Day } from '@shared/rules/china-time'
import { command, type Collection, type Doc, type TransactionRef } from '../_lib/db'
import { type ACTIVITY_COUNTED_FIELDS, activities, type ActivityRecord } from '../_lib/records/activities'
import { type APPLICATION_COUNTED_FIELDS, applications, type ApplicationRecord } from '../_lib/records/applications'
import { type COMPLAINT_COUNTED_FIELDS, complaints, type ComplaintRecord } from '../_lib/records/complaints'
import { type MEMBER_COUNTED_FIELDS, members, type MemberRecord } from '../_lib/records/members'
import { type SIGNUP_COUNTED_FIELDS, signups, type SignupRecord } from '../_lib/records/signups'

/**
 * What each counted document adds to the reports, as a pure function of its counted fields (the
 * types below let each rule read no other field, so a write that changes none of them cannot change
 * what a document counts). An entry is `n` of key `k` for a union on a China day (`b` is
 * `<unionId>|<day>`), or for the union as it stands now (`<unionId>|now`: today's members).
 */
export interface Entry {
  b: string
  k: string
  n: number
}

export const NOW = 'now'

/** The keys of the rollups: one name for each count, used by the fold and by the report. */
export const KEYS = {
  memberOfUnion: (unionId: string) => `members.union:${unionId}`,
  memberPlatform: (platform: string) => `members.platform:${platform}`,
  memberDistrict: (district: string) => `members.district:${district}`,
  memberEmployment: (type: string) => `members.employment:${type}`,
  admitted: (month: string) => `members.admitted@${month}`,
  transferredIn: (month: string) => `members.transferredIn@${month}`,
  transferredOut: (month: string) => `members.transferredOut@${month}`,
  applied: 'funnel.applied',
  applicationStatus: (status: string) => `funnel.status:${status}`,
  decisionDays: (days: number) => `funnel.days:${days}`,
  filed: 'complaints.filed',
  category: (category: string) => `complaints.category:${category}`,
  complaintStatus: (status: string) => `complaints.status:${status}`,
  decided: 'complaints.decided',
  decidedOnTime: 'complaints.decidedOnTime',
  rated: 'complaints.rated',
  ratingSum: 'complaints.ratingSum',
  activities: 'activities.count',
  capacity: 'activities.capacity',
  seated: 'activities.seated',
  checkedIn: 'activities.checkedIn',
} as const

/** The district a member gave, or this when an old record has none. */
export const UNKNOWN_DISTRICT = '未填写'

const on = (unionId: string, day: Day | typeof NOW) => `${unionId}|${day}`
const monthOf = (day: Day) => day.slice(0, 7)

type Counted<R, F extends readonly (keyof R)[]> = Pick<R, F[number]>

/**
 * A member counts today in their union (by platform, district and kind of work) while active, and
 * on the days they were admitted and moved: admitted to their first union, out of and into the
 * unions of each transfer (history closes one stint per transfer).
 */
export function memberEntries(member: Counted<MemberRecord, typeof MEMBER_COUNTED_FIELDS>): Entry[] {
  const entries: Entry[] = []
  if (member.status === 'active') {
    const now = on(member.unionId, NOW)
    entries.push({ b: now, k: KEYS.memberOfUnion(member.unionId), n: 1 })
    entries.push({ b: now, k: KEYS.memberDistrict(member.district || UNKNOWN_DISTRICT), n: 1 })
    if (member.employmentType) entries.push({ b: now, k: KEYS.memberEmployment(member.employmentType), n: 1 })
    if (member.platform) entries.push({ b: now, k: KEYS.memberPlatform(member.platform), n: 1 })
  }
  const stints = member.history ?? []
  // Records written before admissions were dated (and test fixtures) have no joinedAt: no admission day to count.
  if (member.joinedAt) {
    const joined = chinaDay(member.joinedAt)
    entries.push({ b: on(stints[0]?.unionId ?? member.unionId, joined), k: KEYS.admitted(monthOf(joined)), n: 1 })
  }
  stints.forEach((stint, i) => {
    const day = chinaDay(stint.to)
    entries.push({ b: on(stint.unionId, day), k: KEYS.transferredOut(monthOf(day)), n: 1 })
    entries.push({ b: on(stints[i + 1]?.unionId ?? member.unionId, day), k: KEYS.transferredIn(monthOf(day)), n: 1 })
  })
  return entries
}

/**
 * A join application counts on the day it was filed, in its union: applied, its status now, and
 * once decided the calendar days from filing to decision (transfers are not part of the funnel:
 * they show as members moving).
 */
export function applicationEntries(application: Counted<ApplicationRecord, typeof APPLICATION_COUNTED_FIELDS>): Entry[] {
  if (application.kind !== 'join') return []
  const filed = chinaDay(application.createdAt)
  const b = on(application.unionId, filed)
  const entries: Entry[] = [
    { b, k: KEYS.applied, n: 1 },
    { b, k: KEYS.applicationStatus(application.status), n: 1 },
  ]
  if (application.status !== 'pending' && application.decidedAt) {
    entries.push({ b, k: KEYS.decisionDays(daysBetween(filed, chinaDay(application.decidedAt))), n: 1 })
  }
  return entries
}

/**
 * When the union gave the worker its answer, and by when it had promised to: a refusal against
 * the accept deadline, a resolution (办结) against the resolve deadline then in force.
 */
export function decisionOf(complaint: Counted<ComplaintRecord, typeof COMPLAINT_COUNTED_FIELDS>): { at: Date; due: Date | null } | null {
  if (complaint.status === 'rejected' && complaint.closedAt) return { at: new Date(complaint.closedAt), due: new Date(complaint.deadlines.acceptBy) }
  if (complaint.resolvedAt) return { at: new Date(complaint.resolvedAt), due: complaint.deadlines.resolveBy ? new Date(complaint.deadlines.resolveBy) : null }
  return null
}

/** A case counts on the day it was filed, in the union handling it: category, status now, its decision and rating. */
export function complaintEntries(complaint: Counted<ComplaintRecord, typeof COMPLAINT_COUNTED_FIELDS>): Entry[] {
  const b = on(complaint.unionId, chinaDay(complaint.filedAt))
  const entries: Entry[] = [
    { b, k: KEYS.filed, n: 1 },
    { b, k: KEYS.category(complaint.category), n: 1 },
    { b, k: KEYS.complaintStatus(complaint.status), n: 1 },
  ]
  const decision = decisionOf(complaint)
  if (decision) {
    entries.push({ b, k: KEYS.decided, n: 1 })
    if (decision.due && decision.at.getTime() <= decision.due.getTime()) entries.push({ b, k: KEYS.decidedOnTime, n: 1 })
  }
  if (complaint.rating) {
    entries.push({ b, k: KEYS.rated, n: 1 })
    entries.push({ b, k: KEYS.ratingSum, n: complaint.rating.score })
  }
  return entries
}

/** A published activity counts on its start day with its seats; drafts and cancelled ones count nothing. */
export function activityEntries(activity: Counted<ActivityRecord, typeof ACTIVITY_COUNTED_FIELDS>): Entry[] {
  if (activity.status !== 'published') return []
  const b = on(activity.unionId, chinaDay(activity.startAt))
  return [
    { b, k: KEYS.activities, n: 1 },
    { b, k: KEYS.capacity, n: activity.capacity },
  ]
}

/** A sign-up holding a seat counts on its activity's start day, and once more when checked in. */
export function signupEntries(signup: Counted<SignupRecord, typeof SIGNUP_COUNTED_FIELDS>): Entry[] {
  if (!(SEAT_STATUSES as readonly string[]).includes(signup.status)) return []
  const b = on(signup.unionId, chinaDay(signup.activityStartAt))
  const entries: Entry[] = [{ b, k: KEYS.seated, n: 1 }]
  if (signup.status === 'checked_in') entries.push({ b, k: KEYS.checkedIn, n: 1 })
  return entries
}

/** A collection the reports count: how to find its documents not yet folded, read them in a fold, and what each counts. */
export interface CountedCollection {
  name: string
  /** Pending documents (counted fields and `_id` only) after `afterId`, in `_id` order. */
  findPending(limit: number, afterId: string | null): Promise<Doc[]>
  getIn(transaction: TransactionRef, id: string): Promise<Doc | null>
  /** Clears the pending mark inside the fold's transaction (not a counted field, so not marked again). */
  markFoldedIn(transaction: TransactionRef, id: string): Promise<number>
  entries(doc: Doc): Entry[]
}

/**
 * Not folded yet: marked by a write, or never marked (seeded data, documents from before the
 * reports existed: a missing field matches null, on the cloud as here).
 */
const pendingWhere = () => ({ rollupPending: command().in([true, null]) })

function counted<T extends Doc>(records: Collection<T>, entries: (doc: T) => Entry[]): CountedCollection {
  const fields = Object.fromEntries([...(records.countedFields ?? []), '_id'].map((field) => [field, true]))
  return {
    name: records.name,
    findPending: (limit, afterId) =>
      records.find(afterId === null ? pendingWhere() : { ...pendingWhere(), _id: command().gt(afterId) }, { orderBy: [['_id', 'asc']], limit, fields }),
    getIn: (transaction, id) => records.in(transaction).get(id),
    markFoldedIn: (transaction, id) => records.in(transaction).update(id, { rollupPending: false }),
    // Documents of this collection, read with at least the counted fields.
    entries: (doc) => entries(doc as T),
  }
}

/** Every counted collection, in the order the fold takes them. */
export const COUNTED: readonly CountedCollection[] = [
  counted(members, memberEntries),
  counted(applications, applicationEntries),
  counted(complaints, complaintEntries),
  counted(activities, activityEntries),
  counted(signups, signupEntries),
]

/** The day or `now` an entry is for, and its union. */
export function whereOf(entry: Entry): { unionId: string; day: Day | typeof NOW } {
  const cut = entry.b.lastIndexOf('|')
  return { unionId: entry.b.slice(0, cut), day: entry.b.slice(cut + 1) }
}
