import type { membershipContract } from '@shared/contract/membership'
import { applications } from '../../_lib/records/applications'
import type { Handlers } from '../../_lib/router'
import { applicationView, membershipViewOf } from '../views'

/** The caller's latest application (join or transfer) and their current membership. */
export const mine: Handlers<typeof membershipContract>['mine'] = async (_input, { caller }) => {
  const [[latest], member] = await Promise.all([
    applications.find({ openid: caller.openid }, { orderBy: [['createdAt', 'desc']], limit: 1 }),
    caller.membership(),
  ])
  return {
    application: latest ? await applicationView(latest) : null,
    membership: member ? await membershipViewOf(member) : null,
  }
}
