import type * as z from 'zod/mini'
import type { unionSummary } from '@shared/contract/unions'
import { acceptsMembers, refusalFor } from '@shared/rules/join'
import type { UnionRecord } from '../_lib/records/unions'
import { unionNames } from '../_lib/union-tree'

export type UnionSummary = z.input<typeof unionSummary>

/** The names of the unions' parents, in one query. */
export function parentNames(unions: UnionRecord[]): Promise<Map<string, string>> {
  return unionNames(unions.flatMap((union) => (union.parentId ? [union.parentId] : [])))
}

/** A union as workers see it, its parent's name from `parentNames`. */
export function summaryOf(union: UnionRecord, parents: Map<string, string>): UnionSummary {
  return {
    unionId: union._id,
    name: union.name,
    kind: union.kind,
    district: union.district,
    parentName: union.parentId ? (parents.get(union.parentId) ?? null) : null,
    acceptsMembers: acceptsMembers(union),
    refusal: refusalFor(union),
  }
}

/** Unions as workers see them, with their parent's name (one query for all of them). */
export async function summarise(unions: UnionRecord[]): Promise<UnionSummary[]> {
  const parents = await parentNames(unions)
  return unions.map((union) => summaryOf(union, parents))
}

export async function summariseOne(union: UnionRecord): Promise<UnionSummary> {
  return (await summarise([union]))[0]!
}
