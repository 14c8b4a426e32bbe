import type { unionsContract } from '@shared/contract/unions'
import { command } from '../../_lib/db'
import type { Handlers } from '../../_lib/router'
import { unionCollection } from '../../_lib/unions'
import { summarise } from '../summary'

/** The unions whose join codes and applications the caller looks after. */
export const served: Handlers<typeof unionsContract>['served'] = async ({ page, pageSize }, { caller }) => {
  const ids = await caller.servedUnionIds()
  const where = { _id: command().in(ids) }
  const [total, unions] = await Promise.all([
    unionCollection.count(where),
    unionCollection.find(where, { orderBy: [['createdAt', 'asc']], skip: (page - 1) * pageSize, limit: pageSize }),
  ])
  const summaries = await summarise(unions)
  return { items: summaries.map((summary, index) => ({ ...summary, scene: unions[index]!.scene })), page, pageSize, total }
}
