/**
 * 服务阵地 (union service places): opening hours and whether a place is open now in China time,
 * how long ago it was verified, what a worker can report about it, distances on the map, and the
 * limits the contract, the functions and the pages share. Place types and facilities are in
 * shared/vocabulary.ts.
 */
import { chinaDay, inChina, type Instant } from './china-time'

// ── Opening hours ────────────────────────────────────────────────────────────────────────────

/** Monday first, as a Chinese week is read (周一 … 周日). */
export const WEEKDAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const
export type WeekdayKey = (typeof WEEKDAY_KEYS)[number]

export const WEEKDAY_LABELS: Record<WeekdayKey, string> = { mon: '周一', tue: '周二', wed: '周三', thu: '周四', fri: '周五', sat: '周六', sun: '周日' }

/**
 * One opening period of a day, China time, `HH:mm`. `close` may be `24:00` (until midnight), and
 * a `close` at or before `open` runs past midnight into the next day (a 司机之家 open 20:00–08:00).
 */
export interface TimeRange {
  open: string
  close: string
}

/** Open around the clock, or by weekday (a day with no periods is closed). */
export type OpeningHours = { always: true } | { always: false; weekly: Record<WeekdayKey, TimeRange[]> }

export const MAX_RANGES_PER_DAY = 3

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/

/** `08:30` is a time of day; `24:00` only as a closing time. */
export function isTimeOfDay(value: string, { closing = false } = {}): boolean {
  return TIME.test(value) || (closing && value === '24:00')
}

const minutesOf = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5))

/** The period as minutes of its own day; an overnight period ends after 1440 (24:00). */
function span({ open, close }: TimeRange): [number, number] {
  const from = minutesOf(open)
  const to = minutesOf(close)
  return [from, to <= from ? to + 1440 : to]
}

/** A problem with the weekly hours, on the path (under `weekly`) of the field to change. */
export interface HoursProblem {
  path: Array<string | number>
  message: string
}

/** What is wrong with a weekly schedule: empty or equal periods, overlaps (also across midnight), no open day. */
export function hoursProblems(weekly: Record<WeekdayKey, TimeRange[]>): HoursProblem[] {
  const problems: HoursProblem[] = []
  WEEKDAY_KEYS.forEach((day, index) => {
    const ranges = weekly[day]
    ranges.forEach((range, i) => {
      if (range.open === range.close) problems.push({ path: [day, i, 'close'], message: `${WEEKDAY_LABELS[day]}第 ${i + 1} 个时段的开门和关门时间相同` })
    })
    const order = ranges.map((range, i) => ({ i, span: span(range) })).sort((a, b) => a.span[0] - b.span[0])
    for (let k = 1; k < order.length; k++) {
      if (order[k]!.span[0] < order[k - 1]!.span[1]) {
        problems.push({ path: [day, order[k]!.i, 'open'], message: `${WEEKDAY_LABELS[day]}的开放时段有重叠` })
      }
    }
    // A period past midnight must end before the next day's first period starts.
    const spill = Math.max(0, ...ranges.map((range) => span(range)[1] - 1440))
    const next = WEEKDAY_KEYS[(index + 1) % 7]!
    const nextStart = Math.min(...weekly[next].map((range) => span(range)[0]))
    if (spill > nextStart) problems.push({ path: [next, 0, 'open'], message: `${WEEKDAY_LABELS[day]}跨到次日的时段与${WEEKDAY_LABELS[next]}的开放时段重叠` })
  })
  if (WEEKDAY_KEYS.every((day) => weekly[day].length === 0)) problems.push({ path: [], message: '请至少填写一天的开放时间；不再开放的服务点请停用' })
  return problems
}

/** 0 = Monday … 6 = Sunday, of a moment in China. */
function weekdayIndex(at: Instant): number {
  return (inChina(at).day() + 6) % 7
}

/** Whether the place is open at that moment, China time; an overnight period counts on the next morning too. */
export function isOpenAt(hours: OpeningHours, at: Instant): boolean {
  if (hours.always) return true
  const t = inChina(at)
  const minute = t.hour() * 60 + t.minute()
  const today = WEEKDAY_KEYS[weekdayIndex(at)]!
  const yesterday = WEEKDAY_KEYS[(weekdayIndex(at) + 6) % 7]!
  const openToday = hours.weekly[today].some((range) => {
    const [from, to] = span(range)
    return minute >= from && minute < to
  })
  return openToday || hours.weekly[yesterday].some((range) => minute < span(range)[1] - 1440)
}

/** `08:00–20:00`, or `20:00–次日08:00` for a period past midnight. */
export function formatRange(range: TimeRange): string {
  return span(range)[1] > 1440 ? `${range.open}–次日${range.close}` : `${range.open}–${range.close}`
}

/** A day's periods as a line: `08:00–12:00、14:00–18:00`, or `休息`. */
export function formatDay(ranges: readonly TimeRange[]): string {
  return ranges.length === 0 ? '休息' : ranges.map(formatRange).join('、')
}

/** What a list shows under a place's name: `24 小时开放`, `今日 08:00–20:00`, `今日休息`. */
export function todayHoursText(hours: OpeningHours, at: Instant): string {
  if (hours.always) return '24 小时开放'
  const ranges = hours.weekly[WEEKDAY_KEYS[weekdayIndex(at)]!]
  return ranges.length === 0 ? '今日休息' : `今日 ${formatDay(ranges)}`
}

// ── Verification ────────────────────────────────────────────────────────────────────────────

/** A place not verified for this many days is shown as possibly out of date (信息可能已过时). */
export const STALE_AFTER_DAYS = 90

/** Whole China calendar days from `at` to `now` (0 on the same day). */
export function daysSince(at: Instant, now: Instant): number {
  const ms = Date.parse(`${chinaDay(now)}T00:00:00Z`) - Date.parse(`${chinaDay(at)}T00:00:00Z`)
  return Math.max(0, Math.round(ms / 86_400_000))
}

/** `今天核实`, `昨天核实`, `核实于 12 天前`. */
export function verifiedText(days: number): string {
  if (days === 0) return '今天核实'
  if (days === 1) return '昨天核实'
  return `核实于 ${days} 天前`
}

// ── Feedback from workers ───────────────────────────────────────────────────────────────────

/** What a worker can report about a place. */
export const PLACE_REPORT_KINDS = ['closed', 'moved', 'facility_broken', 'other'] as const
export type PlaceReportKind = (typeof PLACE_REPORT_KINDS)[number]

export const PLACE_REPORT_LABELS: Record<PlaceReportKind, string> = {
  closed: '关门或无法进入',
  moved: '位置不对或已搬迁',
  facility_broken: '设施损坏',
  other: '其他问题',
}

/** Reports and suggestions of new places share one queue; a suggestion is the kind `new_place`. */
export const FEEDBACK_KINDS = [...PLACE_REPORT_KINDS, 'new_place'] as const
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number]

export const FEEDBACK_STATUSES = ['open', 'resolved', 'declined'] as const
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number]

export const FEEDBACK_STATUS_LABELS: Record<FeedbackStatus, string> = { open: '待处理', resolved: '已处理', declined: '未采纳' }

/** The page a feedback notice opens: the person's reports and suggestions with the union's replies. */
export const FEEDBACK_PAGE = 'subpackages/places/pages/feedback/index'

// ── Photos ──────────────────────────────────────────────────────────────────────────────────

/** Cloud storage folders: staff upload a place's photos to the first, workers a report's photo to the second. */
export const PLACE_PHOTO_DIR = 'place-photos'
export const FEEDBACK_PHOTO_DIR = 'place-feedback'
export const MAX_PLACE_PHOTOS = 6

// ── Ratings ─────────────────────────────────────────────────────────────────────────────────

export const RATING_COMMENT_MAX = 100

/** The average of the stored sum and count, to one decimal; null before the first rating. */
export function averageRating({ sum, count }: { sum: number; count: number }): number | null {
  return count === 0 ? null : Math.round((sum / count) * 10) / 10
}

// ── The map ─────────────────────────────────────────────────────────────────────────────────

/** `nearby` searches this far by default, and at most this far; it looks at the nearest `NEARBY_CANDIDATES`. */
export const NEARBY_DEFAULT_RADIUS_M = 5000
export const NEARBY_MAX_RADIUS_M = 50_000
export const NEARBY_CANDIDATES = 200

/**
 * Places are stored in GCJ-02, the coordinates WeChat's `getLocation({ type: 'gcj02' })` and its
 * map use; GCJ-02 is defined only inside China, so positions outside this box are refused.
 */
export const CHINA_BOUNDS = { minLongitude: 73, maxLongitude: 136, minLatitude: 3, maxLatitude: 54 } as const

/** The sphere MongoDB's 2dsphere distances use (6378.1 km), so the list shows what the database sorted by. */
const EARTH_RADIUS_M = 6_378_100

/** Great-circle distance in metres (haversine). */
export function distanceMetres(a: { longitude: number; latitude: number }, b: { longitude: number; latitude: number }): number {
  const rad = Math.PI / 180
  const h =
    Math.sin(((b.latitude - a.latitude) * rad) / 2) ** 2 +
    Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(((b.longitude - a.longitude) * rad) / 2) ** 2
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)))
}

/** `350 米`, `1.2 公里`, `18 公里`. */
export function formatDistance(metres: number): string {
  if (metres < 1000) return `${Math.max(10, Math.round(metres / 10) * 10)} 米`
  if (metres < 10_000) return `${(metres / 1000).toFixed(1)} 公里`
  return `${Math.round(metres / 1000)} 公里`
}

// ── Phone ───────────────────────────────────────────────────────────────────────────────────

/**
 * A place's public service number: a landline with area code (`0571-88886666`), a mobile, a
 * 400/800 number or a short hotline such as 12351 (the unions' own). Spaces are dropped.
 */
export function checkPlacePhone(raw: string): { ok: true; value: string } | { ok: false; message: string } {
  const value = raw.replace(/\s+/g, '')
  if (!/^\d[\d-]{3,18}\d$/.test(value) || value.replace(/-/g, '').length < 5 || value.includes('--')) {
    return { ok: false, message: '服务电话格式不正确，如 0571-88886666、12351 或手机号' }
  }
  return { ok: true, value }
}
