import { readFileSync } from 'node:fs'
import chineseDays from 'chinese-days'
import { addDays, addWorkingDays, isWorkingDay, weekdayOf, workingDaysBetween } from '@shared/rules/china-time'
import { NATIONAL_HOLIDAYS_SOURCE } from '@shared/rules/national-holidays'
import { isNationalYearKnown, NATIONAL_YEARS, nationalEntries, reachesUnknownYear, workCalendar } from '@shared/rules/work-calendar'
import { installedData, OUTPUT, render } from '../../scripts/national-holidays'

// The oracle is the chinese-days package's own functions (findWorkday, isWorkday,
// getWorkdaysInRange), which read its data with its own date code: our arithmetic and our compact
// copy of the data are checked against an implementation that shares neither.

function everyDay(from: string, to: string): string[] {
  const days: string[] = []
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(day)
  return days
}

const calendar = workCalendar()

describe('the national calendar that ships with the app', () => {
  it('is exactly what the installed chinese-days package knows (npm run calendar after an upgrade)', () => {
    const version = (JSON.parse(readFileSync(require.resolve('chinese-days/package.json'), 'utf8')) as { version: string }).version
    expect(NATIONAL_HOLIDAYS_SOURCE).toBe(`chinese-days ${version}`)
    expect(readFileSync(OUTPUT, 'utf8')).toBe(render(installedData(), version))
  })

  it('covers 2004 to 2026, and no year it does not know', () => {
    expect(NATIONAL_YEARS[0]).toBe(2004)
    expect(NATIONAL_YEARS).toContain(2026)
    expect(NATIONAL_YEARS).toEqual(Array.from({ length: NATIONAL_YEARS.length }, (_, i) => 2004 + i))
    expect(isNationalYearKnown(2027)).toBe(false)
  })

  it('agrees with the package on every day from 2004 to 2026', () => {
    const disagreements = everyDay('2004-01-01', '2026-12-31').filter((day) => isWorkingDay(day, calendar) !== chineseDays.isWorkday(day))
    expect(disagreements).toEqual([])
  })

  it('names the holidays and make-up days of a year', () => {
    const national = nationalEntries(2026).filter((entry) => entry.date >= '2026-09-20' && entry.date <= '2026-10-10')
    expect(national.map((entry) => `${entry.date} ${entry.kind} ${entry.name}`)).toEqual([
      '2026-09-20 workday 国庆节',
      '2026-09-25 holiday 中秋',
      '2026-09-26 holiday 中秋',
      '2026-09-27 holiday 中秋',
      ...everyDay('2026-10-01', '2026-10-07').map((day) => `${day} holiday 国庆节`),
      '2026-10-10 workday 国庆节',
    ])
  })
})

describe('working-day arithmetic against the package, every day of 2025 and 2026', () => {
  const starts = everyDay('2025-01-01', '2026-12-31')

  it('adds 1 to 15 working days as chinese-days findWorkday does', () => {
    const wrong: string[] = []
    for (const start of starts) {
      for (let count = 1; count <= 15; count += 1) {
        const ours = addWorkingDays(start, count, calendar)
        const theirs = chineseDays.findWorkday(count, start)
        if (ours !== theirs) wrong.push(`${start} + ${count}: ${ours} ≠ ${theirs}`)
      }
    }
    expect(starts).toHaveLength(730)
    expect(wrong).toEqual([])
  })

  it('counts the working days left until the day findWorkday gives, and back again', () => {
    const wrong: string[] = []
    for (const start of starts) {
      for (let count = 1; count <= 15; count += 1) {
        const due = chineseDays.findWorkday(count, start)
        const left = workingDaysBetween(start, due, calendar)
        if (left !== count) wrong.push(`${start} → ${due}: ${left} working days left, not ${count}`)
      }
      // Backwards, and against the package's own count over a 3-week span.
      const due = chineseDays.findWorkday(15, start)
      if (workingDaysBetween(due, start, calendar) !== -15) wrong.push(`${due} → ${start} is not −15`)
      const threeWeeks = addDays(start, 21)
      const theirs = chineseDays.getWorkdaysInRange(addDays(start, 1), threeWeeks, true).length
      if (workingDaysBetween(start, threeWeeks, calendar) !== theirs) wrong.push(`${start} → ${threeWeeks}: not ${theirs}`)
    }
    expect(wrong).toEqual([])
  })

  it('says 0 on the day itself', () => {
    for (const start of starts) expect(workingDaysBetween(start, start, calendar)).toBe(0)
  })
})

describe('a year the package does not know yet, and corrections', () => {
  it('counts weekends only in 2027 and says such a count is provisional', () => {
    expect(addWorkingDays('2026-12-31', 2, calendar)).toBe('2027-01-04')
    for (const day of everyDay('2027-01-01', '2027-12-31')) expect(isWorkingDay(day, calendar)).toBe(weekdayOf(day) !== 0 && weekdayOf(day) !== 6)
    expect(reachesUnknownYear('2026-12-20', '2027-01-10')).toBe(true)
    expect(reachesUnknownYear('2026-09-30', '2026-10-22')).toBe(false)
  })

  it('lets a root union correct the national list in both directions', () => {
    // 2026-10-10 is a national make-up working day (Saturday); 2026-10-12 an ordinary Monday.
    const corrected = workCalendar([
      { date: '2026-10-10', kind: 'holiday' },
      { date: '2026-10-12', kind: 'holiday' },
      { date: '2026-10-05', kind: 'workday' },
    ])
    expect(isWorkingDay('2026-10-10', calendar)).toBe(true)
    expect(isWorkingDay('2026-10-10', corrected)).toBe(false)
    expect(isWorkingDay('2026-10-12', corrected)).toBe(false)
    expect(isWorkingDay('2026-10-05', corrected)).toBe(true)
    // Filed on 30 Sep 2026: the national calendar skips the National Day week.
    expect(addWorkingDays('2026-09-30', 2, calendar)).toBe('2026-10-09')
    expect(addWorkingDays('2026-09-30', 2, corrected)).toBe('2026-10-08')
  })
})
