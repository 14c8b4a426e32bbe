import * as z from 'zod/mini'
import { flag, id, integer, isoDate, oneOf, pageOf, pagination, text } from '../fields'
import { ACTIVITY_CATEGORIES, ALLOCATIONS } from '../rules/activity-categories'
import { DISPLAY_STATUSES, MAX_CAPACITY, scheduleProblems, type ActivityTimes } from '../rules/activity-signup'
import { parseIsoDateTime } from '../rules/china-time'
import { action, type FunctionContract } from './define'

/** A date and time the person typed or picked, sent as ISO 8601; reaches the handler as a Date. */
function dateTime(label: string) {
  return z.pipe(
    z
      .string({ error: (issue) => (issue.input === undefined ? `请填写${label}` : `${label}格式不正确`) })
      .check(
        z.maxLength(40, `${label}格式不正确`),
        z.refine((value) => parseIsoDateTime(value) !== null, {
          // `2031-02-30T01:00:00Z` has the shape but no such day: say so rather than "format".
          error: (issue) => (/^\d{4}-\d{2}-\d{2}T/.test(String(issue.input)) ? `${label}不是真实存在的日期，请核对` : `${label}格式不正确`),
        }),
      ),
    z.transform((value: string) => parseIsoDateTime(value)!),
  )
}

export const activityCategory = oneOf('活动类别', ACTIVITY_CATEGORIES)
export const allocation = oneOf('名额分配方式', ALLOCATIONS)
export const activityStatus = z.enum(['draft', 'published', 'cancelled'])
export const displayStatus = z.enum(DISPLAY_STATUSES)
export const drawStatus = z.enum(['open', 'drawing', 'drawn'])
export const signupWindow = z.enum(['not_open', 'open', 'closed'])

/** What staff fill in to create or edit an activity. */
export const activityFields = {
  unionId: id('主办工会'),
  title: text('活动名称', { min: 2, max: 40 }),
  category: activityCategory,
  description: text('活动介绍', { max: 2000 }),
  place: text('活动地点', { max: 100 }),
  startAt: dateTime('活动开始时间'),
  endAt: dateTime('活动结束时间'),
  signupOpensAt: dateTime('报名开始时间'),
  signupClosesAt: dateTime('报名截止时间'),
  cancelCutoffAt: dateTime('取消截止时间'),
  capacity: integer('名额', { min: 1, max: MAX_CAPACITY }),
  membersOnly: flag('仅限会员'),
  allocation,
  /** A cloud file id from `uploadFile`, or null for no cover. */
  coverFileId: z._default(
    z.nullable(z.string({ error: '封面图片格式不正确' }).check(z.maxLength(512, '封面图片格式不正确'), z.regex(/^cloud:\/\//, '封面图片格式不正确'))),
    null,
  ),
}

/** Every time is checked against the others; each problem lands on the field to change. */
const saveInput = z.object({ activityId: z.optional(id('活动')), ...activityFields }).check(
  z.superRefine((value, ctx) => {
    for (const problem of scheduleProblems(value as ActivityTimes)) ctx.addIssue({ code: 'custom', path: [problem.path], message: problem.message })
  }),
)

/** An activity as a list shows it. */
export const activitySummary = z.object({
  activityId: z.string(),
  unionId: z.string(),
  unionName: z.string(),
  title: z.string(),
  category: activityCategory,
  place: z.string(),
  startAt: isoDate,
  endAt: isoDate,
  signupOpensAt: isoDate,
  signupClosesAt: isoDate,
  cancelCutoffAt: isoDate,
  capacity: z.number(),
  confirmedCount: z.number(),
  waitlistCount: z.number(),
  /** Lottery entries before the draw. */
  entryCount: z.number(),
  seatsLeft: z.number(),
  membersOnly: z.boolean(),
  allocation,
  status: activityStatus,
  signupWindow,
  /** Lottery only: whether the draw has happened. */
  drawStatus: z.nullable(drawStatus),
  /** A temporary download URL of the cover image. */
  coverUrl: z.nullable(z.string()),
})

/** The caller's own sign-up. */
export const mySignup = z.object({
  signupId: z.string(),
  activityId: z.string(),
  status: displayStatus,
  /** 1 = next to be promoted; only while waitlisted. */
  waitlistPosition: z.nullable(z.number()),
  canCancel: z.boolean(),
  signedUpAt: isoDate,
  promotedAt: z.nullable(isoDate),
  checkedInAt: z.nullable(isoDate),
  cancelledAt: z.nullable(isoDate),
  cancelReason: z.nullable(z.enum(['self', 'activity_cancelled', 'incomplete'])),
})

/** What the lottery publishes: the commitment before the draw, the seed and counts after it. */
export const lotteryInfo = z.object({
  algorithm: z.string(),
  seedCommitment: z.string(),
  seed: z.nullable(z.string()),
  entriesDigest: z.nullable(z.string()),
  entryCount: z.number(),
  winnerCount: z.number(),
  drawnAt: z.nullable(isoDate),
})

export const eligibility = z.object({
  canSignUp: z.boolean(),
  /** Why not, for the button's caption; `members_only` comes with a link to join. */
  reason: z.nullable(z.enum(['signed_up', 'members_only', 'sign_in', 'not_open', 'closed', 'cancelled', 'draft'])),
  message: z.nullable(z.string()),
})

export const activityDetail = z.extend(activitySummary, {
  description: z.string(),
  /** The cover's cloud file id, for the edit form to keep it. */
  coverFileId: z.nullable(z.string()),
  createdAt: isoDate,
  cancelReason: z.nullable(z.string()),
  lottery: z.nullable(lotteryInfo),
  mySignup: z.nullable(mySignup),
  eligibility,
  /** The caller serves the organising union: show the staff tools. */
  canManage: z.boolean(),
})

export const rosterRow = z.object({
  signupId: z.string(),
  status: displayStatus,
  /** Masked (张*); members only. */
  name: z.string(),
  memberNumber: z.nullable(z.string()),
  phoneMasked: z.nullable(z.string()),
  waitlistPosition: z.nullable(z.number()),
  signedUpAt: isoDate,
  checkedInAt: z.nullable(isoDate),
  checkInMethod: z.nullable(z.enum(['card', 'event_code'])),
})

export const rosterCounts = z.object({
  confirmed: z.number(),
  waitlisted: z.number(),
  entered: z.number(),
  checkedIn: z.number(),
  cancelled: z.number(),
})

const activityRef = { activityId: id('活动') }
const rosterFilter = oneOf('名单', ['confirmed', 'waitlisted', 'entered', 'checked_in', 'cancelled'])

/** The `activities` cloud function's actions (DESIGN §7). */
export const activitiesContract = {
  /** Published activities, upcoming first (or past ones, latest first), optionally of one category or union. */
  list: action({
    role: 'anyone',
    input: z.object({
      when: z._default(oneOf('时间范围', ['upcoming', 'past']), 'upcoming'),
      category: z.optional(activityCategory),
      unionId: z.optional(id('工会')),
      ...pagination,
    }),
    output: pageOf(activitySummary),
  }),
  /** One activity with its rules, the lottery record, and the caller's own sign-up. */
  get: action({
    role: 'anyone',
    input: z.object(activityRef),
    output: activityDetail,
  }),
  /** Signs up: first come → confirmed or waitlisted at once; lottery → entered for the draw. */
  signUp: action({
    role: 'user',
    idempotent: true,
    input: z.object(activityRef),
    output: mySignup,
  }),
  /** Cancels the caller's sign-up before the cut-off; a freed seat goes to the head of the waitlist. */
  cancel: action({
    role: 'user',
    idempotent: true,
    input: z.object(activityRef),
    output: mySignup,
  }),
  /** The caller's sign-ups: upcoming (soonest first) or past (latest first). */
  mine: action({
    role: 'user',
    input: z.object({ when: z._default(oneOf('时间范围', ['upcoming', 'past']), 'upcoming'), ...pagination }),
    output: pageOf(z.object({ activity: activitySummary, signup: mySignup })),
  }),
  /** The member scans the activity's rotating check-in code at the venue. */
  selfCheckIn: action({
    role: 'user',
    idempotent: true,
    input: z.object({ code: text('签到码', { max: 200 }) }),
    output: z.object({ activityId: z.string(), title: z.string(), checkedInAt: isoDate, alreadyCheckedIn: z.boolean() }),
  }),
  /** The draw's public record, page by page, so that anyone can re-run it. */
  drawRecord: action({
    role: 'anyone',
    input: z.object({
      ...activityRef,
      page: z._default(integer('页码', { min: 1, max: 10_000 }), 1),
      pageSize: z._default(integer('每页条数', { min: 1, max: 1000 }), 1000),
    }),
    output: z.object({
      activityId: z.string(),
      algorithm: z.string(),
      capacity: z.number(),
      seedCommitment: z.string(),
      seed: z.string(),
      entriesDigest: z.string(),
      drawnAt: isoDate,
      entryCount: z.number(),
      winnerCount: z.number(),
      /** Sorted entry ids, this page. */
      entryIds: z.array(z.string()),
      /** Winners in draw order, this page. */
      winners: z.array(z.string()),
      page: z.number(),
      pageSize: z.number(),
    }),
  }),

  // ---- staff ----

  /** Activities of the unions the staff member serves, every status, newest start first. */
  manageList: action({
    role: 'staff',
    input: z.object({ status: z.optional(oneOf('状态', ['draft', 'published', 'cancelled'])), ...pagination }),
    output: pageOf(activitySummary),
  }),
  /** Creates a draft (no `activityId`) or edits one; a published activity keeps its allocation and never drops below its sign-ups. */
  save: action({
    role: 'staff',
    idempotent: true,
    input: saveInput,
    output: activityDetail,
  }),
  /** Publishes a draft; a lottery gets its seed commitment now, before anyone can enter. */
  publish: action({
    role: 'staff',
    idempotent: true,
    input: z.object(activityRef),
    output: activityDetail,
  }),
  /** Cancels the whole activity and notifies everyone signed up. */
  cancelActivity: action({
    role: 'staff',
    idempotent: true,
    input: z.object({ ...activityRef, reason: text('取消原因', { min: 2, max: 100 }) }),
    output: z.object({ activityId: z.string(), notified: z.number() }),
  }),
  /** Runs (or finishes) the lottery draw once sign-up has closed. */
  draw: action({
    role: 'staff',
    idempotent: true,
    input: z.object(activityRef),
    output: z.object({ status: drawStatus, lottery: lotteryInfo, remaining: z.number() }),
  }),
  /** Confirmed, waitlist, checked in and the rest, with counts; personal data masked. */
  roster: action({
    role: 'staff',
    input: z.object({ ...activityRef, status: z.optional(rosterFilter), ...pagination }),
    output: z.extend(pageOf(rosterRow), { counts: rosterCounts }),
  }),
  /** The roster as a CSV file (UTF-8 with BOM for Excel) in cloud storage; returns a temporary URL. */
  exportRoster: action({
    role: 'staff',
    input: z.object(activityRef),
    output: z.object({ fileId: z.string(), url: z.string(), rows: z.number(), expiresAt: isoDate }),
  }),
  /** Staff check a person in by scanning the member's rotating card code. */
  checkIn: action({
    role: 'staff',
    idempotent: true,
    input: z.object({ ...activityRef, code: text('会员码', { max: 200 }) }),
    output: z.extend(rosterRow, { alreadyCheckedIn: z.boolean() }),
  }),
  /** The activity's rotating check-in code for members to scan at the venue. */
  checkInCode: action({
    role: 'staff',
    input: z.object(activityRef),
    output: z.object({ code: z.string(), qrImage: z.string(), refreshAt: isoDate }),
  }),
} satisfies FunctionContract
