import * as z from 'zod/mini'
import { flag, id, oneOf, optionalText, pageOf, pagination, parsedBy, text } from '../fields'
import { EMPLOYMENT_TYPES } from '../rules/join'
import { checkContactPhone } from '../rules/phone'
import { checkScene } from '../rules/scene'
import { PLATFORMS_MAX, UNION_NAME_MAX } from '../rules/union-fields'
import { SECTORS, UNION_KINDS, UNION_STATUSES } from '../vocabulary'
import { action, type FunctionContract } from './define'

export const unionKind = z.enum(UNION_KINDS)

/** A union as workers and staff see it; `refusal` says why it takes no applications (null when it does). */
export const unionSummary = z.object({
  unionId: z.string(),
  name: z.string(),
  kind: unionKind,
  district: z.nullable(z.string()),
  parentName: z.nullable(z.string()),
  acceptsMembers: z.boolean(),
  refusal: z.nullable(z.string()),
})

/** A union its staff look after, with the scene of its join code. */
export const servedUnion = z.extend(unionSummary, { scene: z.string() })

/** A union as its staff and admins see it in 组织架构: everything an admin sets, and what the caller may do with it. */
export const unionNode = z.object({
  unionId: z.string(),
  name: z.string(),
  kind: unionKind,
  parentId: z.nullable(z.string()),
  status: z.enum(UNION_STATUSES),
  sector: z.nullable(z.enum(SECTORS)),
  district: z.nullable(z.string()),
  platforms: z.array(z.string()),
  takesMembers: z.boolean(),
  contactPhone: z.nullable(z.string()),
  address: z.nullable(z.string()),
  /** What its join code carries. */
  scene: z.string(),
  /** Unions directly below it, retired ones included. */
  childCount: z.number(),
  /** The caller administers it (admin of it or of a union above it): edit, move, retire, invite. */
  canManage: z.boolean(),
})

/** The fields an admin sets on a union; `null` clears an optional one. */
const unionFields = {
  name: text('工会名称', { min: 2, max: UNION_NAME_MAX }),
  kind: oneOf('工会类型', UNION_KINDS),
  sector: z.optional(z.nullable(oneOf('所属行业', SECTORS))),
  district: z.optional(z.nullable(text('所在区县', { max: 20 }))),
  platforms: z.optional(
    z.array(text('服务平台', { max: 20 }), { error: '服务平台格式不正确' }).check(z.maxLength(PLATFORMS_MAX, `服务平台最多 ${PLATFORMS_MAX} 个`)),
  ),
  takesMembers: z.optional(flag('是否接收入会申请')),
  contactPhone: z.optional(z.nullable(parsedBy(z.string({ error: '联系电话必须是文字' }), checkContactPhone))),
  address: z.optional(z.nullable(text('办公地址', { max: 100 }))),
}

/** What a QR scene may be: WeChat's scene alphabet, at most 32 characters. */
const scene = parsedBy(z.string({ error: (issue) => (issue.input === undefined ? '缺少二维码内容' : '二维码内容格式不正确') }), checkScene)

/** The `unions` cloud function's actions (DESIGN §7). */
export const unionsContract = {
  /** The union a join QR code stands for; unknown and retired codes fail with a message that says what to do. */
  resolveScene: action({
    role: 'anyone',
    input: z.object({ scene }),
    output: z.object({ union: unionSummary }),
  }),
  /** One union by id, e.g. for the join form opened with a union preselected. */
  get: action({
    role: 'anyone',
    input: z.object({ unionId: id('工会') }),
    output: z.object({ union: unionSummary }),
  }),
  /** The districts and platforms the routing form offers, from the union tree. */
  routeChoices: action({
    role: 'anyone',
    input: z.object({}),
    output: z.object({ districts: z.array(z.string()), platforms: z.array(z.string()) }),
  }),
  /** The unions a gig worker without a QR code may join, each with the reason in plain words. */
  route: action({
    role: 'anyone',
    input: z.object({
      employmentType: z._default(oneOf('就业类型', EMPLOYMENT_TYPES), 'platform'),
      platform: optionalText('接单平台', 20),
      district: text('所在区县', { max: 20 }),
    }),
    output: z.object({ options: z.array(z.object({ union: unionSummary, reason: z.string() })) }),
  }),
  /** Unions that take applications, by name, for people without a QR code. */
  search: action({
    role: 'anyone',
    input: z.object({ keyword: text('工会名称', { max: 30 }), ...pagination }),
    output: pageOf(unionSummary),
  }),
  /** The unions the calling staff member serves (an admin serves every union below theirs). */
  served: action({
    role: 'staff',
    input: z.object({ ...pagination }),
    output: pageOf(servedUnion),
  }),
  /** A union's mini program code to print; only for staff who serve that union. */
  qrcode: action({
    role: 'staff',
    input: z.object({ unionId: id('工会'), purpose: oneOf('用途', ['join']) }),
    output: z.object({
      unionId: z.string(),
      unionName: z.string(),
      scene: z.string(),
      /** The page the code opens, with `scene` in its query. */
      page: z.string(),
      /** The PNG in cloud storage (the same union always gets the same file). */
      fileID: z.string(),
      /** A temporary https URL of that PNG, shown, saved and printed on both platforms. */
      imageUrl: z.string(),
    }),
  }),
  /**
   * The unions the caller serves, one level at a time: without `parentId` the caller's own top
   * unions, with it that union (`parent`, with the way down to it in `path`) and its children.
   */
  tree: action({
    role: 'staff',
    input: z.object({ parentId: z.optional(id('上级工会')), ...pagination }),
    output: z.extend(pageOf(unionNode), {
      parent: z.nullable(unionNode),
      path: z.array(z.object({ unionId: z.string(), name: z.string() })),
    }),
  }),
  /** A new union below one the caller administers; it gets its own join code. */
  create: action({
    role: 'admin',
    idempotent: true,
    input: z.object({ parentId: id('上级工会'), ...unionFields }),
    output: unionNode,
  }),
  /** Changes what is set on a union the caller administers; a new `parentId` moves it inside the caller's tree. */
  update: action({
    role: 'admin',
    idempotent: true,
    input: z.object({
      unionId: id('工会'),
      parentId: z.optional(id('上级工会')),
      name: z.optional(unionFields.name),
      kind: z.optional(unionFields.kind),
      sector: unionFields.sector,
      district: unionFields.district,
      platforms: unionFields.platforms,
      takesMembers: unionFields.takesMembers,
      contactPhone: unionFields.contactPhone,
      address: unionFields.address,
    }),
    output: unionNode,
  }),
  /** Retires a union with no active union below it: members, cases and history stay; its join code stops taking people. */
  retire: action({
    role: 'admin',
    idempotent: true,
    input: z.object({ unionId: id('工会') }),
    output: unionNode,
  }),
} satisfies FunctionContract
