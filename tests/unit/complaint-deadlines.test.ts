import { deadlineFor, deadlineKindFor, deadlineSentence, isOverdue } from '@shared/rules/complaint-deadlines'
import { calendarFrom, EMPTY_CALENDAR } from '@shared/rules/china-time'

describe('complaint deadlines', () => {
  it('gives 2 working days to accept, counted in China time', () => {
    // 23:30 on Friday 27 Nov in China is still Friday there, though UTC says the same day.
    const filed = new Date('2026-11-27T23:30:00+08:00')
    expect(deadlineFor('accept', 'wage_arrears', filed, EMPTY_CALENDAR)).toEqual({
      kind: 'accept',
      day: '2026-12-01',
      dueAt: new Date('2026-12-01T23:59:59.999+08:00'),
    })
    // 00:30 on Saturday in China is Friday in UTC: counting starts on Monday either way.
    expect(deadlineFor('accept', 'other', new Date('2026-11-28T00:30:00+08:00'), EMPTY_CALENDAR).day).toBe('2026-12-01')
  })

  it('gives 15 working days to resolve, skipping a holiday', () => {
    const accepted = new Date('2026-11-30T10:00:00+08:00')
    expect(deadlineFor('resolve', 'labour_contract', accepted, EMPTY_CALENDAR).day).toBe('2026-12-21')
    expect(deadlineFor('resolve', 'labour_contract', accepted, calendarFrom([{ date: '2026-12-10', kind: 'holiday' }])).day).toBe('2026-12-22')
  })

  it('tells which deadline a status is under', () => {
    expect(deadlineKindFor('submitted')).toBe('accept')
    expect(deadlineKindFor('in_progress')).toBe('resolve')
    expect(deadlineKindFor('escalated')).toBe('resolve')
    expect(deadlineKindFor('resolved')).toBeNull()
    expect(deadlineKindFor('rejected')).toBeNull()
  })

  it('is overdue only after the last instant of the day', () => {
    const dueAt = new Date('2026-12-01T23:59:59.999+08:00')
    expect(isOverdue(dueAt, new Date('2026-12-01T23:59:59+08:00'))).toBe(false)
    expect(isOverdue(dueAt, new Date('2026-12-02T00:00:00+08:00'))).toBe(true)
  })

  it('says the deadline in the words the worker reads', () => {
    expect(deadlineSentence('accept', '2026-11-29', 'submitted')).toBe('工会将在 11月29日 前受理')
    expect(deadlineSentence('resolve', '2026-12-21', 'in_progress')).toBe('工会将在 12月21日 前办结')
    expect(deadlineSentence('resolve', '2026-12-21', 'escalated')).toBe('工会将在 12月21日 前反馈督办结果')
  })
})
