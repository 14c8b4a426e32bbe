import type { membershipContract } from '@shared/contract/membership'
import { AppFailure } from '../../_lib/failure'
import { applications } from '../../_lib/records/applications'
import type { Handlers } from '../../_lib/router'
import { applicationView } from '../views'

/** One application, for its owner or for staff who serve its union; nobody else learns anything of it. */
export const get: Handlers<typeof membershipContract>['get'] = async ({ applicationId }, { caller }) => {
  const application = await applications.get(applicationId)
  if (!application) throw new AppFailure('NOT_FOUND', '没有找到这份入会申请')
  if (application.openid !== caller.openid && !(await caller.servesUnion(application.unionId))) {
    throw new AppFailure('FORBIDDEN', '只能查看自己的入会申请')
  }
  return applicationView(application)
}
