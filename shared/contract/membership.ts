import * as z from 'zod/mini'
import { id, isoDate, oneOf, optionalText, pageOf, pagination, parsedBy, text, type RuleResult } from '../fields'
import { ageOn, chinaDay } from '../rules/china-time'
import { checkIdNumber } from '../rules/id-number'
import { EMPLOYMENT_TYPES, MIN_JOIN_AGE } from '../rules/join'
import { checkMobile } from '../rules/phone'
import { checkPersonName } from '../rules/person-name'
import { action, type FunctionContract } from './define'

/** A text field checked by a joining rule; the rule's message names what to fix. */
function checked(label: string, check: (raw: string) => RuleResult<string>) {
  return parsedBy(
    z.string({ error: (issue) => (issue.input === undefined ? `请填写${label}` : `${label}必须是文字`) }).check(z.maxLength(100, `${label}太长，请核对`)),
    check,
  )
}

/** The ID number, upper-cased; also refuses people under the legal working age. */
export const joinIdNumber = checked('身份证号', (raw) => {
  const result = checkIdNumber(raw)
  if (!result.ok) return result
  if (ageOn(result.value.birthDate, chinaDay(new Date())) < MIN_JOIN_AGE) return { ok: false, message: `未满 ${MIN_JOIN_AGE} 周岁不能申请入会` }
  return { ok: true, value: result.value.idNumber }
})
export const personName = checked('姓名', checkPersonName)
export const mobile = checked('手机号', checkMobile)

export const employmentType = oneOf('就业类型', EMPLOYMENT_TYPES)

/** Who the person works for: an employer for employees, a platform for platform workers. */
const work = {
  employmentType,
  employer: optionalText('工作单位', 50),
  platform: optionalText('接单平台', 20),
  occupation: text('职业', { max: 30 }),
  district: text('所在区县', { max: 20 }),
}

type WorkFields = { employmentType?: unknown; employer?: unknown; platform?: unknown }

/** Employees name their employer, platform workers their platform; checked even while other fields are wrong. */
function requireWorkplace<T extends z.ZodMiniType<WorkFields>>(schema: T) {
  const fieldFine = (issues: readonly { path?: PropertyKey[] }[], field: string) => !issues.some((issue) => issue.path?.[0] === field)
  const typeIs = (type: string) => (payload: { value: unknown; issues: readonly { path?: PropertyKey[] }[] }) =>
    (payload.value as WorkFields | null)?.employmentType === type && fieldFine(payload.issues, 'employmentType')
  return schema.check(
    z.refine((value: WorkFields) => value.employmentType !== 'employee' || Boolean(value.employer), {
      path: ['employer'],
      message: '请填写工作单位',
      when: (payload) => typeIs('employee')(payload) && fieldFine(payload.issues, 'employer'),
    }),
    z.refine((value: WorkFields) => value.employmentType !== 'platform' || Boolean(value.platform), {
      path: ['platform'],
      message: '请选择接单平台',
      when: (payload) => typeIs('platform')(payload) && fieldFine(payload.issues, 'platform'),
    }),
  )
}

export const applicationStatus = z.enum(['pending', 'approved', 'rejected'])
export const applicationKind = z.enum(['join', 'transfer'])

/** An application as its owner and the staff who review it see it: ID and phone always masked. */
export const applicationView = z.object({
  applicationId: z.string(),
  kind: applicationKind,
  unionId: z.string(),
  unionName: z.string(),
  /** For a transfer, the union the member leaves. */
  fromUnionName: z.nullable(z.string()),
  status: applicationStatus,
  name: z.string(),
  idNumberMasked: z.string(),
  phoneMasked: z.string(),
  birthDate: z.string(),
  sex: z.enum(['male', 'female']),
  employmentType,
  employer: z.nullable(z.string()),
  platform: z.nullable(z.string()),
  occupation: z.string(),
  district: z.string(),
  rejectReason: z.nullable(z.string()),
  createdAt: isoDate,
  decidedAt: z.nullable(isoDate),
})

/** A membership as its holder sees it; `history` lists every union they belonged to, oldest first. */
export const membershipView = z.object({
  memberId: z.string(),
  unionId: z.string(),
  unionName: z.string(),
  memberNumber: z.string(),
  name: z.string(),
  joinedAt: isoDate,
  history: z.array(z.object({ unionId: z.string(), unionName: z.string(), from: isoDate, to: z.nullable(isoDate) })),
})

export const cardVerdict = z.object({
  valid: z.boolean(),
  /** Why a code was refused, for the staff member at the door. */
  reason: z.nullable(z.string()),
  member: z.nullable(z.object({ name: z.string(), unionName: z.string(), memberNumber: z.string(), joinedAt: isoDate })),
})

/** The `membership` cloud function's actions (DESIGN §7). */
export const membershipContract = {
  /** Applies to join a union; one open application per person, one membership per ID number. */
  apply: action({
    role: 'user',
    idempotent: true,
    input: requireWorkplace(
      z.object({
        unionId: id('工会'),
        name: personName,
        idNumber: joinIdNumber,
        phone: mobile,
        ...work,
        consent: z.literal(true, { error: '请阅读并同意《中国工会章程》和《个人信息保护说明》' }),
      }),
    ),
    output: applicationView,
  }),
  /** The caller's latest application and their membership, if any. */
  mine: action({
    role: 'user',
    input: z.object({}),
    output: z.object({ application: z.nullable(applicationView), membership: z.nullable(membershipView) }),
  }),
  /** One application: its owner, or staff who serve its union. */
  get: action({
    role: 'user',
    input: z.object({ applicationId: id('申请编号') }),
    output: applicationView,
  }),
  /** The electronic member card with a QR code that rotates every window and cannot be replayed after it. */
  card: action({
    role: 'member',
    input: z.object({}),
    output: z.object({
      name: z.string(),
      unionName: z.string(),
      memberNumber: z.string(),
      joinedAt: isoDate,
      code: z.string(),
      /** `data:image/png;base64,…` of `code`. */
      qrImage: z.string(),
      /** When to fetch a fresh code; the shown one stops working one window later. */
      refreshAt: isoDate,
    }),
  }),
  /** Applications to the unions the staff member serves, newest first. */
  list: action({
    role: 'staff',
    input: z.object({ status: z.optional(oneOf('状态', ['pending', 'approved', 'rejected'])), unionId: z.optional(id('工会')), ...pagination }),
    output: pageOf(applicationView),
  }),
  /** The unmasked ID or phone number of an application, for staff who must check it; every view is audited. */
  reveal: action({
    role: 'staff',
    input: z.object({ applicationId: id('申请编号'), field: oneOf('字段', ['idNumber', 'phone']) }),
    output: z.object({ value: z.string() }),
  }),
  /** Approves (member number, card) or rejects with a reason; only staff who serve the application's union. */
  review: action({
    role: 'staff',
    idempotent: true,
    input: z
      .object({
        applicationId: id('申请编号'),
        decision: oneOf('审核结果', ['approve', 'reject']),
        reason: optionalText('不通过原因', 100),
      })
      .check(
        z.refine((value) => value.decision !== 'reject' || (value.reason?.length ?? 0) >= 2, {
          path: ['reason'],
          message: '请选择或填写不通过的原因',
        }),
      ),
    output: z.extend(applicationView, { memberNumber: z.nullable(z.string()) }),
  }),
  /** A member asks to move to another union (new job or city); the receiving union reviews it. History is kept. */
  transfer: action({
    role: 'member',
    idempotent: true,
    input: z.object({
      toUnionId: id('转入工会'),
      employmentType: z.optional(employmentType),
      employer: work.employer,
      platform: work.platform,
      occupation: optionalText('职业', 30),
      district: optionalText('所在区县', 20),
    }),
    output: applicationView,
  }),
  /** Checks a member card's rotating code at a venue or counter. */
  verifyCard: action({
    role: 'staff',
    input: z.object({ code: text('会员码', { max: 200 }) }),
    output: cardVerdict,
  }),
} satisfies FunctionContract
