import type { ComplaintCategory } from '@shared/rules/complaint-categories'
import type { ComplaintStatus, LetterType } from '@shared/rules/complaint-status'
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
  kind: 'filed' | 'status' | 'reply' | 'rated'
  from: ComplaintStatus | null
  to: ComplaintStatus | null
  note: string | null
  letterType: LetterType | null
  score: number | null
}

export interface ComplaintRecord extends Doc {
  trackingNumber: string
  /** Who filed it: used for `mine`, ownership checks and notifications; never in a staff response. */
  ownerOpenid: string
  unionId: string
  routedBy: 'membership' | 'district' | 'city'
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
  contentCheck: { suggest: 'pass' | 'review'; label: string | null }
  status: ComplaintStatus
  deadlines: { acceptBy: Date; acceptByDay: string; resolveBy: Date | null; resolveByDay: string | null }
  /** The deadline of the current phase, for sorting and overdue filters; null once nothing is owed. */
  dueAt: Date | null
  escalation: { letterType: LetterType; at: Date } | null
  rating: { score: number; comment: string | null; at: Date } | null
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
  return { from: null, to: null, note: null, letterType: null, score: null, ...fields }
}
