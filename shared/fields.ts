/**
 * Schema builders that name the field in every Chinese message, so that a wrong type, a missing
 * value or a bad length all tell the person which field to fix. Use these instead of bare zod
 * primitives in contract inputs.
 *
 * Schemas are built with `zod/mini` (lint refuses classic `zod`): its functions tree-shake, so a
 * function bundle or a client package carries only the checks it uses (classic zod put 460 KB
 * into every bundle). Mini has no default messages: a check without its own says "Invalid input".
 * So every schema a person fills gives a Chinese message for the wrong type (`error`), for each
 * check and for each refinement (tests/unit/contract-messages.test.ts sweeps every action). The
 * shape of a declaration, with the classic spelling it replaces:
 *
 *   import * as z from 'zod/mini'
 *
 *   const title = z
 *     .string({ error: (issue) => (issue.input === undefined ? '请填写活动名称' : '活动名称必须是文字') })
 *     .check(z.trim(), z.minLength(2, '活动名称至少 2 个字'), z.maxLength(40, '活动名称不能超过 40 个字'))
 *   const day = z.string({ error: '日期格式不正确' }).check(z.refine(isDay, '日期格式不正确，应为 年-月-日'))  // .refine()
 *   const phone = parsedBy(z.string({ error: '联系电话必须是文字' }), checkMobile)                  // .transform() by a rule
 *   const input = z
 *     .object({
 *       title,
 *       note: z.optional(text('说明', { max: 100 })),                                        // .optional()
 *       page: z._default(integer('页码', { min: 1, max: 99 }), 1),                          // .default(1)
 *     })
 *     .check(z.superRefine((value, ctx) => ctx.addIssue({ code: 'custom', path: ['note'], message: '…' })))
 *   const output = z.extend(summary, { note: z.nullable(z.string()) })                       // .extend(), .nullable()
 *
 * Outputs need no messages: the router parses them only to strip unnamed fields and catch a
 * handler's mistake.
 */
import * as z from 'zod/mini'

/**
 * Invisible characters a person cannot see or mean: control characters (C0/C1) other than tab and
 * line breaks, and format characters (Unicode Cf: zero-width spaces and joiners, direction marks,
 * the BOM, soft hyphens). Left in, twelve zero-width spaces would count as a description and
 * `赌\u200b博` would slip past the content check. Chinese text needs none of them; dropping ZWJ only
 * splits a few combined emoji into their parts.
 */
const INVISIBLE = /[\p{Cf}\p{Cc}]/gu
const KEPT_CONTROLS = new Set(['\n', '\r', '\t'])

/** `value` without the characters of INVISIBLE: what every text field's length and content checks see. */
export function withoutInvisible(value: string): string {
  return value.replace(INVISIBLE, (char) => (KEPT_CONTROLS.has(char) ? char : ''))
}

const visibleOnly = () => z.overwrite(withoutInvisible)

export function text(label: string, { min = 1, max }: { min?: number; max: number }) {
  return z
    .string({ error: (issue) => (issue.input === undefined ? `请填写${label}` : `${label}必须是文字`) })
    .check(
      visibleOnly(),
      z.trim(),
      z.minLength(min, min <= 1 ? `请填写${label}` : `${label}至少 ${min} 个字`),
      z.maxLength(max, `${label}不能超过 ${max} 个字`),
    )
}

export function optionalText(label: string, max: number) {
  return z.optional(z.string({ error: `${label}必须是文字` }).check(visibleOnly(), z.trim(), z.maxLength(max, `${label}不能超过 ${max} 个字`)))
}

export function oneOf<const T extends readonly [string, ...string[]]>(label: string, values: T) {
  return z.enum(values, { error: (issue) => (issue.input === undefined ? `请选择${label}` : `${label}不在可选范围内`) })
}

export function flag(label: string) {
  return z.boolean({ error: `${label}必须是“是”或“否”` })
}

export function integer(label: string, { min, max }: { min: number; max: number }) {
  return z
    .number({ error: (issue) => (issue.input === undefined ? `请填写${label}` : `${label}必须是数字`) })
    .check(z.int(`${label}必须是整数`), z.gte(min, `${label}不能小于 ${min}`), z.lte(max, `${label}不能大于 ${max}`))
}

/** Database document ids: opaque, short, no spaces. */
export function id(label: string) {
  return z
    .string({ error: (issue) => (issue.input === undefined ? `缺少${label}` : `${label}格式不正确`) })
    .check(z.minLength(1, `缺少${label}`), z.maxLength(64, `${label}格式不正确`), z.regex(/^[A-Za-z0-9_.:-]+$/, `${label}格式不正确`))
}

/** What a domain rule in shared/rules answers: the value in its normal form, or a Chinese message. */
export type RuleResult<T> = { ok: true; value: T } | { ok: false; message: string }

/** `schema`'s value run through a domain rule: the rule's normal form when it passes, its message when not. */
export function parsedBy<S extends z.ZodMiniType, O>(schema: S, rule: (raw: z.output<S>) => RuleResult<O>) {
  return z.pipe(
    schema,
    z.transform((raw: z.output<S>, ctx) => {
      const result = rule(raw)
      if (result.ok) return result.value
      ctx.issues.push({ code: 'custom', message: result.message, input: raw })
      return z.NEVER
    }),
  )
}

/** Every list is paginated: page from 1, at most 50 rows a page. */
export const pagination = {
  page: z._default(integer('页码', { min: 1, max: 10_000 }), 1),
  pageSize: z._default(integer('每页条数', { min: 1, max: 50 }), 20),
}

/** A paginated list in outputs. */
export function pageOf<T extends z.ZodMiniType>(item: T) {
  return z.object({ items: z.array(item), page: z.number(), pageSize: z.number(), total: z.number() })
}

/** Dates cross the wire as ISO 8601 strings. */
export const isoDate = z.string()
