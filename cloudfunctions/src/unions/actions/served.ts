import { servedUnion, type unionsContract } from '@shared/contract/unions'
import { command } from '../../_lib/db'
import { listRows } from '../../_lib/list-rows'
import { unions } from '../../_lib/records/unions'
import type { Handlers } from '../../_lib/router'
import { parentNames, summaryOf } from '../summary'

/** The unions whose join codes and applications the caller looks after. */
export const served: Handlers<typeof unionsContract>['served'] = async ({ page, pageSize }, { caller }) => {
  const ids = await caller.servedUnionIds()
  const where = { _id: command().in(ids) }
  const [total, found] = await Promise.all([
    unions.count(where),
    unions.find(where, { orderBy: [['createdAt', 'asc']], skip: (page - 1) * pageSize, limit: pageSize }),
  ])
  const parents = await parentNames(found)
  const items = await listRows('unions', found, servedUnion, (union) => ({ ...summaryOf(union, parents), scene: union.scene }))
  return { items, page, pageSize, total }
}
