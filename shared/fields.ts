/**
 * Schema builders that name the field in every Chinese message, so that a wrong type, a missing
 * value or a bad length all tell the person which field to fix. Use these instead of bare zod
 * primitives in contract inputs.
 *
 * Schemas are built with `zod/mini` (classic `zod` is refused by lint): its functions are
 * tree-shaken, so a cloud function bundle and the client carry only the checks they use, not the
 * whole library. Mini has no default messages (without a locale it says "Invalid input"), so
 * every schema a person can fill gives its own Chinese message for every way it can fail: the
 * type (`error`), each check, and each refinement. The shape to copy:
 *
 *   import * as z from 'zod/mini'
 *
 *   const label = '活动名称'
 *   const title = z
 *     .string({ error: (issue) => (issue.input === undefined ? `请填写${label}` : `${label}必须是文字`) })
 *     .check(z.trim(), z.minLength(2, `${label}至少 2 个字`), z.maxLength(40, `${label}不能超过 40 个字`))
 *   const optionalNote = z.optional(text('说明', { max: 100 }))        // classic: .optional()
 *   const pageNumber = z._default(integer('页码', { min: 1, max: 99 }), 1) // classic: .default(1)
 *   const day = z.string({ error: '日期格式不正确' }).check(z.refine(isDay, '日期格式不正确，应为 年-月-日'))
 *   const fen = z.pipe(z.string({ error: '金额必须是文字' }), z.transform((raw, ctx) => {  // classic: .transform()
 *     const parsed = parseYuan(raw, '金额')
 *     if (parsed.ok) return parsed.fen
 *     ctx.issues.push({ code: 'custom', message: parsed.message, input: raw })
 *     return z.NEVER
 *   }))
 *   const input = z.object({ title, note: optionalNote }).check(z.superRefine((value, ctx) => { … }))
 *   const output = z.extend(summary, { note: z.nullable(z.string()) })  // classic: summary.extend(…)
 *
 * Outputs need no messages: the router parses them only to strip and to catch a handler's mistake.
 */
import * as z from 'zod/mini'

export function text(label: string, { min = 1, max }: { min?: number; max: number }) {
  return z
    .string({ error: (issue) => (issue.input === undefined ? `请填写${label}` : `${label}必须是文字`) })
    .check(
      z.trim(),
      z.minLength(min, min <= 1 ? `请填写${label}` : `${label}至少 ${min} 个字`),
      z.maxLength(max, `${label}不能超过 ${max} 个字`),
    )
}

export function optionalText(label: string, max: number) {
  return z.optional(z.string({ error: `${label}必须是文字` }).check(z.trim(), z.maxLength(max, `${label}不能超过 ${max} 个字`)))
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
