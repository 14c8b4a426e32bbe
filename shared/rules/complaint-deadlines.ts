import { CATEGORY_RULES, type ComplaintCategory } from './complaint-categories'
import type { ComplaintStatus } from './complaint-status'
import { addWorkingDays, chinaDay, endOfChinaDay, formatMonthDay, type Day, type WorkCalendar } from './china-time'

/**
 * The deadline a case is under right now. A deadline is fixed when it is set (filing sets the
 * accept-by day; acceptance and escalation set the resolve-by day) and is not moved when the
 * holiday list changes later: it is a promise the worker has already read.
 */
export type DeadlineKind = 'accept' | 'resolve'

export interface Deadline {
  kind: DeadlineKind
  /** The China calendar day it falls on. */
  day: Day
  /** The last instant of that day. */
  dueAt: Date
}

export function deadlineFor(kind: DeadlineKind, category: ComplaintCategory, from: Date, calendar: WorkCalendar): Deadline {
  const rule = CATEGORY_RULES[category]
  const day = addWorkingDays(chinaDay(from), kind === 'accept' ? rule.acceptDays : rule.resolveDays, calendar)
  return { kind, day, dueAt: endOfChinaDay(day) }
}

/** Which deadline a status is under: accepting while submitted, resolving while being handled, none after. */
export function deadlineKindFor(status: ComplaintStatus): DeadlineKind | null {
  if (status === 'submitted') return 'accept'
  if (status === 'accepted' || status === 'in_progress' || status === 'escalated') return 'resolve'
  return null
}

export function isOverdue(dueAt: Date, now: Date): boolean {
  return now.getTime() > dueAt.getTime()
}

/** What the worker reads on the case page: "工会将在 11月29日 前受理". */
export function deadlineSentence(kind: DeadlineKind, day: Day, status: ComplaintStatus): string {
  if (kind === 'accept') return `工会将在 ${formatMonthDay(day)} 前受理`
  if (status === 'escalated') return `工会将在 ${formatMonthDay(day)} 前反馈督办结果`
  return `工会将在 ${formatMonthDay(day)} 前办结`
}
