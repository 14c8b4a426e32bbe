import type { staffContract } from '@shared/contract/staff'
import { unionNames } from '../../_lib/union-tree'
import type { Handlers } from '../../_lib/router'
import { invitationByCode, stateOf } from '../invitation-state'

/** What an invitation offers (union, role, whom it names, who sent it), before the person accepts. */
export const invitation: Handlers<typeof staffContract>['invitation'] = async ({ code }) => {
  const found = await invitationByCode(code)
  const names = await unionNames([found.unionId])
  return {
    unionName: names.get(found.unionId) ?? '',
    role: found.role,
    name: found.name,
    inviterName: found.inviterName,
    expiresAt: new Date(found.expiresAt).toISOString(),
    state: stateOf(found, new Date()),
  }
}
