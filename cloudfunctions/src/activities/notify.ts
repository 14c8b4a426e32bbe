import { chinaDateTime } from '@shared/rules/china-time'
import { sendTemplate } from '../_lib/openapi'
import type { ActivityRecord } from '../_lib/records/activities'
import type { SignupRecord } from '../_lib/records/signups'

export const MY_ACTIVITIES_PAGE = 'subpackages/activity/pages/mine/index'
const detailPage = (activityId: string) => `subpackages/activity/pages/detail/index?id=${activityId}`

type ActivityFacts = Pick<ActivityRecord, '_id' | 'title' | 'startAt' | 'place'>

/**
 * Messages go through the subscriptions people allowed when signing up. A send that fails (no
 * subscription left) is logged by the port and never undoes the seat change that caused it: the app
 * shows the same result on 我的活动.
 */
async function sendResult(activity: ActivityFacts, signup: Pick<SignupRecord, 'openid'>, result: string, note: string) {
  await sendTemplate('activityResult', {
    toOpenid: signup.openid,
    page: detailPage(activity._id),
    data: { thing1: activity.title, phrase2: result, time3: chinaDateTime(activity.startAt), thing4: note },
  })
}

export function notifyPromoted(activity: ActivityFacts, signup: Pick<SignupRecord, 'openid'>) {
  return sendResult(activity, signup, '候补成功', `已为您保留名额，请准时到${activity.place}`)
}

export function notifyDrawn(activity: ActivityFacts, signup: Pick<SignupRecord, 'openid'>, won: boolean, waitlistPosition: number | null) {
  return won
    ? sendResult(activity, signup, '已中签', `请准时到${activity.place}签到`)
    : sendResult(activity, signup, '未中签', waitlistPosition ? `您在候补第${waitlistPosition}位，有人取消将自动递补` : '感谢参与')
}

export function notifyActivityCancelled(activity: ActivityFacts, signup: Pick<SignupRecord, 'openid'>, reason: string) {
  return sendTemplate('activityCancelled', {
    toOpenid: signup.openid,
    page: detailPage(activity._id),
    data: { thing1: activity.title, time2: chinaDateTime(activity.startAt), thing3: reason },
  })
}
