import type { unionsContract } from '@shared/contract/unions'
import { command } from '../../_lib/db'
import { unions } from '../../_lib/records/unions'
import type { Handlers } from '../../_lib/router'
import { summarise } from '../summary'

/** The unions whose join codes and applications the caller looks after. */
export const served: Handlers<typeof unionsContract>['served'] = async ({ page, pageSize }, { caller }) => {
  const ids = await caller.servedUnionIds()
  const where = { _id: command().in(ids) }
  const [total, found] = await Promise.all([
    unions.count(where),
    unions.find(where, { orderBy: [['createdAt', 'asc']], skip: (page - 1) * pageSize, limit: pageSize }),
  ])
  const summaries = await summarise(found)
  return { items: summaries.map((summary, index) => ({ ...summary, scene: found[index]!.scene })), page, pageSize, total }
}
