import type { ComplaintCategory } from '@shared/rules/complaint-categories'
import type { ReferralDepartment, Satisfaction } from '@shared/rules/complaint-handling'
import type { ComplaintStatus, LetterType } from '@shared/rules/complaint-status'
import type { ComplaintTier } from '@shared/rules/complaint-tiers'
import { collection, type Doc } from '../db'

/**
 * One step of a case. Kept as an array on the case document and only ever appended with `push`,
 * in the same conditional update that changes the status: the step and the status change are one
 * atomic write, so there is never a status without its step (a separate collection would need a
 * transaction for that). No openid or name is stored here, so showing it can never unmask anyone.
 */
export interface TimelineRecord {
  at: Date
  actor: 'complainant' | 'staff' | 'system'
  kind: 'filed' | 'status' | 'reply' | 'rated' | 'extended' | 'referred' | 'feedback' | 'callback' | 'quality' | 'claimed'
  from: ComplaintStatus | null
  to: ComplaintStatus | null
  note: string | null
  letterType: LetterType | null
  score: number | null
  tier: ComplaintTier | null
  /** The date this step promised next: a deadline set, extended, or given to another department. */
  day: string | null
  /** The department a referral went to, as the worker reads it. */
  department: string | null
  reached: boolean | null
  satisfaction: Satisfaction | null
}

/** The deadline of one stage, and its one extension. */
export interface ExtensionRecord {
  fromDay: string
  toDay: string
  days: number
  reason: string
  at: Date
}

export interface ComplaintRecord extends Doc {
  trackingNumber: string
  /**
   * Who filed it: used for `mine`, ownership checks and notifications; never in a staff response.
   * Null for a case taken on the hotline until its caller claims it in the app.
   */
  ownerOpenid: string | null
  unionId: string
  /** The root of `unionId`'s tree when filed: whose tier settings and calendar the deadlines use. */
  rootUnionId: string
  routedBy: 'membership' | 'district' | 'city' | 'intake'
  /** Snapshot at filing for staff; null for anonymous cases and non-members. */
  memberNumber: string | null
  isMember: boolean
  district: string | null
  category: ComplaintCategory
  description: string
  employer: string
  amountOwedFen: number | null
  occurredOn: string
  /** Cloud storage file IDs; only temporary URLs ever leave the function. */
  attachments: string[]
  anonymous: boolean
  contactPhoneCipher: string | null
  /** The hotline caller's name on a case staff took by phone (for the claim check); null otherwise. */
  callerNameCipher: string | null
  contentCheck: { suggest: 'pass' | 'review'; label: string | null }
  status: ComplaintStatus
  /** Set by staff on acceptance; null before (the accept clock is then 一般's, or the tier staff judged at intake). */
  tier: ComplaintTier | null
  /**
   * The accept and resolve deadlines as promised (after any extension). `…Provisional`: counted over
   * a year with no national holiday arrangements yet. `…Extension`: the stage's one extension.
   */
  deadlines: {
    acceptBy: Date
    acceptByDay: string
    acceptProvisional: boolean
    acceptExtension: ExtensionRecord | null
    resolveBy: Date | null
    resolveByDay: string | null
    resolveProvisional: boolean
    resolveExtension: ExtensionRecord | null
  }
  /** The deadline of the current phase (accept, resolve or referral), for sorting and overdue filters; null once nothing is owed. */
  dueAt: Date | null
  /** Whether acceptance (or refusal) came by the accept deadline; null until decided. */
  acceptedOnTime: boolean | null
  /** Whether the latest resolution came by the resolve deadline then in force; null until resolved. */
  resolvedOnTime: boolean | null
  escalation: { letterType: LetterType; at: Date } | null
  /** The latest referral; while it waits, the resolve clock is paused with `resolveDaysLeft` working days left. */
  referral: {
    department: ReferralDepartment
    departmentName: string
    note: string
    at: Date
    dueAt: Date
    dueDay: string
    provisional: boolean
    resolveDaysLeft: number
    feedback: { note: string; at: Date } | null
  } | null
  /** The callback of the latest resolution; null until someone answered it (reset when a case is reopened). */
  callback: { by: 'complainant' | 'staff' | 'system'; reached: boolean; satisfaction: Satisfaction | null; note: string | null; at: Date } | null
  qualityCheck: { passed: boolean; note: string | null; at: Date; byOpenid: string } | null
  rating: { score: number; comment: string | null; at: Date } | null
  /** A case staff took on the hotline: who took the call, and when the caller claimed it in the app. */
  intake: { takenBy: string; claimedAt: Date | null } | null
  timeline: TimelineRecord[]
  filedAt: Date
  updatedAt: Date
  acceptedAt: Date | null
  resolvedAt: Date | null
  closedAt: Date | null
}

/** What the reports count of a case, by the day it was filed. */
export const COMPLAINT_COUNTED_FIELDS = ['unionId', 'filedAt', 'category', 'status', 'deadlines', 'resolvedAt', 'closedAt', 'rating'] as const satisfies readonly (keyof ComplaintRecord)[]

export const complaints = collection<ComplaintRecord>('complaints', { countedFields: COMPLAINT_COUNTED_FIELDS })

/** A timeline step with the fields its kind does not use set to null. */
export function timelineStep(fields: Pick<TimelineRecord, 'at' | 'actor' | 'kind'> & Partial<TimelineRecord>): TimelineRecord {
  return { from: null, to: null, note: null, letterType: null, score: null, tier: null, day: null, department: null, reached: null, satisfaction: null, ...fields }
}
