import type { complaintsContract } from '@shared/contract/complaints'
import { audit } from '../../_lib/audit'
import { AppFailure } from '../../_lib/failure'
import { decrypt } from '../../_lib/personal-data'
import type { Handlers } from '../../_lib/router'
import { loadForStaff } from '../access'

/** The complainant's phone in full, to call them back; every reading is in the audit log. */
export const revealContact: Handlers<typeof complaintsContract>['revealContact'] = async ({ complaintId }, { caller }) => {
  const record = await loadForStaff(caller, complaintId)
  if (record.anonymous || !record.contactPhoneCipher) throw new AppFailure('NOT_FOUND', '求助人没有留下联系电话')
  await audit({
    actorOpenid: caller.openid,
    action: 'complaints.revealContact',
    unionId: record.unionId,
    targetCollection: 'complaints',
    targetId: record._id,
    detail: { trackingNumber: record.trackingNumber },
  })
  return { contactPhone: decrypt(record.contactPhoneCipher) }
}
