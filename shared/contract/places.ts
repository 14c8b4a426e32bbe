import * as z from 'zod/mini'
import { isInFolder } from '../rules/cloud-files'
import { flag, id, integer, isoDate, oneOf, optionalText, pageOf, pagination, parsedBy, text } from '../fields'
import {
  CHINA_BOUNDS,
  checkPlacePhone,
  FEEDBACK_KINDS,
  FEEDBACK_PHOTO_DIR,
  FEEDBACK_STATUSES,
  hoursProblems,
  isTimeOfDay,
  MAX_PLACE_PHOTOS,
  MAX_RANGES_PER_DAY,
  NEARBY_DEFAULT_RADIUS_M,
  NEARBY_MAX_RADIUS_M,
  PLACE_PHOTO_DIR,
  PLACE_REPORT_KINDS,
  RATING_COMMENT_MAX,
  WEEKDAY_KEYS,
  WEEKDAY_LABELS,
  type WeekdayKey,
} from '../rules/places'
import { PLACE_FACILITIES, PLACE_TYPES } from '../vocabulary'
import { action, type FunctionContract } from './define'

export const placeType = oneOf('服务点类型', PLACE_TYPES)
export const placeFacility = oneOf('设施', PLACE_FACILITIES)
export const reportKind = oneOf('问题类型', PLACE_REPORT_KINDS)
export const feedbackKind = z.enum(FEEDBACK_KINDS)
export const feedbackStatus = oneOf('处理状态', FEEDBACK_STATUSES)
export const placeStatus = z.enum(['active', 'retired'])

// ── Inputs ──────────────────────────────────────────────────────────────────────────────────

function coordinate(label: string, min: number, max: number) {
  const outside = '位置不在中国境内，请在地图上重新选择'
  return z
    .number({ error: (issue) => (issue.input === undefined ? '请在地图上选择位置' : `${label}必须是数字`) })
    .check(z.gte(min, outside), z.lte(max, outside))
}

/** A position on the map in GCJ-02, as `Taro.getLocation({ type: 'gcj02' })` and `chooseLocation` give it. */
export const mapPoint = z.object(
  {
    longitude: coordinate('经度', CHINA_BOUNDS.minLongitude, CHINA_BOUNDS.maxLongitude),
    latitude: coordinate('纬度', CHINA_BOUNDS.minLatitude, CHINA_BOUNDS.maxLatitude),
  },
  { error: '位置格式不正确，请在地图上重新选择' },
)

/** A list of distinct choices, e.g. facilities to filter by. */
function choices<T extends z.ZodMiniType>(label: string, item: T, max: number) {
  return z
    .array(item, { error: `${label}格式不正确` })
    .check(z.maxLength(max, `${label}最多选 ${max} 项`), z.refine((list) => new Set(list).size === list.length, `${label}有重复的选项`))
}

function photoFileId(label: string, dir: string) {
  const message = `${label}请通过本页上传`
  return z.string({ error: message }).check(z.maxLength(512, message), z.refine((value) => isInFolder(value, dir), message))
}

function timeOfDay(label: string, closing: boolean) {
  return z
    .string({ error: (issue) => (issue.input === undefined ? `请填写${label}` : `${label}格式不正确`) })
    .check(z.refine((value) => isTimeOfDay(value, { closing }), `${label}格式不正确，应为 时:分，如 08:30`))
}

const timeRange = z.object({ open: timeOfDay('开门时间', false), close: timeOfDay('关门时间', true) }, { error: '开放时段格式不正确' })

/** A day left out is a closed day. */
const dayRanges = (day: WeekdayKey) =>
  z._default(
    z.array(timeRange, { error: `${WEEKDAY_LABELS[day]}的开放时间格式不正确` }).check(z.maxLength(MAX_RANGES_PER_DAY, `${WEEKDAY_LABELS[day]}最多填写 ${MAX_RANGES_PER_DAY} 个时段`)),
    [],
  )

const weekly = z.object(
  Object.fromEntries(WEEKDAY_KEYS.map((day) => [day, dayRanges(day)])) as Record<WeekdayKey, ReturnType<typeof dayRanges>>,
  { error: '请按周一到周日填写开放时间' },
)

/** `{ always: true }` (24 小时开放) or `{ always: false, weekly: { mon: [{ open: '08:00', close: '20:00' }], …, sun: [] } }` (a day left out is closed). */
export const openingHours = z.discriminatedUnion(
  'always',
  [z.object({ always: z.literal(true) }), z.object({ always: z.literal(false), weekly })],
  { error: '请填写开放时间（24 小时开放，或每天的开放时段）' },
)

/** What staff fill in for a place. */
const placeFields = {
  unionId: id('管理工会'),
  name: text('服务点名称', { min: 2, max: 40 }),
  type: placeType,
  address: text('地址', { min: 4, max: 100 }),
  district: text('所在区县', { max: 20 }),
  location: mapPoint,
  hours: openingHours,
  facilities: z._default(choices('设施', placeFacility, PLACE_FACILITIES.length), []),
  /** null or absent: no phone. */
  phone: z.optional(z.nullable(parsedBy(z.string({ error: '服务电话必须是文字' }), checkPlacePhone))),
  photos: z._default(choices('照片', photoFileId('照片', PLACE_PHOTO_DIR), MAX_PLACE_PHOTOS), []),
  description: optionalText('服务说明', 300),
}

const saveInput = z.object({ placeId: z.optional(id('服务点')), ...placeFields }).check(
  z.superRefine((input, ctx) => {
    if (input.hours.always) return
    for (const problem of hoursProblems(input.hours.weekly)) ctx.addIssue({ code: 'custom', path: ['hours', 'weekly', ...problem.path], message: problem.message })
  }),
)

const nearbyInput = z
  .object({
    /** The worker's position; without it, `district`. */
    location: z.optional(mapPoint),
    district: optionalText('区县', 20),
    types: z._default(choices('服务点类型', placeType, PLACE_TYPES.length), []),
    /** Places that have every one of these. */
    facilities: z._default(choices('设施', placeFacility, PLACE_FACILITIES.length), []),
    openNow: z._default(flag('只看营业中'), false),
    /** Metres around `location`. */
    radius: z._default(integer('搜索范围', { min: 100, max: NEARBY_MAX_RADIUS_M }), NEARBY_DEFAULT_RADIUS_M),
    ...pagination,
  })
  .check(
    z.superRefine((input, ctx) => {
      if (!input.location && !input.district) ctx.addIssue({ code: 'custom', path: ['location'], message: '请允许使用您的位置，或选择一个区县' })
    }),
  )

const placeRef = { placeId: id('服务点') }

const reportInput = z
  .object({
    ...placeRef,
    kind: reportKind,
    /** The broken facility (for `facility_broken`). */
    facility: z.optional(placeFacility),
    note: optionalText('问题说明', 200),
    photo: z.optional(photoFileId('照片', FEEDBACK_PHOTO_DIR)),
    /** Where the place really is (for `moved`). */
    location: z.optional(mapPoint),
  })
  .check(
    z.superRefine((input, ctx) => {
      if (input.kind === 'facility_broken' && !input.facility) ctx.addIssue({ code: 'custom', path: ['facility'], message: '请选择损坏的设施' })
      if (input.kind === 'other' && !input.note) ctx.addIssue({ code: 'custom', path: ['note'], message: '请写明遇到的问题' })
    }),
  )

const suggestInput = z.object({
  name: text('服务点名称', { min: 2, max: 40 }),
  type: placeType,
  address: text('地址', { min: 4, max: 100 }),
  district: text('所在区县', { max: 20 }),
  location: z.optional(mapPoint),
  facilities: z._default(choices('设施', placeFacility, PLACE_FACILITIES.length), []),
  note: optionalText('补充说明', 200),
  photo: z.optional(photoFileId('照片', FEEDBACK_PHOTO_DIR)),
})

// ── Outputs ─────────────────────────────────────────────────────────────────────────────────

const lngLat = z.object({ longitude: z.number(), latitude: z.number() })

/** A place as a list shows it. */
export const placeSummary = z.object({
  placeId: z.string(),
  name: z.string(),
  type: placeType,
  unionId: z.string(),
  unionName: z.string(),
  address: z.string(),
  district: z.string(),
  location: lngLat,
  /** Metres from the position the caller gave; null when they gave none. */
  distance: z.nullable(z.number()),
  facilities: z.array(placeFacility),
  /** Open at the moment of the call, China time. */
  openNow: z.boolean(),
  /** `24 小时开放`, `今日 08:00–20:00`, `今日休息`. */
  todayHours: z.string(),
  /** Inputs of 核实于 N 天前: when, and the China days since (by the server's clock). */
  verifiedAt: isoDate,
  verifiedDaysAgo: z.number(),
  /** Not verified for STALE_AFTER_DAYS days: show that the information may be out of date. */
  stale: z.boolean(),
  rating: z.object({ average: z.nullable(z.number()), count: z.number() }),
  /** A temporary URL of the first photo. */
  coverUrl: z.nullable(z.string()),
  status: placeStatus,
})

const rangeOut = z.object({ open: z.string(), close: z.string() })
const hoursOut = z.discriminatedUnion('always', [
  z.object({ always: z.literal(true) }),
  z.object({ always: z.literal(false), weekly: z.object(Object.fromEntries(WEEKDAY_KEYS.map((day) => [day, z.array(rangeOut)])) as Record<WeekdayKey, z.ZodMiniArray<typeof rangeOut>>) }),
])

export const placeRating = z.object({ score: z.number(), comment: z.nullable(z.string()), at: isoDate })

/** One place with everything its page shows. */
export const placeDetail = z.extend(placeSummary, {
  hours: hoursOut,
  phone: z.nullable(z.string()),
  /** Photos in order, each with a temporary URL; the file ids are for the staff edit form. */
  photos: z.array(z.object({ fileId: z.string(), url: z.string() })),
  description: z.nullable(z.string()),
  /** Who verified it last (a staff member's name as the union lists it, and their union). */
  verifiedBy: z.nullable(z.object({ name: z.string(), unionName: z.string() })),
  /** The five latest ratings with a comment that passed the content check, newest first. */
  recentRatings: z.array(placeRating),
  /** The caller's rating today, if any (one a day). */
  myRatingToday: z.nullable(placeRating),
  /** The caller serves the managing union: show edit, verify and retire. */
  canManage: z.boolean(),
  retiredReason: z.nullable(z.string()),
})

/** A report or suggestion as the person who sent it sees it. */
export const myFeedback = z.object({
  feedbackId: z.string(),
  kind: feedbackKind,
  /** The place reported on; null for a suggestion. */
  placeId: z.nullable(z.string()),
  /** The place's name, or the suggested name. */
  title: z.string(),
  status: feedbackStatus,
  /** The union's reply once handled. */
  reply: z.nullable(z.string()),
  createdAt: isoDate,
  handledAt: z.nullable(isoDate),
})

/** A report or suggestion in the staff queue; who sent it is never shown. */
export const queueItem = z.object({
  feedbackId: z.string(),
  kind: feedbackKind,
  status: feedbackStatus,
  unionId: z.string(),
  unionName: z.string(),
  place: z.nullable(z.object({ placeId: z.string(), name: z.string(), address: z.string(), location: lngLat })),
  suggestion: z.nullable(z.object({ name: z.string(), type: placeType, address: z.string(), district: z.string(), facilities: z.array(placeFacility) })),
  facility: z.nullable(placeFacility),
  note: z.nullable(z.string()),
  photoUrl: z.nullable(z.string()),
  /** Where the worker says the place is (a move, or a suggested place). */
  location: z.nullable(lngLat),
  /** The content check's verdict on the text: `review` deserves a careful read. */
  contentCheck: z.enum(['pass', 'review']),
  reply: z.nullable(z.string()),
  createdAt: isoDate,
  handledAt: z.nullable(isoDate),
})

// ── Actions ─────────────────────────────────────────────────────────────────────────────────

/** The `places` cloud function's actions (DESIGN §7, round 2). */
export const placesContract = {
  /** Active places near a position (nearest first, within `radius`) or in a district (by name), filtered; pages through the nearest 200. */
  nearby: action({
    role: 'user',
    input: nearbyInput,
    output: z.extend(pageOf(placeSummary), {
      /** More than NEARBY_CANDIDATES places matched: only the nearest are listed. */
      truncated: z.boolean(),
    }),
  }),
  /** The districts that have active places, with how many, for the picker of people who keep their location to themselves. */
  districts: action({
    role: 'user',
    input: z.object({}),
    output: z.object({ districts: z.array(z.object({ district: z.string(), count: z.number() })) }),
  }),
  /** One place; a retired one only for staff who manage it. `location` adds the distance. */
  get: action({
    role: 'user',
    input: z.object({ ...placeRef, location: z.optional(mapPoint) }),
    output: placeDetail,
  }),
  /** Reports a problem with a place (closed, moved, a broken facility, other), optionally with a photo; once per kind, place and person a day. */
  report: action({
    role: 'user',
    idempotent: true,
    input: reportInput,
    output: myFeedback,
  }),
  /** Suggests a place the map lacks; it goes to the district's union (or the city federation). */
  suggest: action({
    role: 'user',
    idempotent: true,
    input: suggestInput,
    output: myFeedback,
  }),
  /** Rates a visit 1–5 with an optional short comment; once per person, place and China day. */
  rate: action({
    role: 'user',
    idempotent: true,
    input: z.object({
      ...placeRef,
      score: integer('评分', { min: 1, max: 5 }),
      comment: optionalText('评价', RATING_COMMENT_MAX),
    }),
    output: z.object({
      ratingId: z.string(),
      score: z.number(),
      comment: z.nullable(z.string()),
      /** False when the content check wants a person to look first: the comment is kept but shown to no one else. */
      commentShown: z.boolean(),
      day: z.string(),
      rating: z.object({ average: z.nullable(z.number()), count: z.number() }),
    }),
  }),
  /** The caller's reports and suggestions with the unions' replies, newest first (what a feedback notice opens). */
  mine: action({
    role: 'user',
    input: z.object({ ...pagination }),
    output: pageOf(myFeedback),
  }),

  // ---- staff of the managing union ----

  /** Places of the unions the caller serves (or of one of them), least recently verified first. */
  manageList: action({
    role: 'staff',
    input: z.object({ unionId: z.optional(id('工会')), status: z._default(oneOf('状态', ['active', 'retired']), 'active'), ...pagination }),
    output: pageOf(placeSummary),
  }),
  /** Creates a place (verified now, by the caller) or edits one; moving it to another union needs the caller to serve both. */
  save: action({
    role: 'staff',
    idempotent: true,
    input: saveInput,
    output: placeDetail,
  }),
  /** Marks a place as checked on site today (核实). */
  verify: action({
    role: 'staff',
    idempotent: true,
    input: z.object(placeRef),
    output: placeDetail,
  }),
  /** Takes a place off the map with a reason; it stays listed for its staff. */
  retire: action({
    role: 'staff',
    idempotent: true,
    input: z.object({ ...placeRef, reason: text('停用原因', { min: 2, max: 100 }) }),
    output: placeDetail,
  }),
  /** Reports and suggestions for the unions the caller serves: open ones oldest first, handled ones newest first. */
  queue: action({
    role: 'staff',
    input: z.object({
      status: z._default(feedbackStatus, 'open'),
      kind: z.optional(oneOf('类别', ['report', 'suggestion'])),
      ...pagination,
    }),
    output: pageOf(queueItem),
  }),
  /** Resolves or declines a report or suggestion with a reply; the sender gets a subscribe message. */
  resolve: action({
    role: 'staff',
    idempotent: true,
    input: z.object({
      feedbackId: id('反馈'),
      decision: oneOf('处理结果', ['resolve', 'decline']),
      reply: text('回复', { min: 2, max: 200 }),
    }),
    output: z.extend(queueItem, { notified: z.boolean() }),
  }),
} satisfies FunctionContract
