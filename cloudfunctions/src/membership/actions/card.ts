import type { membershipContract } from '@shared/contract/membership'
import { issueCardCode } from '../../_lib/member-card'
import { qrDataUrl } from '../../_lib/qr-image'
import type { Handlers } from '../../_lib/router'
import { unionNames } from '../../_lib/union-tree'

/**
 * The electronic member card. The QR carries a code for the current 30-second window, rendered
 * here as a PNG data URL so both the mini program and the H5 build show it as a plain image.
 */
export const card: Handlers<typeof membershipContract>['card'] = async (_input, { caller }) => {
  // The router admitted only active members, so the caller has a membership.
  const member = (await caller.membership())!
  const { code, refreshAt } = issueCardCode(member._id, new Date())
  const [qrImage, names] = await Promise.all([
    qrDataUrl(code, 280),
    unionNames([member.unionId]),
  ])
  return {
    name: member.name,
    unionName: names.get(member.unionId) ?? '',
    memberNumber: member.memberNumber,
    joinedAt: new Date(member.joinedAt).toISOString(),
    code,
    qrImage,
    refreshAt: refreshAt.toISOString(),
  }
}
