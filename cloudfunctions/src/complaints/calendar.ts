import { calendarFrom, calendarWindow, chinaDay, type WorkCalendar } from '@shared/rules/china-time'
import { command } from '../_lib/db'
import { holidays } from '../_lib/records/holidays'

/** The holiday list over the days a deadline counted from `from` can reach. */
export async function calendarAround(from: Date, workingDays: number): Promise<WorkCalendar> {
  const window = calendarWindow(chinaDay(from), workingDays)
  const _ = command()
  const entries = await holidays.find({ date: _.and(_.gte(window.from), _.lte(window.to)) }, { limit: 1000, fields: { date: true, kind: true } })
  return calendarFrom(entries)
}
