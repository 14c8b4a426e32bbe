import type { activitiesContract } from '@shared/contract/activities'
import { command } from '../../_lib/db'
import { activities } from '../../_lib/records/activities'
import type { Handlers } from '../../_lib/router'
import { summaries } from '../views'

/** Every activity of the unions the staff member serves, any status, latest start first. */
export const manageList: Handlers<typeof activitiesContract>['manageList'] = async ({ status, page, pageSize }, { caller }) => {
  const _ = command()
  const unionIds = await caller.servedUnionIds()
  const where = { unionId: _.in(unionIds), ...(status ? { status } : {}) }
  const [total, records] = await Promise.all([
    activities.count(where),
    activities.find(where, { orderBy: [['startAt', 'desc']], skip: (page - 1) * pageSize, limit: pageSize }),
  ])
  return { items: await summaries(records, new Date()), page, pageSize, total }
}
