import type { Allocation } from './activity-categories'

/**
 * The life of one person's sign-up for one activity. Stored statuses:
 * - `pending`: the sign-up document is claimed and a seat is being taken (first come) or the entry
 *   counted (lottery); a first-come newcomer who finds the activity full is written straight into the line;
 * - `entered`: in a lottery, waiting for the draw;
 * - `confirmed`: holds a seat (first come, a lottery win, or promoted from the waitlist);
 * - `waitlisted`: in line (first come: no seat left, in order of `waitlistedAt`; lottery: not drawn, in
 *   draw order `waitlistSeq`);
 * - `checked_in`: was at the venue (still holds the seat);
 * - `cancelled`: by the person, because the activity was cancelled, or an attempt that never finished.
 */
export const SIGNUP_STATUSES = ['pending', 'entered', 'confirmed', 'waitlisted', 'checked_in', 'cancelled'] as const
export type SignupStatus = (typeof SIGNUP_STATUSES)[number]

/** Statuses that occupy one of the activity's `capacity` seats (counted in `confirmedCount`). */
export const SEAT_STATUSES = ['confirmed', 'checked_in'] as const satisfies readonly SignupStatus[]

/** Statuses a person can still cancel from (before the cut-off). */
export const CANCELLABLE_STATUSES = ['entered', 'confirmed', 'waitlisted'] as const satisfies readonly SignupStatus[]

export const CANCEL_REASONS = ['self', 'activity_cancelled', 'incomplete'] as const
export type CancelReason = (typeof CANCEL_REASONS)[number]

/** Who moves a sign-up along each edge; anything not listed is refused. */
type Actor = 'signup' | 'draw' | 'promotion' | 'person' | 'staff' | 'repair'

const EDGES: Partial<Record<SignupStatus, Partial<Record<SignupStatus, readonly Actor[]>>>> = {
  pending: { confirmed: ['signup'], waitlisted: ['signup'], entered: ['signup'], cancelled: ['repair'] },
  entered: { confirmed: ['draw'], waitlisted: ['draw'], cancelled: ['person', 'staff'] },
  waitlisted: { confirmed: ['promotion'], cancelled: ['person', 'staff'] },
  confirmed: { checked_in: ['staff', 'person'], cancelled: ['person', 'staff'] },
  checked_in: { cancelled: ['staff'] },
  // Signing up again after cancelling: the same document is claimed again.
  cancelled: { pending: ['signup'] },
}

export function canTransition(from: SignupStatus, to: SignupStatus, actor: Actor): boolean {
  return EDGES[from]?.[to]?.includes(actor) ?? false
}

export function holdsSeat(status: SignupStatus): boolean {
  return (SEAT_STATUSES as readonly SignupStatus[]).includes(status)
}

/** What a person sees on 我的活动: a lottery names its outcomes 中签 / 未中签. */
export const DISPLAY_STATUSES = ['processing', 'entered', 'confirmed', 'won', 'waitlisted', 'not_drawn', 'checked_in', 'cancelled'] as const
export type DisplayStatus = (typeof DISPLAY_STATUSES)[number]

export const DISPLAY_STATUS_LABELS: Record<DisplayStatus, string> = {
  processing: '报名处理中',
  entered: '已报名，待抽签',
  confirmed: '报名成功',
  won: '已中签',
  waitlisted: '候补中',
  not_drawn: '未中签（候补中）',
  checked_in: '已签到',
  cancelled: '已取消',
}

export function displayStatus(status: SignupStatus, allocation: Allocation): DisplayStatus {
  switch (status) {
    case 'pending':
      return 'processing'
    case 'confirmed':
      return allocation === 'lottery' ? 'won' : 'confirmed'
    case 'waitlisted':
      return allocation === 'lottery' ? 'not_drawn' : 'waitlisted'
    default:
      return status
  }
}

export interface ActivityTimes {
  startAt: Date
  endAt: Date
  signupOpensAt: Date
  signupClosesAt: Date
  cancelCutoffAt: Date
}

export type SignupWindow = 'not_open' | 'open' | 'closed'

export function signupWindow(activity: Pick<ActivityTimes, 'signupOpensAt' | 'signupClosesAt'>, now: Date): SignupWindow {
  if (now < activity.signupOpensAt) return 'not_open'
  return now < activity.signupClosesAt ? 'open' : 'closed'
}

export function canCancelAt(activity: Pick<ActivityTimes, 'cancelCutoffAt'>, now: Date): boolean {
  return now < activity.cancelCutoffAt
}

/** Check-in opens this long before the start and closes this long after the end. */
export const CHECK_IN_OPENS_BEFORE_MS = 2 * 60 * 60 * 1000
export const CHECK_IN_CLOSES_AFTER_MS = 2 * 60 * 60 * 1000

export function checkInOpen(activity: Pick<ActivityTimes, 'startAt' | 'endAt'>, now: Date): boolean {
  return now.getTime() >= activity.startAt.getTime() - CHECK_IN_OPENS_BEFORE_MS && now.getTime() <= activity.endAt.getTime() + CHECK_IN_CLOSES_AFTER_MS
}

/**
 * A lottery may be drawn this long after sign-up closes. Entry is gated by the database clock, and
 * any call that passed the gate before the close finishes within a function's time limit (≤ 60 s),
 * so after this grace the entry list can no longer grow.
 */
export const DRAW_GRACE_MS = 60 * 1000

export function canDrawAt(activity: Pick<ActivityTimes, 'signupClosesAt'>, now: Date): boolean {
  return now.getTime() >= activity.signupClosesAt.getTime() + DRAW_GRACE_MS
}

export const MAX_CAPACITY = 10_000

export interface ScheduleProblem {
  path: keyof ActivityTimes
  message: string
}

/** What is wrong with an activity's times, each problem on the field a person should change. */
export function scheduleProblems(times: ActivityTimes): ScheduleProblem[] {
  const problems: ScheduleProblem[] = []
  if (times.endAt <= times.startAt) problems.push({ path: 'endAt', message: '结束时间必须晚于开始时间' })
  if (times.signupClosesAt <= times.signupOpensAt) problems.push({ path: 'signupClosesAt', message: '报名截止时间必须晚于报名开始时间' })
  if (times.signupClosesAt > times.startAt) problems.push({ path: 'signupClosesAt', message: '报名截止时间不能晚于活动开始时间' })
  if (times.cancelCutoffAt > times.startAt) problems.push({ path: 'cancelCutoffAt', message: '取消截止时间不能晚于活动开始时间' })
  if (times.cancelCutoffAt < times.signupOpensAt) problems.push({ path: 'cancelCutoffAt', message: '取消截止时间不能早于报名开始时间' })
  return problems
}
