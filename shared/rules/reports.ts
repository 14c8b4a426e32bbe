import { addDays, daysBetween, isDay, type Day } from './china-time'

/**
 * The date ranges of 数据看板: China days, both ends included, at most a year and a day apart, so a
 * whole (leap) year or any twelve months fit and a report stays one screen.
 */
export const MAX_REPORT_DAYS = 366

/** Why a range cannot be reported, in words for the person who picked it; null when it can. */
export function rangeRefusal(from: Day, to: Day): string | null {
  if (!isDay(from) || !isDay(to)) return '日期格式不正确，应为 年-月-日'
  if (to < from) return '结束日期不能早于开始日期'
  if (daysBetween(from, to) + 1 > MAX_REPORT_DAYS) return `统计区间最长 ${MAX_REPORT_DAYS} 天，请缩短`
  return null
}

/** The month after `2025-03`: `2025-04`. */
function nextMonth(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number]
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`
}

/** `2025-03` → the last day of that month. */
export function lastDayOfMonth(month: string): Day {
  return addDays(`${nextMonth(month)}-01`, -1)
}

/** The months a range touches, oldest first (`2025-01`, `2025-02`, …). */
export function monthsOf(from: Day, to: Day): string[] {
  const months: string[] = []
  for (let month = from.slice(0, 7); month <= to.slice(0, 7); month = nextMonth(month)) months.push(month)
  return months
}

/**
 * A range as the fewest whole periods: each month it covers entirely as the month (`M2025-03`),
 * the days of a month it covers in part one by one (`D2025-03-14`). The rollups keep both, so a
 * report of whole months reads one document per union and month.
 */
export function periodsOf(from: Day, to: Day): string[] {
  const periods: string[] = []
  for (const month of monthsOf(from, to)) {
    const first = `${month}-01`
    const last = lastDayOfMonth(month)
    if (from <= first && last <= to) {
      periods.push(`M${month}`)
      continue
    }
    for (let day = first < from ? from : first; day <= last && day <= to; day = addDays(day, 1)) periods.push(`D${day}`)
  }
  return periods
}

/** A preset of the range picker: whole months, so that reports of them read month rollups only. */
export interface RangePreset {
  key: 'thisMonth' | 'lastMonth' | 'last3Months' | 'thisYear' | 'lastYear'
  label: string
  from: Day
  to: Day
}

/** The presets as of `today` (a China day). */
export function rangePresets(today: Day): RangePreset[] {
  const month = today.slice(0, 7)
  const year = Number(today.slice(0, 4))
  const monthStart = (m: string) => `${m}-01`
  const previousMonth = (m: string) => addDays(monthStart(m), -1).slice(0, 7)
  const lastMonth = previousMonth(month)
  const threeAgo = previousMonth(previousMonth(month))
  return [
    { key: 'thisMonth', label: '本月', from: monthStart(month), to: lastDayOfMonth(month) },
    { key: 'lastMonth', label: '上月', from: monthStart(lastMonth), to: lastDayOfMonth(lastMonth) },
    { key: 'last3Months', label: '近三个月', from: monthStart(threeAgo), to: lastDayOfMonth(month) },
    { key: 'thisYear', label: '本年', from: `${year}-01-01`, to: `${year}-12-31` },
    { key: 'lastYear', label: '去年', from: `${year - 1}-01-01`, to: `${year - 1}-12-31` },
  ]
}
