/**
 * Working-day arithmetic for deadlines promised to workers ("工会将在 11月29日 前受理").
 * Days are China calendar dates (`YYYY-MM-DD`, UTC+8, no daylight saving), so the result does not
 * depend on the time zone of the phone or of the function instance.
 */

/** A calendar date in China, `YYYY-MM-DD`. */
export type Day = string

/**
 * What the union's holiday list says beyond plain weekends: public holidays (法定节假日) that fall on
 * weekdays, and weekend days that are working days because of a holiday swap (调休上班).
 */
export interface WorkCalendar {
  holidays: ReadonlySet<Day>
  makeUpWorkdays: ReadonlySet<Day>
}

export const EMPTY_CALENDAR: WorkCalendar = { holidays: new Set(), makeUpWorkdays: new Set() }

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000
const DAY_MS = 24 * 60 * 60 * 1000
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/

/** True for a real calendar date written `YYYY-MM-DD` (rejects `2026-02-30`). */
export function isDay(value: string): boolean {
  const match = DAY_PATTERN.exec(value)
  if (!match) return false
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])))
  return date.toISOString().slice(0, 10) === value
}

function utcMidnight(day: Day): number {
  if (!isDay(day)) throw new RangeError(`not a date: ${day}`)
  return Date.parse(`${day}T00:00:00Z`)
}

/** The China calendar date of an instant. */
export function chinaDay(instant: Date): Day {
  return new Date(instant.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10)
}

export function addDays(day: Day, days: number): Day {
  return new Date(utcMidnight(day) + days * DAY_MS).toISOString().slice(0, 10)
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(day: Day): number {
  return new Date(utcMidnight(day)).getUTCDay()
}

export function isWorkingDay(day: Day, calendar: WorkCalendar): boolean {
  if (calendar.makeUpWorkdays.has(day)) return true
  if (calendar.holidays.has(day)) return false
  const weekday = weekdayOf(day)
  return weekday !== 0 && weekday !== 6
}

/** Guards against a holiday list that (wrongly) closes every day: no deadline is a year away. */
const MAX_SCAN_DAYS = 366

/**
 * The `count`-th working day after `start`, not counting `start` itself: a case filed on Friday
 * with 2 working days to accept is due on Tuesday, as "N 个工作日内" is read in labour practice.
 */
export function addWorkingDays(start: Day, count: number, calendar: WorkCalendar): Day {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`working days must be a positive integer: ${count}`)
  let day = start
  let remaining = count
  for (let scanned = 0; scanned < MAX_SCAN_DAYS; scanned += 1) {
    day = addDays(day, 1)
    if (isWorkingDay(day, calendar)) {
      remaining -= 1
      if (remaining === 0) return day
    }
  }
  throw new RangeError(`no ${count} working days within a year after ${start}: check the holiday list`)
}

/** How far ahead a deadline can reach, for loading only the holidays that matter. */
export function calendarWindow(start: Day, workingDays: number): { from: Day; to: Day } {
  // Two calendar days per working day covers weekends plus the longest Chinese holiday (8 days).
  return { from: addDays(start, 1), to: addDays(start, workingDays * 2 + 14) }
}

/** The last instant of a China calendar day: a deadline "before 11月29日" ends at 23:59:59.999 +08:00. */
export function endOfChinaDay(day: Day): Date {
  return new Date(utcMidnight(day) + DAY_MS - CHINA_OFFSET_MS - 1)
}

/** `2026-11-29` → `11月29日`: how a deadline reads to a person. */
export function formatMonthDay(day: Day): string {
  const match = DAY_PATTERN.exec(day)
  if (!match) return day
  return `${Number(match[2])}月${Number(match[3])}日`
}

/** `2026-11-29` → `2026年11月29日`, for dates that may be in another year. */
export function formatFullDate(day: Day): string {
  const match = DAY_PATTERN.exec(day)
  if (!match) return day
  return `${match[1]}年${Number(match[2])}月${Number(match[3])}日`
}

/** Builds a calendar from stored holiday entries. */
export function calendarFrom(entries: ReadonlyArray<{ date: Day; kind: 'holiday' | 'workday' }>): WorkCalendar {
  const holidays = new Set<Day>()
  const makeUpWorkdays = new Set<Day>()
  for (const entry of entries) (entry.kind === 'holiday' ? holidays : makeUpWorkdays).add(entry.date)
  return { holidays, makeUpWorkdays }
}
