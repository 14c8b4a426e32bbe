import type { activitiesContract } from '@shared/contract/activities'
import { command } from '../../_lib/db'
import { activities } from '../../_lib/records/activities'
import { signups } from '../../_lib/records/signups'
import type { Handlers } from '../../_lib/router'
import { mySignupView, summaries } from '../views'

/** The caller's sign-ups: upcoming soonest first, past latest first; attempts that never finished are left out. */
export const mine: Handlers<typeof activitiesContract>['mine'] = async ({ when, page, pageSize }, { caller }) => {
  const _ = command()
  const now = new Date()
  const where = {
    openid: caller.openid,
    status: _.neq('pending'),
    cancelReason: _.neq('incomplete'),
    activityEndAt: when === 'upcoming' ? _.gt(now) : _.lte(now),
  }
  const [total, rows] = await Promise.all([
    signups.count(where),
    signups.find(where, { orderBy: [['activityStartAt', when === 'upcoming' ? 'asc' : 'desc']], skip: (page - 1) * pageSize, limit: pageSize }),
  ])
  const records = rows.length ? await activities.find({ _id: _.in(rows.map((row) => row.activityId)) }, { limit: rows.length }) : []
  const byId = new Map(records.map((record) => [record._id, record]))
  const views = await summaries(records, now)
  const viewById = new Map(views.map((view) => [view.activityId, view]))
  const items = []
  for (const row of rows) {
    const activity = byId.get(row.activityId)
    const summary = viewById.get(row.activityId)
    if (!activity || !summary) continue
    items.push({ activity: summary, signup: await mySignupView(row, activity, now) })
  }
  return { items, page, pageSize, total }
}
