import type { activitiesContract } from '@shared/contract/activities'
import type { SignupStatus } from '@shared/rules/activity-signup'
import { audit } from '../../_lib/audit'
import { command } from '../../_lib/db'
import { signups, type SignupRecord } from '../../_lib/records/signups'
import type { Handlers } from '../../_lib/router'
import { loadManagedActivity } from '../access'
import { rosterRows } from '../people'
import { lineOrder, placeInLine } from '../seats'

/** The stored statuses a roster shows: attempts in flight and attempts that never finished are not sign-ups. */
const SHOWN: SignupStatus[] = ['entered', 'confirmed', 'waitlisted', 'checked_in', 'cancelled']

export function rosterWhere(activityId: string, status?: SignupStatus) {
  const _ = command()
  return { activityId, status: status ?? _.in(SHOWN), cancelReason: _.neq('incomplete') }
}

/** Counts by status, one indexed count each. */
export async function rosterCounts(activityId: string) {
  const count = (status: SignupStatus) => signups.count(rosterWhere(activityId, status))
  const [confirmed, waitlisted, entered, checkedIn, cancelled] = await Promise.all([
    count('confirmed'),
    count('waitlisted'),
    count('entered'),
    count('checked_in'),
    count('cancelled'),
  ])
  return { confirmed, waitlisted, entered, checkedIn, cancelled }
}

export async function positionsOf(rows: SignupRecord[]): Promise<Map<string, number>> {
  const positions = new Map<string, number>()
  for (const row of rows) {
    const position = await placeInLine(row)
    if (position !== null) positions.set(row._id, position)
  }
  return positions
}

/** Who is coming: the waitlist in line order, the others in sign-up order; names and phones masked. */
export const roster: Handlers<typeof activitiesContract>['roster'] = async ({ activityId, status, page, pageSize }, { caller }) => {
  const activity = await loadManagedActivity(activityId, caller)
  const where = rosterWhere(activityId, status)
  const [total, rows, counts] = await Promise.all([
    signups.count(where),
    signups.find(where, {
      orderBy: status === 'waitlisted' ? lineOrder(activity) : [['signedUpAt', 'asc']],
      skip: (page - 1) * pageSize,
      limit: pageSize,
    }),
    rosterCounts(activityId),
  ])
  await audit({
    actorOpenid: caller.openid,
    action: 'activities.roster.view',
    unionId: activity.unionId,
    targetCollection: 'signups',
    targetId: activityId,
    detail: { status: status ?? 'all', page, rows: rows.length },
  })
  return { items: await rosterRows(rows, activity, await positionsOf(rows)), page, pageSize, total, counts }
}
