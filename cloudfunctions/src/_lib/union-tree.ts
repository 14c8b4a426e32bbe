import { command } from './db'
import { unions, type UnionRecord } from './records/unions'

/** The union's parent, grandparent, … up to the root (nearest first); the tree is a few levels deep. */
export async function ancestorIds(unionId: string): Promise<string[]> {
  const ancestors: string[] = []
  let current = await unions.get(unionId)
  while (current?.parentId && !ancestors.includes(current.parentId) && ancestors.length < 16) {
    ancestors.push(current.parentId)
    current = await unions.get(current.parentId)
  }
  return ancestors
}

/** The top of the tree `unionId` belongs to (itself when it has no parent): the city's federation. */
export async function rootOf(unionId: string): Promise<string> {
  const ancestors = await ancestorIds(unionId)
  return ancestors[ancestors.length - 1] ?? unionId
}

/** Every union below the given ones, level by level (one indexed query per level). */
export async function descendantIds(rootIds: string[]): Promise<string[]> {
  const found = new Set<string>()
  let level = [...new Set(rootIds)]
  while (level.length > 0 && found.size < 5000) {
    const children = await unions.find({ parentId: command().in(level) }, { limit: 1000, fields: { _id: true } })
    level = children.map((child) => child._id).filter((id) => !found.has(id) && !rootIds.includes(id))
    for (const id of level) found.add(id)
  }
  return [...found]
}

/** Union names by id, in one query, for lists that show where each row belongs. */
export async function unionNames(ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)]
  if (unique.length === 0) return new Map()
  const found = await unions.find({ _id: command().in(unique) }, { limit: unique.length, fields: { name: true } })
  return new Map(found.map((union) => [union._id, union.name]))
}

/**
 * Where something from a person who is not a member goes by the district they name: the district's
 * federation, or the city federation when that district has none (complaints, suggested places).
 */
export async function unionForDistrict(district: string): Promise<{ union: UnionRecord; routedBy: 'district' | 'city' }> {
  const [federation] = await unions.find({ kind: 'district', district, status: 'active' }, { orderBy: [['_id', 'asc']], limit: 1 })
  if (federation) return { union: federation, routedBy: 'district' }
  const city = await unions.findOne({ kind: 'federation', parentId: null, status: 'active' })
  if (!city) throw new Error('no city federation in the union tree')
  return { union: city, routedBy: 'city' }
}
