import type { activitiesContract } from '@shared/contract/activities'
import { command } from '../../_lib/db'
import { activities } from '../../_lib/records/activities'
import type { Handlers } from '../../_lib/router'
import { summaries } from '../views'

/** Published activities: upcoming (not yet ended) soonest first, or past ones latest first. */
export const list: Handlers<typeof activitiesContract>['list'] = async ({ when, category, unionId, page, pageSize }) => {
  const _ = command()
  const now = new Date()
  const where = {
    status: 'published',
    endAt: when === 'upcoming' ? _.gt(now) : _.lte(now),
    ...(category ? { category } : {}),
    ...(unionId ? { unionId } : {}),
  }
  const [total, records] = await Promise.all([
    activities.count(where),
    activities.find(where, { orderBy: [['startAt', when === 'upcoming' ? 'asc' : 'desc']], skip: (page - 1) * pageSize, limit: pageSize }),
  ])
  return { items: await summaries(records, now), page, pageSize, total }
}
