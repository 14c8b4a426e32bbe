import type { complaintsContract } from '@shared/contract/complaints'
import { audit } from '../../_lib/audit'
import { holidayId, holidays } from '../../_lib/records/holidays'
import type { Handlers } from '../../_lib/router'
import { editableRootFor } from '../roots'

/**
 * An admin of a root union adds a local holiday or corrects the national arrangement of a day, for
 * the cases of that root union only. Deadlines already promised to workers are not moved; new ones
 * are counted with the calendar as it is when they are set.
 */
export const saveHoliday: Handlers<typeof complaintsContract>['saveHoliday'] = async ({ date, kind, name, unionId }, { caller }) => {
  const root = await editableRootFor(caller, unionId, '节假日')
  const id = holidayId(root._id, date)
  const before = await holidays.get(id)
  await holidays.set(id, { rootUnionId: root._id, date, kind, name, updatedBy: caller.openid, updatedAt: new Date() })
  await audit({
    actorOpenid: caller.openid,
    action: 'complaints.saveHoliday',
    unionId: root._id,
    targetCollection: 'holidays',
    targetId: id,
    detail: { date },
    before: before && { kind: before.kind, name: before.name },
    after: { kind, name },
  })
  return { date, kind, name }
}
