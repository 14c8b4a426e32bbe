import type * as z from 'zod/mini'
import type { unionSummary } from '@shared/contract/unions'
import { acceptsMembers, refusalFor } from '@shared/rules/join'
import type { UnionRecord } from '../_lib/records/unions'
import { unionNames } from '../_lib/union-tree'

export type UnionSummary = z.input<typeof unionSummary>

/** Unions as workers see them, with their parent's name (one query for all of them). */
export async function summarise(unions: UnionRecord[]): Promise<UnionSummary[]> {
  const parents = await unionNames(unions.flatMap((union) => (union.parentId ? [union.parentId] : [])))
  return unions.map((union) => ({
    unionId: union._id,
    name: union.name,
    kind: union.kind,
    district: union.district,
    parentName: union.parentId ? (parents.get(union.parentId) ?? null) : null,
    acceptsMembers: acceptsMembers(union),
    refusal: refusalFor(union),
  }))
}

export async function summariseOne(union: UnionRecord): Promise<UnionSummary> {
  return (await summarise([union]))[0]!
}
