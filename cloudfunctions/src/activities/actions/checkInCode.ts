import type { activitiesContract } from '@shared/contract/activities'
import { issueCheckInCode } from '../../_lib/activity-checkin-code'
import { AppFailure } from '../../_lib/failure'
import { qrDataUrl } from '../../_lib/qr-image'
import type { Handlers } from '../../_lib/router'
import { loadManagedActivity } from '../access'

/** The rotating code staff put on a screen at the venue; members scan it with 我的活动 → 扫码签到. */
export const checkInCode: Handlers<typeof activitiesContract>['checkInCode'] = async ({ activityId }, { caller }) => {
  const activity = await loadManagedActivity(activityId, caller)
  if (activity.status !== 'published') throw new AppFailure('CONFLICT', '活动未发布或已取消')
  const { code, refreshAt } = issueCheckInCode(activityId, new Date())
  const qrImage = await qrDataUrl(code, 320)
  return { code, qrImage, refreshAt: refreshAt.toISOString() }
}
