import * as z from 'zod/mini'
import { id, oneOf, optionalText, pageOf, pagination, parsedBy, text } from '../fields'
import { EMPLOYMENT_TYPES } from '../rules/join'
import { checkScene } from '../rules/scene'
import { UNION_KINDS } from '../vocabulary'
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
    output: pageOf(z.extend(unionSummary, { scene: z.string() })),
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
} satisfies FunctionContract
