import { createHash } from 'node:crypto'
import { collection, type Doc } from '../db'
import type { PersonDetails, WorkDetails } from './members'

/** A join application, or a member's request to transfer (`kind`), decided by staff of `unionId`. */
export interface ApplicationRecord extends Doc, WorkDetails, PersonDetails {
  openid: string
  /** `transfer`: a member asking to move; `memberId` and `fromUnionId` say from where. */
  kind: 'join' | 'transfer'
  unionId: string
  fromUnionId: string | null
  memberId: string | null
  status: 'pending' | 'approved' | 'rejected'
  consentAt: Date
  rejectReason: string | null
  createdAt: Date
  decidedAt: Date | null
  decidedBy: string | null
}

/** What the reports count of an application: the join funnel by the day it was filed. */
export const APPLICATION_COUNTED_FIELDS = ['kind', 'unionId', 'status', 'createdAt', 'decidedAt'] as const satisfies readonly (keyof ApplicationRecord)[]

export const applications = collection<ApplicationRecord>('applications', { countedFields: APPLICATION_COUNTED_FIELDS })

/**
 * The id of a person's n-th application. Derived, not random: two submissions racing from the same
 * WeChat account (two taps, two devices) compute the same id and the database keeps only one.
 */
export function applicationIdFor(openid: string, sequence: number): string {
  return `ap-${createHash('sha256').update(openid).digest('hex').slice(0, 20)}-${sequence}`
}
