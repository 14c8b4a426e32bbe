import * as z from 'zod/mini'
import { id } from '../fields'
import { isDay } from '../rules/china-time'
import { COMPLAINT_CATEGORIES } from '../rules/complaint-categories'
import { COMPLAINT_STATUSES } from '../rules/complaint-status'
import { rangeRefusal } from '../rules/reports'
import { action, type FunctionContract } from './define'

const day = (label: string) =>
  z.string({ error: (issue) => (issue.input === undefined ? `请选择${label}` : `${label}格式不正确`) }).check(z.refine(isDay, `${label}格式不正确，应为 年-月-日`))

const count = z.number()
/** A share between 0 and 1; null when there is nothing to divide by. */
const share = z.nullable(z.number())

const overviewOutput = z.object({
  unionId: z.string(),
  unionName: z.string(),
  /** `subtree`: the union and every union below it (an admin's view); `union`: the union alone. */
  scope: z.enum(['subtree', 'union']),
  from: z.string(),
  to: z.string(),
  members: z.object({
    /** Active members today (not bounded by the range). */
    current: count,
    byUnion: z.array(z.object({ unionId: z.string(), name: z.string(), count })),
    byPlatform: z.array(z.object({ platform: z.string(), count })),
    byDistrict: z.array(z.object({ district: z.string(), count })),
    byEmploymentType: z.array(z.object({ employmentType: z.string(), count })),
    /** Each month the range touches: first admissions, and transfers into and out of the unions in scope. */
    byMonth: z.array(z.object({ month: z.string(), admitted: count, transferredIn: count, transferredOut: count })),
  }),
  /** Join applications filed in the range, by where each stands now. */
  funnel: z.object({
    applied: count,
    approved: count,
    rejected: count,
    pending: count,
    /** Calendar days from filing to the decision, median over the decided ones. */
    medianDaysToDecision: z.nullable(z.number()),
  }),
  /** Cases filed in the range. */
  complaints: z.object({
    filed: count,
    byCategory: z.array(z.object({ category: z.enum(COMPLAINT_CATEGORIES), count })),
    byStatus: z.array(z.object({ status: z.enum(COMPLAINT_STATUSES), count })),
    /** Resolved, or refused, so far; and of those, by the deadline in force. */
    decided: count,
    decidedOnTime: count,
    onTimeShare: share,
    /** Cases in scope past the deadline of their current step now (whenever filed). */
    overdueNow: count,
    rated: count,
    averageRating: z.nullable(z.number()),
  }),
  /** Published activities starting in the range. */
  activities: z.object({
    count,
    capacity: count,
    seatsFilled: count,
    fillShare: share,
    /** Of the activities that started before today: seats held and people checked in. */
    startedSeats: count,
    checkedIn: count,
    checkInShare: share,
  }),
})

export type ReportOverview = z.output<typeof overviewOutput>

/** The `reports` cloud function (DESIGN §7). */
export const reportsContract = {
  /**
   * 数据看板 of a union the caller serves, over China days `from`–`to` (both included, at most 366):
   * an admin sees the union and everything below it, staff their union alone.
   */
  overview: action({
    role: 'staff',
    input: z.object({ unionId: id('工会'), from: day('开始日期'), to: day('结束日期') }).check(
      z.superRefine((input, ctx) => {
        // A date that is not one has its own message already.
        if (!isDay(input.from) || !isDay(input.to)) return
        const refusal = rangeRefusal(input.from, input.to)
        if (refusal) ctx.addIssue({ code: 'custom', path: ['to'], message: refusal })
      }),
    ),
    output: overviewOutput,
  }),
} satisfies FunctionContract
