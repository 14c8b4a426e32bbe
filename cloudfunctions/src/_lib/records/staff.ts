import type { StaffRole } from '@shared/vocabulary'
import { collection, type Doc } from '../db'

/** One person's role in one union; a person may have several. */
export interface StaffRecord extends Doc {
  openid: string
  unionId: string
  role: StaffRole
  name: string
  createdAt: Date
}

export const staff = collection<StaffRecord>('staff')
