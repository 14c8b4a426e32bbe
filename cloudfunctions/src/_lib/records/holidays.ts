import { collection, type Doc } from '../db'

/** A day off the normal working week (or a weekend day worked instead), for deadlines in working days. */
export interface HolidayRecord extends Doc {
  /** Same as `_id`: one entry per day. */
  date: string
  kind: 'holiday' | 'workday'
  name: string
  updatedBy: string
  updatedAt: Date
}

export const holidays = collection<HolidayRecord>('holidays')
