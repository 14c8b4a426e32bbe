import type { CalendarKind } from '@shared/rules/work-calendar'
import { collection, type Doc } from '../db'

/**
 * A root union's own calendar entry: a local holiday, or a correction of the national arrangement
 * of that day (which ships with the app). One per root union and day: `_id` is `holidayId(root, date)`.
 */
export interface HolidayRecord extends Doc {
  rootUnionId: string
  date: string
  kind: CalendarKind
  name: string
  updatedBy: string
  updatedAt: Date
}

export const holidays = collection<HolidayRecord>('holidays')

export const holidayId = (rootUnionId: string, date: string) => `${rootUnionId}:${date}`
