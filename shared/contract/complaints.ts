import * as z from 'zod/mini'
import { flag, id, integer, isoDate, oneOf, optionalText, pageOf, pagination, parsedBy, text, type RuleResult } from '../fields'
import { COMPLAINT_CATEGORIES, CATEGORY_RULES, type ComplaintCategory } from '../rules/complaint-categories'
import { MAX_EVIDENCE_FILES } from '../rules/complaint-evidence'
import { COMPLAINT_STATUSES, LETTER_TYPES, transitionNeedsNote } from '../rules/complaint-status'
import { COMPLAINT_TIERS, TIER_LABELS, TIER_LIMITS, type ComplaintTier } from '../rules/complaint-tiers'
import { MAX_EXTENSION_DAYS, REFERRAL_DEPARTMENTS, SATISFACTION_LEVELS } from '../rules/complaint-handling'
import { parseYuan } from '../rules/money'
import { checkMobile } from '../rules/phone'
import { checkPersonName } from '../rules/person-name'
import { parseTrackingNumber } from '../rules/tracking-number'
import { chinaDay, isDay } from '../rules/china-time'
import { action, type FunctionContract } from './define'

export const complaintCategory = oneOf('求助类型', COMPLAINT_CATEGORIES)
export const complaintStatus = oneOf('状态', COMPLAINT_STATUSES)
export const letterType = oneOf('函件类型', LETTER_TYPES)
export const complaintTier = oneOf('案件分级', COMPLAINT_TIERS)
export const referralDepartment = oneOf('转办部门', REFERRAL_DEPARTMENTS)
export const satisfaction = oneOf('满意度', SATISFACTION_LEVELS)

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

/**
 * A string a domain rule checks and normalises; the rule's messages name its field generically
 * (`手机号`, `姓名`), so they are reworded with this field's label.
 */
function checkedBy(label: string, rule: (raw: string) => RuleResult<string>, ruleWord: string) {
  return parsedBy(z.string({ error: (issue) => (issue.input === undefined ? `请填写${label}` : `${label}必须是文字`) }), (raw) => {
    const checked = rule(raw)
    return checked.ok ? checked : { ok: false, message: checked.message.replace(ruleWord, label) }
  })
}

const mobile = (label: string) => checkedBy(label, checkMobile, '手机号')
const personName = (label: string) => checkedBy(label, checkPersonName, '姓名')
const contactPhone = mobile('联系电话')

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

/** What a case says, whether the worker files it or staff write it down from a hotline call. */
const caseText = {
  category: complaintCategory,
  description: text('情况描述', { min: 10, max: 2000 }),
  employer: text('用人单位或平台', { min: 2, max: 100 }),
  amountOwed: z.optional(amountOwed),
  occurredOn,
}

/** Categories that ask for the amount owed (欠薪) need it. */
function requireAmountWhereAsked(input: { category: ComplaintCategory; amountOwed?: number }, ctx: z.core.$RefinementCtx) {
  if (CATEGORY_RULES[input.category].asksAmount && input.amountOwed === undefined) {
    ctx.addIssue({ code: 'custom', path: ['amountOwed'], message: '请填写拖欠金额' })
  }
}

const fileInput = z
  .object({
    ...caseText,
    attachments,
    anonymous: z._default(flag('匿名'), false),
    contactPhone: z.optional(contactPhone),
    /** For a worker who is not a member: the district whose federation takes the case. */
    district: optionalText('所在区县', 20),
  })
  .check(
    z.superRefine((input, ctx) => {
      requireAmountWhereAsked(input, ctx)
      // Anonymity means the union cannot tell who filed; a phone number would tell them.
      if (input.anonymous && input.contactPhone !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['contactPhone'], message: '匿名求助不留联系电话；如需工会联系您，请取消匿名' })
      }
    }),
  )

/** What staff write down while a hotline caller describes their case (DESIGN §7 `intake`). */
const intakeInput = z
  .object({
    ...caseText,
    callerName: personName('来电人姓名'),
    callerPhone: mobile('来电号码'),
    /** The union that takes the case: one the staff member serves; their own when left out. */
    unionId: z.optional(id('受理工会')),
    /** Staff may judge the tier at once; the accept deadline is then that tier's. */
    tier: z.optional(complaintTier),
  })
  .check(z.superRefine(requireAmountWhereAsked))

const claimInput = z.object({
  trackingNumber: parsedBy(z.string({ error: (issue) => (issue.input === undefined ? '请填写查询编号' : '查询编号必须是文字') }), (raw) => {
    const parsed = parseTrackingNumber(raw)
    return parsed ? { ok: true, value: parsed.value } : { ok: false, message: '查询编号格式不正确，如 WQ20261127-0042' }
  }),
  phoneLast4: z
    .string({ error: (issue) => (issue.input === undefined ? '请填写来电手机号的后四位' : '手机号后四位必须是文字') })
    .check(z.trim(), z.regex(/^\d{4}$/, '请填写来电手机号的后四位数字')),
  name: personName('姓名'),
})

const transitionInput = z
  .object({
    complaintId: id('案件编号'),
    to: complaintStatus,
    note: optionalText('说明', 1000),
    letterType: z.optional(letterType),
    /** Required when accepting: the tier decides the resolve deadline. */
    tier: z.optional(complaintTier),
  })
  .check(
    z.superRefine((input, ctx) => {
      if (input.to === 'accepted' && input.tier === undefined) {
        ctx.addIssue({ code: 'custom', path: ['tier'], message: '请选择案件分级' })
      }
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
    kind: z.enum(['accept', 'resolve', 'referral']),
    /** China calendar day, `YYYY-MM-DD`. */
    day: z.string(),
    dueAt: isoDate,
    overdue: z.boolean(),
    dueToday: z.boolean(),
    /** Working days after today up to the day; negative once passed. */
    workingDaysLeft: z.number(),
    /** "还剩 3 个工作日", "今天到期", "已超期 2 个工作日". */
    countdown: z.string(),
    /** "工会将在 11月29日 前受理". */
    sentence: z.string(),
    /** Counted over a year with no national holiday arrangements yet: staff read "待国家公布放假安排后校正". */
    provisional: z.boolean(),
    /** This stage's extension: the day it replaced and why. */
    extension: z.nullable(z.object({ fromDay: z.string(), toDay: z.string(), days: z.number(), reason: z.string(), at: isoDate })),
  }),
)

/** One step of the case. Who is a role, never a person: anonymous cases stay anonymous. */
export const timelineEntry = z.object({
  at: isoDate,
  actor: z.enum(['complainant', 'staff', 'system']),
  kind: z.enum(['filed', 'status', 'reply', 'rated', 'extended', 'referred', 'feedback', 'callback', 'quality', 'claimed']),
  from: z.nullable(complaintStatus),
  to: z.nullable(complaintStatus),
  note: z.nullable(z.string()),
  letterType: z.nullable(letterType),
  score: z.nullable(z.number()),
  tier: z.nullable(complaintTier),
  /** The next date this step promised (a deadline set, moved or handed to another department). */
  day: z.nullable(z.string()),
  /** The department a referral went to, as staff named it. */
  department: z.nullable(z.string()),
  /** A callback's outcome. */
  reached: z.nullable(z.boolean()),
  satisfaction: z.nullable(satisfaction),
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
  /** Set by staff on acceptance (一般 / 难点 / 特别复杂). */
  tier: z.nullable(complaintTier),
  escalation: z.nullable(z.object({ letterType, at: isoDate })),
  /** The latest referral to another department, and its feedback once it came. */
  referral: z.nullable(
    z.object({
      department: z.string(),
      note: z.string(),
      at: isoDate,
      day: z.string(),
      overdue: z.boolean(),
      feedback: z.nullable(z.object({ note: z.string(), at: isoDate })),
    }),
  ),
  /** The callback (回访) of the latest resolution: by the worker's rating, staff's phone call, or the 7-day timer. */
  callback: z.nullable(
    z.object({
      by: z.enum(['complainant', 'staff', 'system']),
      reached: z.boolean(),
      satisfaction: z.nullable(satisfaction),
      note: z.nullable(z.string()),
      at: isoDate,
    }),
  ),
  qualityCheck: z.nullable(z.object({ passed: z.boolean(), note: z.nullable(z.string()), at: isoDate })),
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
  /** The steps besides `nextStatuses` open to this caller now. */
  can: z.object({ extend: z.boolean(), refer: z.boolean(), referralFeedback: z.boolean(), callback: z.boolean(), qualityCheck: z.boolean() }),
  /** For a case taken on the hotline: the caller's name (masked) and whether they have claimed it in the app. */
  intake: z.nullable(z.object({ callerName: z.string(), claimed: z.boolean() })),
})

const caseSummary = z.object({
  complaintId: z.string(),
  trackingNumber: z.string(),
  category: complaintCategory,
  status: complaintStatus,
  employer: z.string(),
  filedAt: isoDate,
  deadline,
  tier: z.nullable(complaintTier),
  union,
})

/** A row of the staff's case list. */
export const staffCaseSummary = z.extend(caseSummary, { anonymous: z.boolean() })

const holiday = z.object({ date: z.string(), kind: z.enum(['holiday', 'workday']), name: z.string() })

const rootUnion = union

/** One tier's clock; `tier` names it when the whole entry is missing or not an object. */
const tierClock = (tier: ComplaintTier) =>
  z.object(
    {
      acceptDays: integer('受理期限', { min: TIER_LIMITS.acceptDays.min, max: TIER_LIMITS.acceptDays.max }),
      resolveDays: integer('办结期限', { min: TIER_LIMITS.resolveDays.min, max: TIER_LIMITS.resolveDays.max }),
    },
    { error: `请填写${TIER_LABELS[tier]}案件的期限` },
  )
const tierClocks = { general: tierClock('general'), difficult: tierClock('difficult'), complex: tierClock('complex') }

const tierSettings = z.object({
  /** The root union whose settings these are: every union below it uses them. */
  union: rootUnion,
  tiers: z.object(tierClocks),
  referralDays: z.number(),
  /** True while the root union has not saved its own (the documented defaults apply). */
  isDefault: z.boolean(),
  /** Whether the caller may change them: admins of the root union only. */
  editable: z.boolean(),
})

/** Which root union's settings or calendar: the one above `unionId` (a union the caller serves), else the caller's own. */
const rootChoice = { unionId: z.optional(id('工会')) }

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
    output: z.extend(pageOf(staffCaseSummary), {
      /** Of all open cases of these unions (not only this page): due today, and past their deadline. */
      dueToday: z.number(),
      overdue: z.number(),
    }),
  }),
  /** Staff move a case along the status machine; anything else is `CONFLICT`. */
  transition: action({ role: 'staff', idempotent: true, input: transitionInput, output: staffCase }),
  /** Staff move the current stage's deadline once, by working days, with a reason the worker reads. */
  extend: action({
    role: 'staff',
    idempotent: true,
    input: z.object({
      complaintId: id('案件编号'),
      days: integer('延期天数', { min: 1, max: MAX_EXTENSION_DAYS }),
      reason: text('延期理由', { min: 2, max: 100 }),
    }),
    output: staffCase,
  }),
  /** Staff hand the case to another department; it waits for their feedback on its own clock. */
  refer: action({
    role: 'staff',
    idempotent: true,
    input: z
      .object({
        complaintId: id('案件编号'),
        department: referralDepartment,
        departmentName: optionalText('部门名称', 30),
        note: text('转办说明', { min: 2, max: 500 }),
      })
      .check(
        z.superRefine((input, ctx) => {
          if (input.department === 'other' && !input.departmentName) ctx.addIssue({ code: 'custom', path: ['departmentName'], message: '请填写部门名称' })
        }),
      ),
    output: staffCase,
  }),
  /** Staff record what the other department answered; the case is handled again and its resolve clock resumes. */
  referralFeedback: action({
    role: 'staff',
    idempotent: true,
    input: z.object({ complaintId: id('案件编号'), note: text('反馈情况', { min: 2, max: 1000 }) }),
    output: staffCase,
  }),
  /** Staff record a callback (回访) after resolving: not reached (try again), or reached and how satisfied. */
  callback: action({
    role: 'staff',
    idempotent: true,
    input: z
      .object({
        complaintId: id('案件编号'),
        reached: flag('是否联系上求助人'),
        satisfaction: z.optional(satisfaction),
        note: optionalText('回访记录', 500),
      })
      .check(
        z.superRefine((input, ctx) => {
          if (input.reached && input.satisfaction === undefined) ctx.addIssue({ code: 'custom', path: ['satisfaction'], message: '请选择求助人的满意度' })
        }),
      ),
    output: staffCase,
  }),
  /** An admin's quality check (质检) after the callback: pass and close, or reopen with a note. */
  qualityCheck: action({
    role: 'admin',
    idempotent: true,
    input: z
      .object({ complaintId: id('案件编号'), passed: flag('质检结果'), note: optionalText('质检意见', 500) })
      .check(
        z.superRefine((input, ctx) => {
          if (!input.passed && !input.note) ctx.addIssue({ code: 'custom', path: ['note'], message: '请填写退回重办的理由' })
        }),
      ),
    output: staffCase,
  }),
  /** Staff file a case for a hotline caller; the caller can claim it in the app later. */
  intake: action({ role: 'staff', idempotent: true, input: intakeInput, output: staffCase }),
  /**
   * A hotline caller claims their case in the app with its tracking number, the last four digits
   * of the phone they called from and their name; it then shows in 我的求助. Every wrong try reads
   * the same, and a tracking number takes at most 5 tries an hour.
   */
  claim: action({ role: 'user', idempotent: true, input: claimInput, output: ownerCase }),
  /** The working days each tier has, for the root union above the caller's (or the given) union. */
  tierSettings: action({ role: 'staff', input: z.object(rootChoice), output: tierSettings }),
  /** Admins of a root union set each tier's days and the referral clock; new deadlines use them. */
  saveTierSettings: action({
    role: 'admin',
    idempotent: true,
    input: z.object({
      ...rootChoice,
      tiers: z.object(tierClocks, { error: '请填写各级案件的期限' }),
      referralDays: integer('转办反馈期限', { min: TIER_LIMITS.referralDays.min, max: TIER_LIMITS.referralDays.max }),
    }),
    output: tierSettings,
  }),
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
  /**
   * The calendar deadlines are counted with, for a year: the national arrangements that ship with
   * the app, and the root union's own entries laid over them.
   */
  holidays: action({
    role: 'staff',
    input: z.object({ year: integer('年份', { min: 2000, max: 2100 }), ...rootChoice }),
    output: z.object({
      union: rootUnion,
      year: z.number(),
      /** Whether the national arrangements of this year ship with the app; if not, weekends only until they do. */
      nationalKnown: z.boolean(),
      /** Where the national arrangements come from: `chinese-days 1.5.7`. */
      source: z.string(),
      items: z.array(z.extend(holiday, { source: z.enum(['national', 'local']) })),
      editable: z.boolean(),
    }),
  }),
  /** Admins of a root union add a local holiday or correct a national day; other unions' calendars are out of reach. */
  saveHoliday: action({
    role: 'admin',
    idempotent: true,
    input: z.object({ date: day('日期'), kind: oneOf('类型', ['holiday', 'workday']), name: text('名称', { max: 20 }), ...rootChoice }),
    output: holiday,
  }),
  /** Takes a root union's own entry off its calendar (the national arrangement of that day applies again). */
  removeHoliday: action({
    role: 'admin',
    input: z.object({ date: day('日期'), ...rootChoice }),
    output: z.object({ removed: z.boolean() }),
  }),
  /**
   * Closes cases resolved more than 7 days ago whose callback nobody answered. The hourly timer trigger runs it
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
export type TierSettings = z.output<typeof tierSettings>
