import type * as z from 'zod/mini'
import type { unionNode } from '@shared/contract/unions'
import { takesMembersByDefault } from '@shared/rules/join'
import type { UnionFields } from '@shared/rules/union-fields'
import { AppFailure } from '../_lib/failure'
import type { Caller } from '../_lib/identity'
import { unions, type UnionRecord } from '../_lib/records/unions'

export type UnionNode = z.input<typeof unionNode>

/** What an admin sets on a union, read from its record (documents from before the settings have defaults). */
export function fieldsOf(union: UnionRecord): UnionFields {
  return {
    name: union.name,
    kind: union.kind,
    sector: union.sector,
    district: union.district,
    platforms: union.platforms,
    takesMembers: union.takesMembers ?? takesMembersByDefault(union.kind),
    contactPhone: union.contactPhone ?? null,
    address: union.address ?? null,
  }
}

/** The fields every write of the tree records before and after. */
export const UNION_AUDIT_FIELDS = ['name', 'kind', 'parent', 'sector', 'district', 'platforms', 'takesMembers', 'contactPhone', 'address', 'status'] as const

/** Unions as 组织架构 shows them: with how many unions sit directly below each, and whether the caller administers it. */
export async function nodesOf(records: UnionRecord[], administered: (unionId: string) => boolean): Promise<UnionNode[]> {
  const counts = await Promise.all(records.map((record) => unions.count({ parentId: record._id })))
  return records.map((record, index) => ({
    unionId: record._id,
    ...fieldsOf(record),
    parentId: record.parentId,
    status: record.status,
    scene: record.scene,
    childCount: counts[index]!,
    canManage: administered(record._id),
  }))
}

export async function nodeOf(record: UnionRecord, canManage: boolean): Promise<UnionNode> {
  return (await nodesOf([record], () => canManage))[0]!
}

/**
 * The union an admin acts on, if it is inside the caller's subtree; one message whether it is
 * elsewhere or does not exist, so a stranger learns nothing about other unions.
 */
export async function administeredUnion(caller: Caller, unionId: string, refusal: string): Promise<UnionRecord> {
  const union = await unions.get(unionId)
  if (!union || !(await caller.servesUnion(unionId, { as: 'admin' }))) throw new AppFailure('FORBIDDEN', refusal)
  return union
}

/** Refuses fields that do not fit together (a sector federation without its sector, …), naming each field. */
export function invalidFields(problems: Array<{ path: string; message: string }>): AppFailure {
  return new AppFailure('INVALID_INPUT', problems[0]!.message, problems)
}
