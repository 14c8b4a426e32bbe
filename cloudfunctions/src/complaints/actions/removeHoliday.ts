import type { complaintsContract } from '@shared/contract/complaints'
import { audit } from '../../_lib/audit'
import { holidayId, holidays } from '../../_lib/records/holidays'
import type { Handlers } from '../../_lib/router'
import { editableRootFor } from '../roots'

/** Takes a root union's own entry off its calendar (e.g. entered by mistake); the national arrangement of that day applies again. */
export const removeHoliday: Handlers<typeof complaintsContract>['removeHoliday'] = async ({ date, unionId }, { caller }) => {
  const root = await editableRootFor(caller, unionId, '节假日')
  const id = holidayId(root._id, date)
  const before = await holidays.get(id)
  const removed = before !== null && (await holidays.removeWhere({ _id: id })) > 0
  if (removed) {
    await audit({
      actorOpenid: caller.openid,
      action: 'complaints.removeHoliday',
      unionId: root._id,
      targetCollection: 'holidays',
      targetId: id,
      detail: { date },
      before: { kind: before.kind, name: before.name },
      after: null,
    })
  }
  return { removed }
}
