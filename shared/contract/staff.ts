import * as z from 'zod/mini'
import { id, isoDate, oneOf, pageOf, pagination, parsedBy, text } from '../fields'
import { isDay } from '../rules/china-time'
import { checkInviteCode } from '../rules/staff'
import { STAFF_ROLES } from '../vocabulary'
import { action, type FunctionContract } from './define'
import { staffRole } from './account'
import { personName } from './membership'

/** An invitation's code as pasted or carried by its mini program code (`i.<code>` or the bare code). */
const inviteCode = parsedBy(z.string({ error: (issue) => (issue.input === undefined ? '请填写邀请码' : '邀请码必须是文字') }), checkInviteCode)

const day = (label: string) =>
  z.string({ error: `${label}必须是文字` }).check(z.refine(isDay, `${label}格式不正确，应为 年-月-日`))

/** One person's role in one union, as admins see it in 工作人员. */
export const staffMember = z.object({
  staffId: z.string(),
  name: z.string(),
  role: staffRole,
  unionId: z.string(),
  unionName: z.string(),
  since: isoDate,
  /** For filtering 操作记录 by this person. */
  actorId: z.string(),
  isSelf: z.boolean(),
})

/** One audit log entry in words; every value shown has had its personal data masked. */
export const auditEntry = z.object({
  entryId: z.string(),
  at: isoDate,
  action: z.string(),
  actionLabel: z.string(),
  unionId: z.nullable(z.string()),
  unionName: z.nullable(z.string()),
  actorId: z.string(),
  actorName: z.string(),
  /** What was acted on, e.g. `工会 u-courier`, `入会申请 ap-…`. */
  target: z.string(),
  /** Values before and after a change (null where there was none). */
  changes: z.array(z.object({ field: z.string(), label: z.string(), before: z.nullable(z.string()), after: z.nullable(z.string()) })),
  /** Other facts the action recorded. */
  details: z.array(z.object({ field: z.string(), label: z.string(), value: z.string() })),
})

/** The `staff` cloud function's actions (DESIGN §7, added in round 2). */
export const staffContract = {
  /**
   * The holder of the deployment's one-time setup secret becomes admin of the root union they
   * name, created by this call. Refused for ever once any admin exists.
   */
  bootstrap: action({
    role: 'user',
    idempotent: true,
    input: z.object({
      secret: z
        .string({ error: (issue) => (issue.input === undefined ? '请填写初始化口令' : '初始化口令必须是文字') })
        .check(z.trim(), z.minLength(1, '请填写初始化口令'), z.maxLength(200, '初始化口令不正确')),
      unionName: text('根工会名称', { min: 2, max: 40 }),
      city: text('所在城市', { max: 20 }),
      name: personName,
    }),
    output: z.object({ unionId: z.string(), unionName: z.string(), staffId: z.string() }),
  }),
  /** An invitation to be staff or admin of a union the caller administers: single use, valid for 72 hours. */
  invite: action({
    role: 'admin',
    idempotent: true,
    input: z.object({ unionId: id('工会'), role: oneOf('角色', STAFF_ROLES), name: personName }),
    output: z.object({
      code: z.string(),
      /** What the mini program code carries (`i.<code>`). */
      scene: z.string(),
      /** The page the code opens. */
      page: z.string(),
      expiresAt: isoDate,
      fileID: z.string(),
      /** A temporary URL of the code's PNG, to show, save and send. */
      imageUrl: z.string(),
      unionId: z.string(),
      unionName: z.string(),
      role: staffRole,
      name: z.string(),
    }),
  }),
  /** What an invitation offers, shown before the person accepts it. */
  invitation: action({
    role: 'user',
    input: z.object({ code: inviteCode }),
    output: z.object({
      unionName: z.string(),
      role: staffRole,
      /** Whom the inviter meant. */
      name: z.string(),
      inviterName: z.string(),
      expiresAt: isoDate,
      state: z.enum(['open', 'accepted', 'expired']),
    }),
  }),
  /** The invitee takes the role; roles they already hold elsewhere stay. */
  accept: action({
    role: 'user',
    idempotent: true,
    input: z.object({ code: inviteCode }),
    output: z.object({ staffId: z.string(), unionId: z.string(), unionName: z.string(), role: staffRole }),
  }),
  /** Staff and admins of the unions the caller administers (or of one of them). */
  list: action({
    role: 'admin',
    input: z.object({ unionId: z.optional(id('工会')), ...pagination }),
    output: pageOf(staffMember),
  }),
  /** Takes a role away; never from the last admin of the root union. */
  revoke: action({
    role: 'admin',
    idempotent: true,
    input: z.object({ staffId: id('工作人员') }),
    output: z.object({ staffId: z.string() }),
  }),
  /** The audit log of the unions the caller administers, newest first, filtered by union, person, action and China days. */
  auditLog: action({
    role: 'admin',
    input: z.object({
      unionId: z.optional(id('工会')),
      actorId: z.optional(id('操作人')),
      action: z.optional(
        z.string({ error: '操作类型必须是文字' }).check(z.maxLength(64, '操作类型不正确'), z.regex(/^[a-zA-Z_]+(\.[a-zA-Z_]+)*$/, '操作类型不正确')),
      ),
      from: z.optional(day('开始日期')),
      to: z.optional(day('结束日期')),
      ...pagination,
    }).check(z.refine((value) => !value.from || !value.to || value.from <= value.to, { path: ['to'], message: '结束日期不能早于开始日期' })),
    output: pageOf(auditEntry),
  }),
} satisfies FunctionContract
