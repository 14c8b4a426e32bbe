import type { unionsContract } from '@shared/contract/unions'
import { command } from '../../_lib/db'
import { AppFailure } from '../../_lib/failure'
import { unions, type UnionRecord } from '../../_lib/records/unions'
import type { Handlers } from '../../_lib/router'
import { ancestorIds } from '../../_lib/union-tree'
import { nodeOf, nodesOf } from '../node'

/**
 * The unions the caller serves, one level at a time, so a city-wide tree of thousands stays a short
 * list on a phone. A plain staff member sees their own union; an admin also everything below theirs.
 */
export const tree: Handlers<typeof unionsContract>['tree'] = async ({ parentId, page, pageSize }, { caller }) => {
  const _ = command()
  const [served, administered] = await Promise.all([caller.servedUnionIds(), caller.servedUnionIds({ as: 'admin' })])
  const servedSet = new Set(served)
  const administeredSet = new Set(administered)
  const canManage = (unionId: string) => administeredSet.has(unionId)
  const window = { skip: (page - 1) * pageSize, limit: pageSize }

  if (parentId === undefined) {
    // The caller's own unions, leaving out those below another union they serve (reached from there).
    const own = [...new Set((await caller.staffRoles()).map((role) => role.unionId))]
    const ancestry = await Promise.all(own.map((unionId) => ancestorIds(unionId)))
    const tops = own.filter((_unionId, index) => !ancestry[index]!.some((id) => servedSet.has(id)))
    const where = { _id: _.in(tops) }
    const [total, found] = await Promise.all([unions.count(where), unions.find(where, { orderBy: [['name', 'asc']], ...window })])
    return { parent: null, path: [], items: await nodesOf(found, canManage), page, pageSize, total }
  }

  if (!servedSet.has(parentId)) throw new AppFailure('FORBIDDEN', '只能查看你所服务的工会')
  const parent = (await unions.get(parentId)) as UnionRecord
  // Everything below a union the caller administers is theirs; below one they only work in, nothing is.
  const where = { parentId }
  const [total, found, ancestors] = await Promise.all([
    canManage(parentId) ? unions.count(where) : Promise.resolve(0),
    canManage(parentId) ? unions.find(where, { orderBy: [['status', 'asc'], ['name', 'asc']], ...window }) : Promise.resolve([]),
    ancestorIds(parentId),
  ])
  const pathIds = [...ancestors.filter((id) => servedSet.has(id)).reverse(), parentId]
  const pathRecords = await unions.find({ _id: _.in(pathIds) }, { limit: pathIds.length, fields: { name: true } })
  const names = new Map(pathRecords.map((record) => [record._id, record.name]))
  return {
    parent: await nodeOf(parent, canManage(parentId)),
    path: pathIds.map((unionId) => ({ unionId, name: names.get(unionId) ?? '' })),
    items: await nodesOf(found, canManage),
    page,
    pageSize,
    total,
  }
}
