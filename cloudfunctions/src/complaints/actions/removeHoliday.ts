import type { complaintsContract } from '@shared/contract/complaints'
import { audit } from '../../_lib/audit'
import { holidays } from '../../_lib/records/holidays'
import type { Handlers } from '../../_lib/router'

/** Takes a day off the holiday list (e.g. entered by mistake). */
export const removeHoliday: Handlers<typeof complaintsContract>['removeHoliday'] = async ({ date }, { caller }) => {
  const removed = (await holidays.removeWhere({ _id: date })) > 0
  if (removed) await audit({ actorOpenid: caller.openid, action: 'complaints.removeHoliday', unionId: null, targetCollection: 'holidays', targetId: date, detail: {} })
  return { removed }
}
