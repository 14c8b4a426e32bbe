import { countdown, deadlineAfter, deadlineKindFor, deadlineSentence, isOverdue } from '@shared/rules/complaint-deadlines'
import { satisfactionFromScore } from '@shared/rules/complaint-handling'
import { DEFAULT_COMPLAINT_SETTINGS, tierSettingsProblems } from '@shared/rules/complaint-tiers'
import { EMPTY_CALENDAR } from '@shared/rules/china-time'
import { PROVISIONAL_NOTE } from '@shared/rules/complaint-tiers'
import { workCalendar } from '@shared/rules/work-calendar'

const national = workCalendar()

describe('complaint deadlines', () => {
  it('counts from the day after, in China time', () => {
    // 23:30 on Friday 27 Nov in China is still Friday there.
    expect(deadlineAfter(new Date('2026-11-27T23:30:00+08:00'), 2, EMPTY_CALENDAR)).toEqual({
      day: '2026-12-01',
      dueAt: new Date('2026-12-01T23:59:59.999+08:00'),
      provisional: false,
    })
    // 00:30 on Saturday in China is Friday in UTC: counting starts on Monday either way.
    expect(deadlineAfter(new Date('2026-11-28T00:30:00+08:00'), 2, EMPTY_CALENDAR).day).toBe('2026-12-01')
  })

  it('never promises a day inside the National Day holiday (the issue: filed 2026-09-30)', () => {
    const filed = new Date('2026-09-30T10:00:00+08:00')
    expect(deadlineAfter(filed, DEFAULT_COMPLAINT_SETTINGS.tiers.general.acceptDays, national).day).toBe('2026-10-09')
    expect(deadlineAfter(filed, 2, EMPTY_CALENDAR).day).toBe('2026-10-02')
  })

  it('marks a count reaching 2027 as provisional: weekends only until the arrangements are published', () => {
    const late = deadlineAfter('2026-12-20', 15, national)
    expect(late.provisional).toBe(true)
    expect(deadlineAfter('2026-12-01', 5, national).provisional).toBe(false)
    expect(PROVISIONAL_NOTE).toBe('待国家公布放假安排后校正')
  })

  it('tells which deadline a status is under', () => {
    expect(deadlineKindFor('submitted')).toBe('accept')
    expect(deadlineKindFor('in_progress')).toBe('resolve')
    expect(deadlineKindFor('escalated')).toBe('resolve')
    expect(deadlineKindFor('referred')).toBe('referral')
    expect(deadlineKindFor('resolved')).toBeNull()
    expect(deadlineKindFor('reviewing')).toBeNull()
  })

  it('is overdue only after the last instant of the day', () => {
    const dueAt = new Date('2026-12-01T23:59:59.999+08:00')
    expect(isOverdue(dueAt, new Date('2026-12-01T23:59:59+08:00'))).toBe(false)
    expect(isOverdue(dueAt, new Date('2026-12-02T00:00:00+08:00'))).toBe(true)
  })

  it('counts down in working days: 还剩, 今天到期, 已超期', () => {
    // Due Friday 9 Oct 2026, after the National Day week.
    expect(countdown('2026-10-09', '2026-09-30', national)).toEqual({ workingDaysLeft: 2, dueToday: false, overdue: false, text: '还剩 2 个工作日' })
    expect(countdown('2026-10-09', '2026-10-09', national)).toMatchObject({ dueToday: true, text: '今天到期' })
    // Saturday 10 Oct is a make-up working day: 10, 12 and 13 Oct have passed.
    expect(countdown('2026-10-09', '2026-10-13', national)).toMatchObject({ workingDaysLeft: -3, overdue: true, text: '已超期 3 个工作日' })
    // Due Friday 16 Oct, read on Sunday: passed, with no working day missed yet.
    expect(countdown('2026-10-16', '2026-10-18', national)).toMatchObject({ overdue: true, text: '已超期' })
  })

  it('says the deadline in the words the worker reads', () => {
    expect(deadlineSentence('accept', '2026-11-29', 'submitted')).toBe('工会将在 11月29日 前受理')
    expect(deadlineSentence('resolve', '2026-12-21', 'in_progress')).toBe('工会将在 12月21日 前办结')
    expect(deadlineSentence('resolve', '2026-12-21', 'escalated')).toBe('工会将在 12月21日 前反馈督办结果')
    expect(deadlineSentence('referral', '2026-12-21', 'referred', '人社劳动监察')).toBe('已转交人社劳动监察，预计 12月21日 前反馈')
  })
})

describe('tiers and callbacks', () => {
  it('documents the default clocks and keeps harder tiers from getting less time', () => {
    expect(DEFAULT_COMPLAINT_SETTINGS).toEqual({
      tiers: { general: { acceptDays: 2, resolveDays: 15 }, difficult: { acceptDays: 2, resolveDays: 30 }, complex: { acceptDays: 3, resolveDays: 60 } },
      referralDays: 10,
    })
    expect(tierSettingsProblems(DEFAULT_COMPLAINT_SETTINGS.tiers)).toEqual([])
    const shorter = { ...DEFAULT_COMPLAINT_SETTINGS.tiers, difficult: { acceptDays: 2, resolveDays: 10 } }
    expect(tierSettingsProblems(shorter)).toEqual([['difficult', 'resolveDays', '「难点」的办结期限不能短于「一般」']])
  })

  it('reads a rating as the callback answer', () => {
    expect([1, 2, 3, 4, 5].map(satisfactionFromScore)).toEqual(['dissatisfied', 'dissatisfied', 'neutral', 'satisfied', 'satisfied'])
  })
})
