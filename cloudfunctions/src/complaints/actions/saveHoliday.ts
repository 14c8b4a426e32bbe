import type { complaintsContract } from '@shared/contract/complaints'
import { audit } from '../../_lib/audit'
import { holidays } from '../../_lib/records/holidays'
import type { Handlers } from '../../_lib/router'

/**
 * Adds or changes one day. Deadlines already promised to workers are not moved; new ones are
 * counted with the list as it is when they are set.
 */
export const saveHoliday: Handlers<typeof complaintsContract>['saveHoliday'] = async ({ date, kind, name }, { caller }) => {
  await holidays.set(date, { date, kind, name, updatedBy: caller.openid, updatedAt: new Date() })
  await audit({ actorOpenid: caller.openid, action: 'complaints.saveHoliday', unionId: null, targetCollection: 'holidays', targetId: date, detail: { kind, name } })
  return { date, kind, name }
}
