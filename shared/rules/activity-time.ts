import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'

dayjs.extend(utc)

/**
 * Activity times as people in China read and type them, whatever the phone's or server's zone:
 * always UTC+8 (China has no daylight saving).
 */
const CHINA_OFFSET_MINUTES = 8 * 60
const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六']

const china = (at: string | Date) => dayjs(at).utcOffset(CHINA_OFFSET_MINUTES)

/** `7月1日 周三 09:00` */
export function formatActivityTime(at: string | Date): string {
  const d = china(at)
  return `${d.format('M月D日')} ${WEEKDAYS[d.day()]} ${d.format('HH:mm')}`
}

/** `7月1日 周三 09:00–17:00`, or both full times when the activity spans days. */
export function formatActivityRange(start: string | Date, end: string | Date): string {
  const from = china(start)
  const to = china(end)
  return from.format('YYYY-MM-DD') === to.format('YYYY-MM-DD') ? `${formatActivityTime(start)}–${to.format('HH:mm')}` : `${formatActivityTime(start)} 至 ${formatActivityTime(end)}`
}

/** What a date-time field shows: `2026-07-01 09:00`. */
export function toDateTimeText(at: string | Date): string {
  return china(at).format('YYYY-MM-DD HH:mm')
}

/** Reads `2026-07-01 09:00` (or `2026-7-1 9:00`) as China time; null if it is not a real date and time. */
export function parseDateTimeText(text: string): Date | null {
  const match = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s+(\d{1,2}):(\d{2})\s*$/.exec(text)
  if (!match) return null
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number]
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return null
  const at = new Date(Date.UTC(year, month - 1, day, hour, minute) - CHINA_OFFSET_MINUTES * 60_000)
  // 2月30日 rolls over to March in Date.UTC: such a date does not exist.
  return china(at).date() === day ? at : null
}
