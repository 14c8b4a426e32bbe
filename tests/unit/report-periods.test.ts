import { addDays } from '@shared/rules/china-time'
import { monthsOf, periodsOf, rangePresets, rangeRefusal } from '@shared/rules/reports'

/** The rollup periods a range reads: whole months as one, the days of a partial month one by one. */
describe('report periods', () => {
  it('reads a whole month as the month, and the days around it one by one', () => {
    expect(periodsOf('2025-01-30', '2025-03-02')).toEqual(['D2025-01-30', 'D2025-01-31', 'M2025-02', 'D2025-03-01', 'D2025-03-02'])
    expect(periodsOf('2025-01-01', '2025-12-31')).toEqual(monthsOf('2025-01-01', '2025-12-31').map((month) => `M${month}`))
    expect(periodsOf('2024-02-01', '2024-02-29')).toEqual(['M2024-02'])
    expect(periodsOf('2024-02-01', '2024-02-28')).toHaveLength(28)
    expect(periodsOf('2025-06-15', '2025-06-15')).toEqual(['D2025-06-15'])
    expect(periodsOf('2024-12-31', '2025-01-31')).toEqual(['D2024-12-31', 'M2025-01'])
  })

  it('covers every day of a range exactly once', () => {
    for (const [from, to] of [['2024-11-17', '2025-11-16'], ['2025-02-27', '2025-03-03'], ['2023-12-31', '2024-12-30']] as Array<[string, string]>) {
      const days: string[] = []
      for (const period of periodsOf(from, to)) {
        if (period.startsWith('D')) days.push(period.slice(1))
        else for (let day = `${period.slice(1)}-01`; day.startsWith(period.slice(1)); day = addDays(day, 1)) days.push(day)
      }
      const expected: string[] = []
      for (let day = from; day <= to; day = addDays(day, 1)) expected.push(day)
      expect(days).toEqual(expected)
    }
  })

  it('refuses a range that ends before it starts, is longer than 366 days, or is not made of dates', () => {
    expect(rangeRefusal('2025-01-01', '2025-12-31')).toBeNull()
    expect(rangeRefusal('2024-01-01', '2024-12-31')).toBeNull()
    expect(rangeRefusal('2025-01-01', '2026-01-01')).toBeNull()
    expect(rangeRefusal('2025-01-01', '2026-01-02')).toBe('统计区间最长 366 天，请缩短')
    expect(rangeRefusal('2025-02-01', '2025-01-31')).toBe('结束日期不能早于开始日期')
    expect(rangeRefusal('2025-02-30', '2025-03-01')).toBe('日期格式不正确，应为 年-月-日')
  })

  it('offers presets of whole months, in China days', () => {
    expect(rangePresets('2026-01-15').map(({ key, from, to }) => [key, from, to])).toEqual([
      ['thisMonth', '2026-01-01', '2026-01-31'],
      ['lastMonth', '2025-12-01', '2025-12-31'],
      ['last3Months', '2025-11-01', '2026-01-31'],
      ['thisYear', '2026-01-01', '2026-12-31'],
      ['lastYear', '2025-01-01', '2025-12-31'],
    ])
    for (const preset of rangePresets('2024-03-31')) expect(rangeRefusal(preset.from, preset.to)).toBeNull()
  })
})
