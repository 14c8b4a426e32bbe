import * as z from 'zod/mini'
import { flag, id, integer, isoDate, oneOf, optionalText, pageOf, pagination, parsedBy, text } from '../fields'
import { COMPLAINT_CATEGORIES, CATEGORY_RULES } from '../rules/complaint-categories'
import { MAX_EVIDENCE_FILES } from '../rules/complaint-evidence'
import { COMPLAINT_STATUSES, LETTER_TYPES, transitionNeedsNote } from '../rules/complaint-status'
import { parseYuan } from '../rules/money'
import { checkMobile } from '../rules/phone'
import { chinaDay, isDay } from '../rules/china-time'
import { action, type FunctionContract } from './define'


export const complaintCategory = oneOf('求助类型', COMPLAINT_CATEGORIES)
export const complaintStatus = oneOf('状态', COMPLAINT_STATUSES)
export const letterType = oneOf('函件类型', LETTER_TYPES)

/** A China calendar date, not in the future, not before 1990. */
const occurredOn = z
  .string({ error: (issue) => (issue.input === undefined ? '请选择发生日期' : '发生日期格式不正确') })
  .check(
    z.refine(isDay, '发生日期格式不正确，应为 年-月-日'),
    z.refine((day) => day >= '1990-01-01', '发生日期不能早于 1990 年'),
    z.refine((day) => day <= chinaDay(new Date()), '发生日期不能晚于今天'),
  )

/** Yuan as text (`3500.50`) or a JSON number, carried on as integer fen. */
const amountOwed = parsedBy(z.union([z.string(), z.number()], { error: '拖欠金额必须是数字' }), (raw) => {
  const parsed = parseYuan(raw, '拖欠金额')
  return parsed.ok ? { ok: true, value: parsed.fen } : parsed
})

const contactPhone = parsedBy(z.string({ error: '联系电话必须是文字' }), (raw) => {
  const checked = checkMobile(raw)
  return checked.ok ? checked : { ok: false, message: checked.message.replace('手机号', '联系电话') }
})

/** A cloud storage file ID as `wx.cloud.uploadFile` and the local cloud's upload return it. */
const evidenceFileId = z
  .string({ error: '证据图片格式不正确，请重新上传' })
  .check(z.maxLength(512, '证据图片格式不正确，请重新上传'), z.regex(/^cloud:\/\/[A-Za-z0-9._-]+\/[^?#\s]+$/, '证据图片格式不正确，请重新上传'))

const attachments = z._default(
  z
    .array(evidenceFileId, { error: '证据图片格式不正确' })
    .check(
      z.maxLength(MAX_EVIDENCE_FILES, `证据图片最多 ${MAX_EVIDENCE_FILES} 张`),
      z.refine((list) => new Set(list).size === list.length, '同一张图片上传了两次，请删除重复的图片'),
    ),
  [],
)

const fileInput = z
  .object({
    category: complaintCategory,
    description: text('情况描述', { min: 10, max: 2000 }),
    employer: text('用人单位或平台', { min: 2, max: 100 }),
    amountOwed: z.optional(amountOwed),
    occurredOn,
    attachments,
    anonymous: z._default(flag('匿名'), false),
    contactPhone: z.optional(contactPhone),
    /** For a worker who is not a member: the district whose federation takes the case. */
    district: optionalText('所在区县', 20),
  })
  .check(
    z.superRefine((input, ctx) => {
      if (CATEGORY_RULES[input.category].asksAmount && input.amountOwed === undefined) {
        ctx.addIssue({ code: 'custom', path: ['amountOwed'], message: '请填写拖欠金额' })
      }
      // Anonymity means the union cannot tell who filed; a phone number would tell them.
      if (input.anonymous && input.contactPhone !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['contactPhone'], message: '匿名求助不留联系电话；如需工会联系您，请取消匿名' })
      }
    }),
  )

const transitionInput = z
  .object({
    complaintId: id('案件编号'),
    to: complaintStatus,
    note: optionalText('说明', 1000),
    letterType: z.optional(letterType),
  })
  .check(
    z.superRefine((input, ctx) => {
      if (transitionNeedsNote(input.to) && !input.note) {
        const what = input.to === 'rejected' ? '不予受理的理由' : input.to === 'resolved' ? '办结情况' : '督办情况'
        ctx.addIssue({ code: 'custom', path: ['note'], message: `请填写${what}` })
      }
      if (input.to === 'escalated' && input.letterType === undefined) {
        ctx.addIssue({ code: 'custom', path: ['letterType'], message: '请选择函件类型' })
      }
    }),
  )

const union = z.object({ unionId: z.string(), name: z.string() })

/** The deadline the case is under now, or null once the union owes nothing more. */
const deadline = z.nullable(
  z.object({
    kind: z.enum(['accept', 'resolve']),
    /** China calendar day, `YYYY-MM-DD`. */
    day: z.string(),
    dueAt: isoDate,
    overdue: z.boolean(),
    /** "工会将在 11月29日 前受理". */
    sentence: z.string(),
  }),
)

/** One step of the case. Who is a role, never a person: anonymous cases stay anonymous. */
export const timelineEntry = z.object({
  at: isoDate,
  actor: z.enum(['complainant', 'staff', 'system']),
  kind: z.enum(['filed', 'status', 'reply', 'rated']),
  from: z.nullable(complaintStatus),
  to: z.nullable(complaintStatus),
  note: z.nullable(z.string()),
  letterType: z.nullable(letterType),
  score: z.nullable(z.number()),
})

const rating = z.nullable(z.object({ score: z.number(), comment: z.nullable(z.string()), at: isoDate }))

const caseFacts = {
  complaintId: z.string(),
  trackingNumber: z.string(),
  category: complaintCategory,
  status: complaintStatus,
  description: z.string(),
  employer: z.string(),
  /** Yuan with two decimals, `3500.00`; null when not given. */
  amountOwed: z.nullable(z.string()),
  occurredOn: z.string(),
  anonymous: z.boolean(),
  union,
  filedAt: isoDate,
  deadline,
  escalation: z.nullable(z.object({ letterType, at: isoDate })),
  rating,
  /** Evidence through temporary URLs (valid for minutes); the file IDs stay on the server. */
  evidence: z.array(z.object({ url: z.string() })),
  timeline: z.array(timelineEntry),
}

/** The case as the person who filed it sees it. */
export const ownerCase = z.object({
  viewer: z.literal('owner'),
  ...caseFacts,
  contactPhone: z.nullable(z.string()),
  canRate: z.boolean(),
})

/**
 * The case as union staff see it: nothing that identifies the complainant when it is anonymous,
 * and the contact phone masked (reading it in full is a separate, audited action).
 */
export const staffCase = z.object({
  viewer: z.literal('staff'),
  ...caseFacts,
  complainant: z.discriminatedUnion('anonymous', [
    z.object({ anonymous: z.literal(true) }),
    z.object({
      anonymous: z.literal(false),
      isMember: z.boolean(),
      memberNumber: z.nullable(z.string()),
      contactPhoneMasked: z.nullable(z.string()),
    }),
  ]),
  /** The content check's verdict on the text: `review` (or a check that did not finish) deserves a careful read. */
  contentCheck: z.enum(['pass', 'review']),
  contentLabel: z.nullable(z.string()),
  nextStatuses: z.array(complaintStatus),
  canReply: z.boolean(),
})

const caseSummary = z.object({
  complaintId: z.string(),
  trackingNumber: z.string(),
  category: complaintCategory,
  status: complaintStatus,
  employer: z.string(),
  filedAt: isoDate,
  deadline,
  union,
})

/** A row of the staff's case list. */
export const staffCaseSummary = z.extend(caseSummary, { anonymous: z.boolean() })

const holiday = z.object({ date: z.string(), kind: z.enum(['holiday', 'workday']), name: z.string() })

const day = (label: string) =>
  z.string({ error: (issue) => (issue.input === undefined ? `请选择${label}` : `${label}格式不正确`) }).check(z.refine(isDay, `${label}格式不正确，应为 年-月-日`))

/** The `complaints` cloud function's actions (DESIGN §7). */
export const complaintsContract = {
  /** Where a case would go: the caller's union if a member, else the district federation (and the districts to pick from). */
  destination: action({
    role: 'user',
    input: z.object({ district: optionalText('所在区县', 20) }),
    output: z.object({ isMember: z.boolean(), union: z.nullable(union), districts: z.array(z.string()) }),
  }),
  /** Files a case: content-checked, evidence verified, a tracking number and the accept-by deadline at once. */
  file: action({ role: 'user', idempotent: true, input: fileInput, output: ownerCase }),
  /** The caller's own cases, newest first. */
  mine: action({ role: 'user', input: z.object({ ...pagination }), output: pageOf(caseSummary) }),
  /** One case, for the person who filed it or staff of the union it was routed to. */
  get: action({
    role: 'user',
    input: z.object({ complaintId: id('案件编号') }),
    output: z.discriminatedUnion('viewer', [ownerCase, staffCase]),
  }),
  /** Cases of the unions the caller serves: open ones by nearest deadline unless a status is picked. */
  list: action({
    role: 'staff',
    input: z.object({
      status: z.optional(complaintStatus),
      category: z.optional(complaintCategory),
      unionId: z.optional(id('工会')),
      overdueOnly: z._default(flag('只看逾期'), false),
      ...pagination,
    }),
    output: pageOf(staffCaseSummary),
  }),
  /** Staff move a case along the status machine; anything else is `CONFLICT`. */
  transition: action({ role: 'staff', idempotent: true, input: transitionInput, output: staffCase }),
  /** Staff write to the worker; the message is a timeline entry. */
  reply: action({
    role: 'staff',
    idempotent: true,
    input: z.object({ complaintId: id('案件编号'), message: text('回复内容', { min: 2, max: 1000 }) }),
    output: staffCase,
  }),
  /** The complainant's phone in full, for calling them back; written to the audit log. */
  revealContact: action({
    role: 'staff',
    input: z.object({ complaintId: id('案件编号') }),
    output: z.object({ contactPhone: z.string() }),
  }),
  /** The person who filed rates the result; a resolved case closes. */
  rate: action({
    role: 'user',
    idempotent: true,
    input: z.object({
      complaintId: id('案件编号'),
      score: integer('评分', { min: 1, max: 5 }),
      comment: optionalText('评价', 500),
    }),
    output: ownerCase,
  }),
  /** The holiday list deadlines are counted with, for a year. */
  holidays: action({
    role: 'staff',
    input: z.object({ year: integer('年份', { min: 2000, max: 2100 }) }),
    output: z.object({ items: z.array(holiday) }),
  }),
  /** Adds or changes a day on the holiday list: a public holiday, or a weekend day worked instead (调休). */
  saveHoliday: action({
    role: 'admin',
    idempotent: true,
    input: z.object({ date: day('日期'), kind: oneOf('类型', ['holiday', 'workday']), name: text('名称', { max: 20 }) }),
    output: holiday,
  }),
  removeHoliday: action({
    role: 'admin',
    input: z.object({ date: day('日期') }),
    output: z.object({ removed: z.boolean() }),
  }),
  /**
   * Closes cases resolved more than 7 days ago that nobody rated. The hourly timer trigger runs it
   * (see cloudfunctions/src/complaints/index.ts); admins may run it by hand.
   */
  closeResolved: action({
    role: 'admin',
    input: z.object({}),
    output: z.object({ closed: z.number() }),
  }),
} satisfies FunctionContract

export type OwnerCase = z.output<typeof ownerCase>
export type StaffCase = z.output<typeof staffCase>
export type TimelineEntry = z.output<typeof timelineEntry>
