import type { activitiesContract } from '@shared/contract/activities'
import { audit } from '../../_lib/audit'
import { AppFailure } from '../../_lib/failure'
import { verifyCardCode } from '../../_lib/member-card'
import { members } from '../../_lib/records/members'
import { signupIdFor, signups } from '../../_lib/records/signups'
import type { Handlers } from '../../_lib/router'
import { loadManagedActivity } from '../access'
import { markCheckedIn } from '../checkin'
import { rosterRows } from '../people'

const BAD_CODE = '会员码无效或已过期，请让会员刷新会员卡后重新出示'

/** Staff scan the member's rotating card code: card → member → their sign-up → checked in, once. */
export const checkIn: Handlers<typeof activitiesContract>['checkIn'] = async ({ activityId, code }, { caller }) => {
  const activity = await loadManagedActivity(activityId, caller)
  const memberId = verifyCardCode(code.trim(), new Date())
  if (!memberId) throw new AppFailure('INVALID_INPUT', BAD_CODE, [{ path: 'code', message: BAD_CODE }])
  const member = await members.get(memberId)
  if (!member || member.status !== 'active') throw new AppFailure('NOT_FOUND', '会员资格无效，请核实身份')
  const { signup, alreadyCheckedIn } = await markCheckedIn(activity, await signups.get(signupIdFor(activityId, member.openid)), caller.openid, 'card')
  if (!alreadyCheckedIn) {
    await audit({
      actorOpenid: caller.openid,
      action: 'activities.checkIn',
      unionId: activity.unionId,
      targetCollection: 'signups',
      targetId: signup._id,
      detail: { memberId, method: 'card' },
    })
  }
  const [row] = await rosterRows([signup], activity)
  return { ...row!, alreadyCheckedIn }
}
