import type { ComplaintSettings } from '@shared/rules/complaint-tiers'
import { collection, type Doc } from '../db'

/** A root union's tier clocks and referral clock; `_id` is the root union's id. Absent: the defaults apply. */
export interface ComplaintSettingsRecord extends Doc, ComplaintSettings {
  updatedBy: string
  updatedAt: Date
}

export const complaintSettings = collection<ComplaintSettingsRecord>('complaintSettings')
