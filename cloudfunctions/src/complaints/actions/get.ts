import type { complaintsContract } from '@shared/contract/complaints'
import { audit } from '../../_lib/audit'
import type { Handlers } from '../../_lib/router'
import { loadForViewer } from '../access'
import { ownerView, staffView } from '../views'

/** One case: the owner's view, or the staff view (audited, since it shows a person's account of their work). */
export const get: Handlers<typeof complaintsContract>['get'] = async ({ complaintId }, { caller }) => {
  const { record, viewer } = await loadForViewer(caller, complaintId)
  const now = new Date()
  if (viewer === 'owner') return ownerView(record, now)
  await audit({
    actorOpenid: caller.openid,
    action: 'complaints.view',
    unionId: record.unionId,
    targetCollection: 'complaints',
    targetId: record._id,
    detail: { trackingNumber: record.trackingNumber },
  })
  return staffView(record, now, caller)
}
