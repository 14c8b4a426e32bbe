import type { activitiesContract } from '@shared/contract/activities'
import { audit } from '../../_lib/audit'
import { command, serverDate } from '../../_lib/db'
import { activities } from '../../_lib/records/activities'
import { signups } from '../../_lib/records/signups'
import type { Handlers } from '../../_lib/router'
import { loadManagedActivity } from '../access'
import { sendDueNotices } from '../maintenance'

/**
 * Cancels the whole activity. Every live sign-up is marked cancelled and flagged for a notice; the
 * notices go out now within a time budget, and the timer sends any left over.
 */
export const cancelActivity: Handlers<typeof activitiesContract>['cancelActivity'] = async ({ activityId, reason }, { caller }) => {
  const _ = command()
  const activity = await loadManagedActivity(activityId, caller)
  if (activity.status !== 'cancelled') {
    await activities.updateWhere(
      { _id: activityId, status: _.in(['draft', 'published']) },
      { status: 'cancelled', cancelledAt: serverDate(), cancelReason: reason },
    )
    await audit({
      actorOpenid: caller.openid,
      action: 'activities.cancelActivity',
      unionId: activity.unionId,
      targetCollection: 'activities',
      targetId: activityId,
      detail: { reason },
    })
  }
  let flagged = 0
  for (const from of ['entered', 'confirmed', 'waitlisted', 'checked_in'] as const) {
    flagged += await signups.updateWhere(
      { activityId, status: from },
      { status: 'cancelled', cancelledFrom: from, cancelReason: 'activity_cancelled', cancelledAt: serverDate(), noticeDue: true },
    )
  }
  await sendDueNotices(activityId, Date.now() + 1500)
  const notified = await signups.count({ activityId, cancelReason: 'activity_cancelled' })
  return { activityId, notified: Math.max(notified, flagged) }
}
