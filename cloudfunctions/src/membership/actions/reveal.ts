import type { membershipContract } from '@shared/contract/membership'
import { audit } from '../../_lib/audit'
import { AppFailure } from '../../_lib/failure'
import { decrypt } from '../../_lib/personal-data'
import { applications } from '../../_lib/records/applications'
import type { Handlers } from '../../_lib/router'

/**
 * The full ID or phone number of an application, for a reviewer who must check it against a
 * document or call the person. Written to the audit log before it is returned.
 */
export const reveal: Handlers<typeof membershipContract>['reveal'] = async ({ applicationId, field }, { caller }) => {
  const application = await applications.get(applicationId)
  if (!application) throw new AppFailure('NOT_FOUND', '没有找到这份入会申请')
  if (!(await caller.servesUnion(application.unionId))) throw new AppFailure('FORBIDDEN', '只有该工会的工作人员可以查看完整信息')
  await audit({
    actorOpenid: caller.openid,
    action: 'membership.viewPersonalData',
    unionId: application.unionId,
    targetCollection: 'applications',
    targetId: application._id,
    detail: { field },
  })
  return { value: decrypt(field === 'idNumber' ? application.idCipher : application.phoneCipher) }
}
