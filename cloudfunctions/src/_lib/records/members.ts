import type { Sex } from '@shared/rules/id-number'
import type { EmploymentType } from '@shared/rules/join'
import { collection, type Doc } from '../db'

/** Where the person works, as the join form asks it; copied from the application when approved. */
export interface WorkDetails {
  employmentType: EmploymentType
  employer: string | null
  platform: string | null
  occupation: string
  district: string
}

/** The person, with ID and phone only as ciphertext plus keyed hashes (PIPL). */
export interface PersonDetails {
  name: string
  idCipher: string
  idHash: string
  phoneCipher: string
  phoneHash: string
  birthDate: string
  sex: Sex
}

/** One document per person (its `_id` comes from the ID hash), moved between unions by transfers. */
export interface MemberRecord extends Doc, WorkDetails, PersonDetails {
  openid: string
  unionId: string
  memberNumber: string
  status: 'active' | 'transferred' | 'left'
  /** First admission, kept across transfers. */
  joinedAt: Date
  /** Since when the person belongs to the current union. */
  since: Date
  /** Earlier unions, oldest first; the current one is `unionId` since `since`. */
  history: Array<{ unionId: string; from: Date; to: Date }>
  applicationId: string
}

/** What the reports count of a member: where they are now, and when they joined and moved. */
export const MEMBER_COUNTED_FIELDS = ['unionId', 'status', 'employmentType', 'platform', 'district', 'joinedAt', 'history'] as const satisfies readonly (keyof MemberRecord)[]

export const members = collection<MemberRecord>('members', { countedFields: MEMBER_COUNTED_FIELDS })

/** The member document id for a person: one per ID number, so a second admission cannot be inserted. */
export const memberIdFor = (idHash: string) => `m-${idHash.slice(0, 32)}`
