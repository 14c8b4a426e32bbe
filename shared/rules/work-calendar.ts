import { NATIONAL_HOLIDAYS } from './national-holidays'
import type { Day, WorkCalendar } from './china-time'

/**
 * The calendar deadlines count working days with: the national arrangements that ship with the
 * app (shared/rules/national-holidays.ts, generated from the `chinese-days` package), corrected by
 * each root union's own entries (a local holiday, or a day the national list gets wrong). A year
 * the shipped arrangements do not cover yet counts weekends only, and such deadlines are marked
 * provisional until the package is upgraded.
 */

export type CalendarKind = 'holiday' | 'workday'

export interface CalendarEntry {
  date: Day
  /** `holiday`: no work that day; `workday`: a working day even on a weekend (调休上班). */
  kind: CalendarKind
  name: string
}

let national: Map<Day, CalendarEntry> | undefined

function parseDays(year: number, days: string): Day[] {
  const date = (md: string) => `${year}-${md.slice(0, 2)}-${md.slice(2)}`
  return days
    .split(' ')
    .filter(Boolean)
    .flatMap((token) => {
      const [first, last = first] = token.split('-') as [string, string?]
      const out: Day[] = []
      for (let md = Number(first); md <= Number(last); md += 1) out.push(date(String(md).padStart(4, '0')))
      return out
    })
}

/** Every national entry by day, read from the shipped arrangements once. */
function nationalDays(): Map<Day, CalendarEntry> {
  if (national) return national
  national = new Map()
  for (const [year, holidays] of Object.entries(NATIONAL_HOLIDAYS)) {
    for (const [name, [off, work]] of Object.entries(holidays)) {
      for (const date of parseDays(Number(year), off)) national.set(date, { date, kind: 'holiday', name })
      for (const date of parseDays(Number(year), work)) national.set(date, { date, kind: 'workday', name })
    }
  }
  return national
}

/** The years whose national arrangements ship with the app, ascending. */
export const NATIONAL_YEARS: readonly number[] = Object.keys(NATIONAL_HOLIDAYS)
  .map(Number)
  .sort((a, b) => a - b)

export function isNationalYearKnown(year: number): boolean {
  return Object.prototype.hasOwnProperty.call(NATIONAL_HOLIDAYS, year)
}

/** True when a count over `from`…`to` crosses a year with no national arrangements: weekends only there. */
export function reachesUnknownYear(from: Day, to: Day): boolean {
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year += 1) if (!isNationalYearKnown(year)) return true
  return false
}

/** The national entries of one year, in date order. */
export function nationalEntries(year: number): CalendarEntry[] {
  return [...nationalDays().values()].filter((entry) => entry.date.startsWith(`${year}-`)).sort((a, b) => a.date.localeCompare(b.date))
}

/** The national calendar with a root union's corrections laid over it: on a corrected day, the correction decides. */
export function workCalendar(corrections: ReadonlyArray<Pick<CalendarEntry, 'date' | 'kind'>> = []): WorkCalendar {
  const holidays = new Set<Day>()
  const makeUpWorkdays = new Set<Day>()
  const days = new Map<Day, CalendarKind>([...nationalDays()].map(([date, entry]) => [date, entry.kind]))
  for (const entry of corrections) days.set(entry.date, entry.kind)
  for (const [date, kind] of days) (kind === 'holiday' ? holidays : makeUpWorkdays).add(date)
  return { holidays, makeUpWorkdays }
}
