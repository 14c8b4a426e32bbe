import type { complaintsContract } from '@shared/contract/complaints'
import { complaints } from '../../_lib/records/complaints'
import type { Handlers } from '../../_lib/router'
import { unionNames } from '../../_lib/union-tree'
import { calendarsFor, summary, SUMMARY_FIELDS } from '../views'

/** The caller's own cases, newest first. */
export const mine: Handlers<typeof complaintsContract>['mine'] = async ({ page, pageSize }, { caller }) => {
  const where = { ownerOpenid: caller.openid }
  const [total, records] = await Promise.all([
    complaints.count(where),
    complaints.find(where, { orderBy: [['filedAt', 'desc']], skip: (page - 1) * pageSize, limit: pageSize, fields: SUMMARY_FIELDS }),
  ])
  const now = new Date()
  const [names, calendars] = await Promise.all([unionNames(records.map((record) => record.unionId)), calendarsFor(records, now)])
  return { items: records.map((record) => summary(record, names.get(record.unionId) ?? '', now, calendars)), page, pageSize, total }
}
