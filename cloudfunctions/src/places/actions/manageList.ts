import type { placesContract } from '@shared/contract/places'
import { command } from '../../_lib/db'
import { places } from '../../_lib/records/places'
import type { Handlers } from '../../_lib/router'
import { requireServes } from '../access'
import { summariesOf } from '../views'

/** Places of the unions the caller serves, least recently verified first: what to check next. */
export const manageList: Handlers<typeof placesContract>['manageList'] = async ({ unionId, status, page, pageSize }, { caller }) => {
  if (unionId) await requireServes(caller, unionId)
  const unionIds = unionId ? [unionId] : await caller.servedUnionIds()
  const where = { unionId: command().in(unionIds), status }
  const [records, total] = await Promise.all([
    places.find(where, { orderBy: [['verifiedAt', 'asc']], skip: (page - 1) * pageSize, limit: pageSize }),
    places.count(where),
  ])
  return { items: await summariesOf(records, new Date(), undefined), page, pageSize, total }
}
