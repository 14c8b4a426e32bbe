import dayjs, { type Dayjs } from 'dayjs'
import utc from 'dayjs/plugin/utc'

dayjs.extend(utc)

/**
 * China time, the one place it is computed. People in China read and type every date and time
 * in UTC+8 (no daylight saving), whatever the zone of the phone, the function instance or the
 * test machine; deadlines count China calendar days. No other file adds 8 hours or formats a
 * China date.
 */

const CHINA_OFFSET_MINUTES = 8 * 60
const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'] as const
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/

/** A calendar date in China, `YYYY-MM-DD`. */
export type Day = string

/** What the database and the wire carry for a moment: a Date, an ISO string or epoch ms. */
export type Instant = Date | string | number

/** A moment as a clock in China shows it. */
export function inChina(at: Instant): Dayjs {
  return dayjs(at).utcOffset(CHINA_OFFSET_MINUTES)
}

/** The China calendar date of a moment: `2026-11-29`. */
export function chinaDay(at: Instant): Day {
  return inChina(at).format('YYYY-MM-DD')
}

/** A moment to the minute, as forms, notices and exports show it: `2026-07-01 09:00`. */
export function chinaDateTime(at: Instant): string {
  return inChina(at).format('YYYY-MM-DD HH:mm')
}

/** `2026年11月29日 14:05`: a moment in a record that may be from another year (a case timeline). */
export function formatFullDateTime(at: Instant): string {
  return inChina(at).format('YYYY年M月D日 HH:mm')
}

/** `7月1日 周三 09:00` */
export function formatDayAndTime(at: Instant): string {
  const d = inChina(at)
  return `${d.format('M月D日')} ${WEEKDAYS[d.day()]} ${d.format('HH:mm')}`
}

/** `7月1日 周三 09:00–17:00`, or both full times when the span crosses midnight. */
export function formatTimeRange(start: Instant, end: Instant): string {
  const to = inChina(end)
  return chinaDay(start) === chinaDay(end) ? `${formatDayAndTime(start)}–${to.format('HH:mm')}` : `${formatDayAndTime(start)} 至 ${formatDayAndTime(end)}`
}

/**
 * Reads `2026-07-01 09:00` (or `2026-7-1 9:00`) as China time; null if it is not a real date and
 * time (`2031-02-30 01:00` does not roll over into March).
 */
export function parseChinaDateTime(text: string): Date | null {
  const match = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s+(\d{1,2}):(\d{2})\s*$/.exec(text)
  if (!match) return null
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number]
  if (hour > 23 || minute > 59) return null
  const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
  if (!isDay(date)) return null
  return dayjs.utc(date).add(hour, 'hour').add(minute, 'minute').subtract(CHINA_OFFSET_MINUTES, 'minute').toDate()
}

/**
 * Reads an ISO 8601 moment with its offset (`2031-02-01T01:00:00Z`, `…+08:00`) as the wire carries
 * it; null unless every field is real: `Date.parse` rolls `2031-02-30` over into March, this does not.
 * A moment without an offset is refused too, since it would mean whatever zone the instance runs in.
 */
export function parseIsoDateTime(text: string): Date | null {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2}))$/.exec(text)
  if (!match) return null
  const [, date, hour, minute, second = '0', zone, offsetHours = '0', offsetMinutes = '0'] = match
  if (!isDay(date!) || Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return null
  if (zone !== 'Z' && (Number(offsetHours) > 14 || Number(offsetMinutes) > 59)) return null
  return new Date(Date.parse(text))
}

/** True for a real calendar date written `YYYY-MM-DD` (rejects `2026-02-30`). */
export function isDay(value: string): boolean {
  return DAY_PATTERN.test(value) && dayjs.utc(value).format('YYYY-MM-DD') === value
}

function calendarDay(day: Day): Dayjs {
  if (!isDay(day)) throw new RangeError(`not a date: ${day}`)
  return dayjs.utc(day)
}

export function addDays(day: Day, days: number): Day {
  return calendarDay(day).add(days, 'day').format('YYYY-MM-DD')
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(day: Day): number {
  return calendarDay(day).day()
}

/** The first instant of a China calendar day (00:00 +08:00). */
export function startOfChinaDay(day: Day): Date {
  return calendarDay(day).subtract(CHINA_OFFSET_MINUTES, 'minute').toDate()
}

/** The last instant of a China calendar day: a deadline "before 11月29日" ends at 23:59:59.999 +08:00. */
export function endOfChinaDay(day: Day): Date {
  return calendarDay(day).add(1, 'day').subtract(CHINA_OFFSET_MINUTES, 'minute').subtract(1, 'millisecond').toDate()
}

/** `2026-11-29` → `11月29日`: how a deadline reads to a person. */
export function formatMonthDay(day: Day): string {
  return isDay(day) ? dayjs.utc(day).format('M月D日') : day
}

/** `2026-11-29` → `2026年11月29日`, for dates that may be in another year. */
export function formatFullDate(day: Day): string {
  return isDay(day) ? dayjs.utc(day).format('YYYY年M月D日') : day
}

/** Whole years between a `YYYY-MM-DD` birth date and `today` (also `YYYY-MM-DD`). */
export function ageOn(birthDate: Day, today: Day): number {
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4))
  return today.slice(5) >= birthDate.slice(5) ? years : years - 1
}

// ── Working days ─────────────────────────────────────────────────────────────────────────────

/**
 * What the holiday list says beyond plain weekends: public holidays (法定节假日) that fall on
 * weekdays, and weekend days that are working days because of a holiday swap (调休上班).
 */
export interface WorkCalendar {
  holidays: ReadonlySet<Day>
  makeUpWorkdays: ReadonlySet<Day>
}

export const EMPTY_CALENDAR: WorkCalendar = { holidays: new Set(), makeUpWorkdays: new Set() }

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

/** Builds a calendar from stored holiday entries. */
export function calendarFrom(entries: ReadonlyArray<{ date: Day; kind: 'holiday' | 'workday' }>): WorkCalendar {
  const holidays = new Set<Day>()
  const makeUpWorkdays = new Set<Day>()
  for (const entry of entries) (entry.kind === 'holiday' ? holidays : makeUpWorkdays).add(entry.date)
  return { holidays, makeUpWorkdays }
}
