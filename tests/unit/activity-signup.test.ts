import {
  canCancelAt,
  canDrawAt,
  canTransition,
  checkInOpen,
  displayStatus,
  DRAW_GRACE_MS,
  holdsSeat,
  scheduleProblems,
  signupWindow,
  SIGNUP_STATUSES,
} from '@shared/rules/activity-signup'
import { ACTIVITY_CATEGORIES, ACTIVITY_CATEGORY_LABELS } from '@shared/rules/activity-categories'
import { formatTimeRange, formatDayAndTime, parseChinaDateTime, chinaDateTime } from '@shared/rules/china-time'

const at = (iso: string) => new Date(`${iso}+08:00`)

const times = {
  signupOpensAt: at('2025-07-01T09:00:00'),
  signupClosesAt: at('2025-07-05T18:00:00'),
  cancelCutoffAt: at('2025-07-06T12:00:00'),
  startAt: at('2025-07-07T09:00:00'),
  endAt: at('2025-07-07T17:00:00'),
}

describe('sign-up status machine', () => {
  it('lets the sign-up step resolve a claim into a seat, a waitlist ticket or a lottery entry', () => {
    expect(canTransition('pending', 'confirmed', 'signup')).toBe(true)
    expect(canTransition('pending', 'waitlisted', 'signup')).toBe(true)
    expect(canTransition('pending', 'entered', 'signup')).toBe(true)
  })

  it('moves the waitlist only by promotion and a lottery entry only by the draw', () => {
    expect(canTransition('waitlisted', 'confirmed', 'promotion')).toBe(true)
    expect(canTransition('waitlisted', 'confirmed', 'person')).toBe(false)
    expect(canTransition('entered', 'confirmed', 'draw')).toBe(true)
    expect(canTransition('entered', 'confirmed', 'staff')).toBe(false)
  })

  it('checks in only a seat holder, and a person cannot un-check-in by cancelling', () => {
    expect(canTransition('confirmed', 'checked_in', 'staff')).toBe(true)
    expect(canTransition('waitlisted', 'checked_in', 'staff')).toBe(false)
    expect(canTransition('checked_in', 'cancelled', 'person')).toBe(false)
  })

  it('lets a cancelled sign-up be claimed again, and nothing else leaves cancelled', () => {
    for (const to of SIGNUP_STATUSES) {
      expect(canTransition('cancelled', to, 'signup')).toBe(to === 'pending')
    }
  })

  it('counts confirmed and checked-in as holding a seat', () => {
    expect(SIGNUP_STATUSES.filter(holdsSeat)).toEqual(['confirmed', 'checked_in'])
  })

  it('names lottery outcomes 中签 / 未中签', () => {
    expect(displayStatus('confirmed', 'lottery')).toBe('won')
    expect(displayStatus('waitlisted', 'lottery')).toBe('not_drawn')
    expect(displayStatus('confirmed', 'first_come')).toBe('confirmed')
    expect(displayStatus('waitlisted', 'first_come')).toBe('waitlisted')
    expect(displayStatus('pending', 'first_come')).toBe('processing')
  })
})

describe('activity times', () => {
  it('opens sign-up at signupOpensAt and closes it at signupClosesAt', () => {
    expect(signupWindow(times, at('2025-07-01T08:59:59'))).toBe('not_open')
    expect(signupWindow(times, at('2025-07-01T09:00:00'))).toBe('open')
    expect(signupWindow(times, at('2025-07-05T17:59:59'))).toBe('open')
    expect(signupWindow(times, at('2025-07-05T18:00:00'))).toBe('closed')
  })

  it('allows cancelling until the cut-off', () => {
    expect(canCancelAt(times, at('2025-07-06T11:59:00'))).toBe(true)
    expect(canCancelAt(times, at('2025-07-06T12:00:00'))).toBe(false)
  })

  it('opens check-in two hours before the start until two hours after the end', () => {
    expect(checkInOpen(times, at('2025-07-07T06:59:00'))).toBe(false)
    expect(checkInOpen(times, at('2025-07-07T07:00:00'))).toBe(true)
    expect(checkInOpen(times, at('2025-07-07T19:00:00'))).toBe(true)
    expect(checkInOpen(times, at('2025-07-07T19:01:00'))).toBe(false)
  })

  it('draws only after the grace that lets in-flight entries land', () => {
    expect(canDrawAt(times, new Date(times.signupClosesAt.getTime() + DRAW_GRACE_MS - 1))).toBe(false)
    expect(canDrawAt(times, new Date(times.signupClosesAt.getTime() + DRAW_GRACE_MS))).toBe(true)
  })

  it('accepts a sensible schedule', () => {
    expect(scheduleProblems(times)).toEqual([])
  })

  it('names the field to change for each impossible schedule', () => {
    expect(scheduleProblems({ ...times, endAt: times.startAt })).toEqual([{ path: 'endAt', message: '结束时间必须晚于开始时间' }])
    expect(scheduleProblems({ ...times, signupClosesAt: times.signupOpensAt }).map((p) => p.path)).toEqual(['signupClosesAt'])
    expect(scheduleProblems({ ...times, signupClosesAt: at('2025-07-07T10:00:00') }).map((p) => p.message)).toEqual([
      '报名截止时间不能晚于活动开始时间',
    ])
    expect(scheduleProblems({ ...times, cancelCutoffAt: at('2025-07-08T10:00:00') }).map((p) => p.path)).toEqual(['cancelCutoffAt'])
    expect(scheduleProblems({ ...times, cancelCutoffAt: at('2025-06-30T10:00:00') }).map((p) => p.path)).toEqual(['cancelCutoffAt'])
  })
})

describe('categories', () => {
  it('has a Chinese label for every category the seed uses', () => {
    for (const category of ['care', 'training', 'talk', 'sports', 'health', 'tickets']) {
      expect(ACTIVITY_CATEGORIES).toContain(category)
      expect(ACTIVITY_CATEGORY_LABELS[category as (typeof ACTIVITY_CATEGORIES)[number]]).toMatch(/[\u4e00-\u9fa5]/)
    }
  })
})

describe('activity times in China time', () => {
  it('reads and writes the form’s text as UTC+8 whatever the machine’s zone', () => {
    const at = parseChinaDateTime('2026-07-01 09:00')
    expect(at?.toISOString()).toBe('2026-07-01T01:00:00.000Z')
    expect(chinaDateTime(at!)).toBe('2026-07-01 09:00')
    expect(parseChinaDateTime('2026-7-1 9:05')?.toISOString()).toBe('2026-07-01T01:05:00.000Z')
  })

  it('refuses dates and times that do not exist', () => {
    for (const text of ['2026-02-30 09:00', '2026-13-01 09:00', '2026-07-01 24:00', '明天上午', '2026-07-01']) expect(parseChinaDateTime(text)).toBeNull()
  })

  it('formats a day with its weekday, and a range on one day compactly', () => {
    expect(formatDayAndTime('2026-07-01T01:00:00Z')).toBe('7月1日 周三 09:00')
    expect(formatTimeRange('2026-07-01T01:00:00Z', '2026-07-01T09:00:00Z')).toBe('7月1日 周三 09:00–17:00')
    expect(formatTimeRange('2026-07-01T01:00:00Z', '2026-07-02T09:00:00Z')).toBe('7月1日 周三 09:00 至 7月2日 周四 17:00')
  })
})
