import type { ComplaintStatus } from './complaint-status'
import { addWorkingDays, chinaDay, endOfChinaDay, formatMonthDay, workingDaysBetween, type Day, type WorkCalendar } from './china-time'
import { reachesUnknownYear } from './work-calendar'

/**
 * The deadline a case is under right now. A deadline is fixed when it is set (filing sets the
 * accept-by day; acceptance, escalation and reopening set the resolve-by day; a referral sets its
 * own) and is not moved when the holiday list changes later: it is a promise the worker has
 * already read. Only an extension, once per stage, moves it, with a reason the worker reads.
 */
export type DeadlineKind = 'accept' | 'resolve' | 'referral'

export interface Deadline {
  /** The China calendar day it falls on. */
  day: Day
  /** The last instant of that day. */
  dueAt: Date
  /** Counted over a year with no national holiday arrangements yet (weekends only). */
  provisional: boolean
}

/** The day `workingDays` working days after `from` (China date), and when it ends. */
export function deadlineAfter(from: Date | Day, workingDays: number, calendar: WorkCalendar): Deadline {
  const start = typeof from === 'string' ? from : chinaDay(from)
  const day = addWorkingDays(start, workingDays, calendar)
  return { day, dueAt: endOfChinaDay(day), provisional: reachesUnknownYear(start, day) }
}

/** Which deadline a status is under: accepting while submitted, resolving while handled, the referral's while referred. */
export function deadlineKindFor(status: ComplaintStatus): DeadlineKind | null {
  if (status === 'submitted') return 'accept'
  if (status === 'accepted' || status === 'in_progress' || status === 'escalated') return 'resolve'
  if (status === 'referred') return 'referral'
  return null
}

/** The stages an extension applies to: the referral clock belongs to the other department. */
export function canExtend(kind: DeadlineKind | null): kind is 'accept' | 'resolve' {
  return kind === 'accept' || kind === 'resolve'
}

export function isOverdue(dueAt: Date, now: Date): boolean {
  return now.getTime() > dueAt.getTime()
}

/** What the worker reads on the case page: "工会将在 11月29日 前受理". */
export function deadlineSentence(kind: DeadlineKind, day: Day, status: ComplaintStatus, department?: string): string {
  if (kind === 'accept') return `工会将在 ${formatMonthDay(day)} 前受理`
  if (kind === 'referral') return `已转交${department ?? '相关部门'}，预计 ${formatMonthDay(day)} 前反馈`
  if (status === 'escalated') return `工会将在 ${formatMonthDay(day)} 前反馈督办结果`
  return `工会将在 ${formatMonthDay(day)} 前办结`
}

export interface Countdown {
  /** Working days after today up to the deadline; negative once it has passed. */
  workingDaysLeft: number
  dueToday: boolean
  overdue: boolean
  /** "还剩 3 个工作日", "今天到期", "已超期 2 个工作日". */
  text: string
}

/** How much time a deadline leaves on `today`, in the working days of `calendar`. */
export function countdown(dueDay: Day, today: Day, calendar: WorkCalendar): Countdown {
  const left = workingDaysBetween(today, dueDay, calendar)
  if (dueDay === today) return { workingDaysLeft: 0, dueToday: true, overdue: false, text: '今天到期' }
  if (dueDay < today) return { workingDaysLeft: left, dueToday: false, overdue: true, text: left < 0 ? `已超期 ${-left} 个工作日` : '已超期' }
  return { workingDaysLeft: left, dueToday: false, overdue: false, text: left > 0 ? `还剩 ${left} 个工作日` : `${formatMonthDay(dueDay)} 到期` }
}
