import type { StaffRole } from '@shared/vocabulary'
import { collection, type Doc } from '../db'

export { staffIdFor } from '@shared/rules/staff'

/**
 * One person's role in one union; a person may have several (one per union). The `_id` is
 * `staffIdFor(openid, unionId)`, so the database keeps one record per person and union.
 */
export interface StaffRecord extends Doc {
  openid: string
  unionId: string
  role: StaffRole
  name: string
  createdAt: Date
  /** The admin whose invitation made this record (absent for the first admin and seeded records). */
  invitedBy?: string | null
  updatedAt?: Date
}

export const staff = collection<StaffRecord>('staff')
