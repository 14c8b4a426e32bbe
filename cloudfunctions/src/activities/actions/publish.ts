import type { activitiesContract } from '@shared/contract/activities'
import { serverDate } from '../../_lib/db'
import { AppFailure } from '../../_lib/failure'
import { activities } from '../../_lib/records/activities'
import type { Handlers } from '../../_lib/router'
import { loadManagedActivity, newLotterySeed } from '../access'
import { detailFor } from '../detail'

/**
 * Publishes a draft. A lottery's seed is drawn now and only its SHA-256 is shown, so the seed is
 * fixed before anyone can enter and cannot be chosen after the entries are known.
 */
export const publish: Handlers<typeof activitiesContract>['publish'] = async ({ activityId }, { caller }) => {
  const activity = await loadManagedActivity(activityId, caller)
  if (activity.status === 'cancelled') throw new AppFailure('CONFLICT', '已取消的活动不能发布')
  if (activity.status === 'draft') {
    if (new Date(activity.signupClosesAt) <= new Date()) throw new AppFailure('CONFLICT', '报名截止时间已过，请先修改活动时间')
    await activities.updateWhere(
      { _id: activityId, status: 'draft' },
      {
        status: 'published',
        publishedAt: serverDate(),
        ...(activity.allocation === 'lottery' ? { ...newLotterySeed(), drawStatus: 'open' } : {}),
      },
    )
  }
  return detailFor(await loadManagedActivity(activityId, caller), caller)
}
