import { checkInOpen } from '@shared/rules/activity-signup'
import { chinaDateTime } from '@shared/rules/china-time'
import { serverDate } from '../_lib/db'
import { AppFailure } from '../_lib/failure'
import type { ActivityRecord } from '../_lib/records/activities'
import { signups, type SignupRecord } from '../_lib/records/signups'

/**
 * Marks a seat holder checked in, once: the update only applies to a `confirmed` sign-up, so a second
 * scan (or two staff scanning at once) finds it already checked in and says so.
 */
export async function markCheckedIn(
  activity: ActivityRecord,
  signup: SignupRecord | null,
  by: string,
  method: 'card' | 'event_code',
): Promise<{ signup: SignupRecord; alreadyCheckedIn: boolean }> {
  if (activity.status !== 'published') throw new AppFailure('CONFLICT', '活动已取消或未发布，不能签到')
  const now = new Date()
  if (!checkInOpen(activity, now)) {
    throw new AppFailure('CONFLICT', `签到时间为活动开始前 2 小时至结束后 2 小时（活动开始：${chinaDateTime(activity.startAt)}）`)
  }
  if (!signup || signup.status === 'pending' || (signup.status === 'cancelled' && signup.cancelReason === 'incomplete')) {
    throw new AppFailure('NOT_FOUND', '未找到此人的报名记录')
  }
  const marked = await signups.updateWhere(
    { _id: signup._id, status: 'confirmed' },
    { status: 'checked_in', checkedInAt: serverDate(), checkedInBy: by, checkInMethod: method },
  )
  const current = await signups.get(signup._id)
  if (!current) throw new AppFailure('NOT_FOUND', '未找到此人的报名记录')
  if (marked === 1) return { signup: current, alreadyCheckedIn: false }
  switch (current.status) {
    case 'checked_in':
      return { signup: current, alreadyCheckedIn: true }
    case 'waitlisted':
      throw new AppFailure('CONFLICT', activity.allocation === 'lottery' ? '此人未中签，尚未获得名额' : '此人在候补名单中，尚未获得名额')
    case 'entered':
      throw new AppFailure('CONFLICT', '尚未抽签，不能签到')
    case 'cancelled':
      throw new AppFailure('CONFLICT', '此人的报名已取消')
    default:
      throw new AppFailure('CONFLICT', '报名状态已变化，请重试')
  }
}
