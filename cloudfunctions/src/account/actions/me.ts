import type { accountContract } from '@shared/contract/account'
import { uploadFolderOf } from '../../_lib/images'
import { applicationStatusOf } from '../../_lib/membership-status'
import type { Handlers } from '../../_lib/router'
import { unionNames } from '../../_lib/union-tree'

/** Who the caller is to the union: membership status, the unions they serve as staff, and where they upload photos. */
export const me: Handlers<typeof accountContract>['me'] = async (_input, { caller }) => {
  const [member, staffRoles, pending] = await Promise.all([
    caller.membership(),
    caller.staffRoles(),
    applicationStatusOf(caller.openid),
  ])
  const names = await unionNames([...staffRoles.map((role) => role.unionId), ...(member ? [member.unionId] : [])])
  return {
    membership: member
      ? { status: 'member', unionId: member.unionId, unionName: names.get(member.unionId) ?? null, memberNumber: member.memberNumber }
      : { status: pending, unionId: null, unionName: null, memberNumber: null },
    staffOf: staffRoles.map((role) => ({ unionId: role.unionId, unionName: names.get(role.unionId) ?? '', role: role.role })),
    uploadFolder: uploadFolderOf(caller.openid),
  }
}
