import { staffCaseSummary, type complaintsContract } from '@shared/contract/complaints'
import { isOpen, OPEN_STATUSES } from '@shared/rules/complaint-status'
import { command, type FindOptions, type Where } from '../../_lib/db'
import { listRows } from '../../_lib/list-rows'
import { complaints } from '../../_lib/records/complaints'
import type { Handlers } from '../../_lib/router'
import { unionNames } from '../../_lib/union-tree'
import { summary, SUMMARY_FIELDS } from '../views'

/**
 * Cases of the unions the caller serves. Without a status: the open ones, nearest deadline first,
 * so nothing is forgotten; a finished status lists the most recently changed first.
 */
export const list: Handlers<typeof complaintsContract>['list'] = async (input, { caller }) => {
  const _ = command()
  const served = await caller.servedUnionIds()
  const unionIds = input.unionId ? served.filter((id) => id === input.unionId) : served
  const page = { page: input.page, pageSize: input.pageSize }
  if (unionIds.length === 0) return { items: [], total: 0, ...page }

  const now = new Date()
  const where: Where = {
    unionId: unionIds.length === 1 ? unionIds[0] : _.in(unionIds),
    status: input.status ?? _.in([...OPEN_STATUSES]),
  }
  if (input.category) where.category = input.category
  if (input.overdueOnly) {
    where.status = input.status && isOpen(input.status) ? input.status : _.in([...OPEN_STATUSES])
    where.dueAt = _.lt(now)
  }
  const byDeadline = !input.status || isOpen(input.status)
  const options: FindOptions = {
    orderBy: byDeadline ? [['dueAt', 'asc'], ['filedAt', 'asc']] : [['updatedAt', 'desc']],
    skip: (input.page - 1) * input.pageSize,
    limit: input.pageSize,
    fields: SUMMARY_FIELDS,
  }
  const [total, records] = await Promise.all([complaints.count(where), complaints.find(where, options)])
  const names = await unionNames(records.map((record) => record.unionId))
  return {
    items: await listRows('complaints', records, staffCaseSummary, (record) => ({ ...summary(record, names.get(record.unionId) ?? '', now), anonymous: record.anonymous })),
    total,
    ...page,
  }
}
