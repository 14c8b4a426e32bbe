import type { Sector, UnionKind } from '../vocabulary'

/**
 * What an admin sets on a union (issue 11), and the rules the form and the `unions` function both
 * apply beyond each field's own check.
 */
export interface UnionFields {
  name: string
  kind: UnionKind
  /** Only a sector federation has one. */
  sector: Sector | null
  district: string | null
  /** The platforms whose workers routing sends to a sector federation. */
  platforms: string[]
  takesMembers: boolean
  contactPhone: string | null
  address: string | null
}

export const UNION_NAME_MAX = 40
export const PLATFORMS_MAX = 30

export interface FieldProblem {
  path: keyof UnionFields
  message: string
}

/** Problems of the fields together (each field alone is checked by the contract). */
export function unionFieldProblems(fields: Pick<UnionFields, 'kind' | 'sector' | 'district' | 'platforms'>): FieldProblem[] {
  const problems: FieldProblem[] = []
  if (fields.kind === 'sector' && !fields.sector) problems.push({ path: 'sector', message: '行业工会联合会请选择所属行业' })
  if (fields.kind === 'sector' && fields.platforms.length === 0) {
    problems.push({ path: 'platforms', message: '行业工会联合会请至少填写一个服务的平台，新就业形态劳动者按平台找到本会' })
  }
  if (fields.kind === 'district' && !fields.district) problems.push({ path: 'district', message: '街道·乡镇工会联合会请填写所在区县' })
  return problems
}

/** The platforms as a person types them (`美团、饿了么`), one entry each, without repeats. */
export function parsePlatforms(text: string): string[] {
  return [...new Set(text.split(/[,，、;；\s]+/).map((platform) => platform.trim()).filter((platform) => platform !== ''))]
}

/** The same fields in their stored form: no sector outside sector federations, platforms without repeats. */
export function normaliseUnionFields<T extends Pick<UnionFields, 'kind' | 'sector' | 'platforms'>>(fields: T): T {
  return { ...fields, sector: fields.kind === 'sector' ? fields.sector : null, platforms: [...new Set(fields.platforms)] }
}
