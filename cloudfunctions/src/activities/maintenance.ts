import { canDrawAt } from '@shared/rules/activity-signup'
import { command, serverDate } from '../_lib/db'
import { activities } from '../_lib/records/activities'
import { signups, STALE_CLAIM_MS } from '../_lib/records/signups'
import { runDraw } from './draw'
import { notifyActivityCancelled } from './notify'
import { fillSeats } from './seats'

/** Sends the cancellation notices still due for an activity, each at most once, until the deadline. */
export async function sendDueNotices(activityId: string, deadline: number): Promise<number> {
  const activity = await activities.get(activityId)
  if (!activity) return 0
  let sent = 0
  while (Date.now() < deadline) {
    const due = await signups.find({ activityId, noticeDue: true }, { limit: 50 })
    if (due.length === 0) break
    for (const signup of due) {
      // Claimed before sending: a notice is sent at most once even if two callers run this.
      if ((await signups.updateWhere({ _id: signup._id, noticeDue: true }, { noticeDue: false })) === 0) continue
      await notifyActivityCancelled(activity, signup, activity.cancelReason ?? '主办方取消')
      sent += 1
      if (Date.now() >= deadline) break
    }
  }
  return sent
}

/**
 * Claims whose function died are given up (`cancelled`, reason `incomplete`) so that the person can
 * sign up again; a live claim can no longer complete after this age anyway.
 */
export async function repairStaleClaims(): Promise<number> {
  const _ = command()
  return signups.updateWhere(
    { status: 'pending', pendingSince: _.lt(serverDate(-STALE_CLAIM_MS)) },
    { status: 'cancelled', cancelReason: 'incomplete', cancelledAt: serverDate() },
  )
}

export interface ScheduleReport {
  drawn: string[]
  promoted: number
  repaired: number
  notices: number
}

/**
 * The timer's round (config.json, every five minutes): draws lotteries whose sign-up has closed,
 * finishes draws and notices left over, gives up dead claims, and lets stuck waitlists move.
 */
export async function runSchedule(budgetMs = 2000): Promise<ScheduleReport> {
  const _ = command()
  const deadline = Date.now() + budgetMs
  const report: ScheduleReport = { drawn: [], promoted: 0, repaired: await repairStaleClaims(), notices: 0 }
  const now = new Date()

  const lotteries = await activities.find(
    { status: 'published', allocation: 'lottery', drawStatus: _.in(['open', 'drawing']), signupClosesAt: _.lte(now) },
    { orderBy: [['signupClosesAt', 'asc']], limit: 20 },
  )
  for (const lottery of lotteries) {
    if (Date.now() >= deadline) return report
    if (!canDrawAt(lottery, now)) continue
    const { remaining } = await runDraw(lottery._id, 'timer')
    if (remaining === 0) report.drawn.push(lottery._id)
  }

  // Lines with a free seat or an unfinished promotion (a caller died, or a late joiner was missed).
  const lines = await activities.find({ status: 'published', lineOpen: true, endAt: _.gt(now) }, { orderBy: [['endAt', 'asc']], limit: 50 })
  for (const activity of lines) {
    if (Date.now() >= deadline) return report
    if (activity.confirmedCount < activity.capacity || activity.promotion) report.promoted += await fillSeats(activity._id)
  }

  const cancelled = await signups.find({ noticeDue: true }, { limit: 20, fields: { activityId: true } })
  for (const activityId of new Set(cancelled.map((row) => row.activityId))) {
    if (Date.now() >= deadline) return report
    report.notices += await sendDueNotices(activityId, deadline)
  }
  return report
}
