import type { activitiesContract } from '@shared/contract/activities'
import { verifyCheckInCode } from '../../_lib/activity-checkin-code'
import { AppFailure } from '../../_lib/failure'
import { signupIdFor, signups } from '../../_lib/records/signups'
import type { Handlers } from '../../_lib/router'
import { loadActivity } from '../access'
import { markCheckedIn } from '../checkin'

const BAD_CODE = '签到码无效或已过期，请扫描现场屏幕上最新的签到码'

/** The member scans the activity's rotating code at the venue and checks themself in, once. */
export const selfCheckIn: Handlers<typeof activitiesContract>['selfCheckIn'] = async ({ code }, { caller }) => {
  const activityId = verifyCheckInCode(code, new Date())
  if (!activityId) throw new AppFailure('INVALID_INPUT', BAD_CODE, [{ path: 'code', message: BAD_CODE }])
  const activity = await loadActivity(activityId, caller)
  const { signup, alreadyCheckedIn } = await markCheckedIn(activity, await signups.get(signupIdFor(activityId, caller.openid)), caller.openid, 'event_code')
  return { activityId, title: activity.title, checkedInAt: new Date(signup.checkedInAt!).toISOString(), alreadyCheckedIn }
}
