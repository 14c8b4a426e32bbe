import { z } from 'zod'

/**
 * Schema builders that name the field in every Chinese message, so that a wrong type, a missing
 * value or a bad length all tell the person which field to fix. Use these instead of bare zod
 * primitives in contract inputs.
 */

export function text(label: string, { min = 1, max }: { min?: number; max: number }) {
  return z
    .string({ error: (issue) => (issue.input === undefined ? `请填写${label}` : `${label}必须是文字`) })
    .trim()
    .min(min, min <= 1 ? `请填写${label}` : `${label}至少 ${min} 个字`)
    .max(max, `${label}不能超过 ${max} 个字`)
}

export function optionalText(label: string, max: number) {
  return z
    .string({ error: `${label}必须是文字` })
    .trim()
    .max(max, `${label}不能超过 ${max} 个字`)
    .optional()
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
    .int(`${label}必须是整数`)
    .min(min, `${label}不能小于 ${min}`)
    .max(max, `${label}不能大于 ${max}`)
}

/** Database document ids: opaque, short, no spaces. */
export function id(label: string) {
  return z
    .string({ error: (issue) => (issue.input === undefined ? `缺少${label}` : `${label}格式不正确`) })
    .min(1, `缺少${label}`)
    .max(64, `${label}格式不正确`)
    .regex(/^[A-Za-z0-9_.:-]+$/, `${label}格式不正确`)
}

/** Every list is paginated: page from 1, at most 50 rows a page. */
export const pagination = {
  page: integer('页码', { min: 1, max: 10_000 }).default(1),
  pageSize: integer('每页条数', { min: 1, max: 50 }).default(20),
}

/** A paginated list in outputs. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), page: z.number(), pageSize: z.number(), total: z.number() })
}

/** Dates cross the wire as ISO 8601 strings. */
export const isoDate = z.string()
