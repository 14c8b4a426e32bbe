import type { placesContract } from '@shared/contract/places'
import { PLACE_REPORT_KINDS } from '@shared/rules/places'
import { command, type Where } from '../../_lib/db'
import { placeFeedback } from '../../_lib/records/placeFeedback'
import type { Handlers } from '../../_lib/router'
import { queueViews } from '../views'

/** Reports and suggestions for the unions the caller serves: open ones oldest first (first come, first answered), handled ones newest first. */
export const queue: Handlers<typeof placesContract>['queue'] = async ({ status, kind, page, pageSize }, { caller }) => {
  const _ = command()
  const where: Where = { unionId: _.in(await caller.servedUnionIds()), status }
  if (kind === 'report') where.kind = _.in([...PLACE_REPORT_KINDS])
  if (kind === 'suggestion') where.kind = 'new_place'
  const [records, total] = await Promise.all([
    placeFeedback.find(where, { orderBy: [['createdAt', status === 'open' ? 'asc' : 'desc']], skip: (page - 1) * pageSize, limit: pageSize }),
    placeFeedback.count(where),
  ])
  return { items: await queueViews(records), page, pageSize, total }
}
