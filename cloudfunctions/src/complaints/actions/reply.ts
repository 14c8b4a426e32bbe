import type { complaintsContract } from '@shared/contract/complaints'
import { OPEN_STATUSES } from '@shared/rules/complaint-status'
import { audit } from '../../_lib/audit'
import { command } from '../../_lib/db'
import { AppFailure } from '../../_lib/failure'
import { complaints, timelineStep, type ComplaintRecord } from '../../_lib/records/complaints'
import type { Handlers } from '../../_lib/router'
import { loadForHandling } from '../access'
import { notifyOwner } from '../notify'
import { staffView } from '../views'

/** A case's timeline stays readable on a phone; past this, staff should call or resolve. */
const MAX_TIMELINE = 200

/** Staff write to the worker while the case is open; the message is a timeline step the worker reads. */
export const reply: Handlers<typeof complaintsContract>['reply'] = async ({ complaintId, message }, { caller }) => {
  const record = await loadForHandling(caller, complaintId)
  if (record.timeline.length >= MAX_TIMELINE) throw new AppFailure('CONFLICT', '本案记录已达上限，请电话联系求助人或办结案件')
  const now = new Date()
  const _ = command()
  const written = await complaints.updateWhere(
    { _id: record._id, status: _.in([...OPEN_STATUSES]) },
    { updatedAt: now, timeline: _.push(timelineStep({ at: now, actor: 'staff', kind: 'reply', note: message })) },
  )
  if (written !== 1) throw new AppFailure('CONFLICT', '案件已办结或已结束，不能再回复')
  await audit({
    actorOpenid: caller.openid,
    action: 'complaints.reply',
    unionId: record.unionId,
    targetCollection: 'complaints',
    targetId: record._id,
    detail: { trackingNumber: record.trackingNumber },
  })
  await notifyOwner(record, record.status, message, now)
  return staffView((await complaints.get(record._id)) as ComplaintRecord, now, caller)
}
