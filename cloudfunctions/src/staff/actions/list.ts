import type { staffContract } from '@shared/contract/staff'
import { actorIdFor } from '@shared/rules/staff'
import { command } from '../../_lib/db'
import { staff } from '../../_lib/records/staff'
import type { Handlers } from '../../_lib/router'
import { unionNames } from '../../_lib/union-tree'
import { administeredScope } from '../scope'

/** Staff and admins of the unions the caller administers, by union and then by when they joined. */
export const list: Handlers<typeof staffContract>['list'] = async ({ unionId, page, pageSize }, { caller }) => {
  const scope = await administeredScope(caller, unionId)
  const where = { unionId: command().in(scope) }
  const [total, found] = await Promise.all([
    staff.count(where),
    staff.find(where, { orderBy: [['unionId', 'asc'], ['createdAt', 'asc']], skip: (page - 1) * pageSize, limit: pageSize }),
  ])
  const names = await unionNames(found.map((record) => record.unionId))
  return {
    items: found.map((record) => ({
      staffId: record._id,
      name: record.name,
      role: record.role,
      unionId: record.unionId,
      unionName: names.get(record.unionId) ?? '',
      since: new Date(record.createdAt).toISOString(),
      actorId: actorIdFor(record.openid),
      isSelf: record.openid === caller.openid,
    })),
    page,
    pageSize,
    total,
  }
}
