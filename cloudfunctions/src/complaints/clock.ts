import { addDays, calendarWindow, chinaDay, workingDaysBetween, type Day, type WorkCalendar } from '@shared/rules/china-time'
import { deadlineAfter, type Deadline } from '@shared/rules/complaint-deadlines'
import { DEFAULT_COMPLAINT_SETTINGS, type ComplaintSettings } from '@shared/rules/complaint-tiers'
import { workCalendar } from '@shared/rules/work-calendar'
import { command } from '../_lib/db'
import { complaintSettings } from '../_lib/records/complaintSettings'
import { holidays } from '../_lib/records/holidays'

/**
 * The clocks of a root union's cases: its tier settings (or the defaults), and its calendar (the
 * national arrangements that ship with the app, with the root union's own entries laid over them).
 */

export async function settingsOf(rootUnionId: string): Promise<ComplaintSettings> {
  const stored = await complaintSettings.get(rootUnionId)
  return stored ? { tiers: stored.tiers, referralDays: stored.referralDays } : DEFAULT_COMPLAINT_SETTINGS
}

/** The root union's calendar, with its own entries loaded for `from`…`to` (the days a count can reach). */
export async function calendarOf(rootUnionId: string, from: Day, to: Day): Promise<WorkCalendar> {
  const _ = command()
  const local = await holidays.find({ rootUnionId, date: _.and(_.gte(from), _.lte(to)) }, { limit: 1000, fields: { date: true, kind: true } })
  return workCalendar(local)
}

/** The deadline `workingDays` working days after `from`, in the root union's calendar. */
export async function deadlineOf(rootUnionId: string, from: Date | Day, workingDays: number): Promise<Deadline> {
  const start = typeof from === 'string' ? from : chinaDay(from)
  const window = calendarWindow(start, workingDays)
  return deadlineAfter(start, workingDays, await calendarOf(rootUnionId, window.from, window.to))
}

/** Working days after `from` up to `to` in the root union's calendar (negative when `to` is earlier). */
export async function workingDaysFrom(rootUnionId: string, from: Day, to: Day): Promise<number> {
  const [first, last] = from <= to ? [from, to] : [to, from]
  return workingDaysBetween(from, to, await calendarOf(rootUnionId, addDays(first, 1), last))
}

/** A calendar per root union, covering today and every day in `days`: what countdowns on a page need. */
export async function countdownCalendars(days: ReadonlyArray<{ rootUnionId: string; day: Day }>, today: Day): Promise<Map<string, WorkCalendar>> {
  const spans = new Map<string, { from: Day; to: Day }>()
  for (const { rootUnionId, day } of days) {
    const span = spans.get(rootUnionId) ?? { from: today, to: today }
    spans.set(rootUnionId, { from: day < span.from ? day : span.from, to: day > span.to ? day : span.to })
  }
  const calendars = await Promise.all([...spans].map(async ([root, span]) => [root, await calendarOf(root, addDays(span.from, 1), span.to)] as const))
  return new Map(calendars)
}
