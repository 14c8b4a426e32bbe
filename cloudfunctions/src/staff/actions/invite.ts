import type { staffContract } from '@shared/contract/staff'
import { INVITATION_TTL_HOURS, INVITE_CODE_LENGTH, inviteScene } from '@shared/rules/staff'
import { audit, auditValues } from '../../_lib/audit'
import { AppFailure } from '../../_lib/failure'
import { miniProgramCode } from '../../_lib/openapi'
import { ALNUM, randomCode } from '../../_lib/random'
import { invitationIdFor, invitations, type InvitationRecord } from '../../_lib/records/invitations'
import { unions } from '../../_lib/records/unions'
import type { Handlers } from '../../_lib/router'
import { temporaryUrl } from '../../_lib/storage'

/** Where an invitation's code lands: the page that shows the invitation and accepts it. */
export const INVITATION_PAGE = 'subpackages/staff/pages/invitation/index'

/**
 * An admin invites someone to be staff or admin of a union in the admin's own subtree (so never
 * above their union). The code is single use and lasts 72 hours; only its hash is stored.
 */
export const invite: Handlers<typeof staffContract>['invite'] = async ({ unionId, role, name }, { caller }) => {
  const union = await unions.get(unionId)
  if (!union || !(await caller.servesUnion(unionId, { as: 'admin' }))) {
    throw new AppFailure('FORBIDDEN', '只能邀请工作人员到你管理的工会（本会及下级工会）')
  }
  if (union.status !== 'active') throw new AppFailure('CONFLICT', `「${union.name}」已撤销，不能再邀请工作人员`)

  const code = randomCode(INVITE_CODE_LENGTH, ALNUM)
  const now = new Date()
  const roles = await caller.staffRoles()
  const record: InvitationRecord = {
    _id: invitationIdFor(code),
    unionId,
    role,
    name,
    invitedBy: caller.openid,
    inviterName: roles.find((held) => held.role === 'admin')?.name ?? roles[0]?.name ?? '管理员',
    createdAt: now,
    expiresAt: new Date(now.getTime() + INVITATION_TTL_HOURS * 3600_000),
    status: 'open',
    acceptedBy: null,
    acceptedAt: null,
    staffId: null,
  }
  await invitations.add(record)
  const scene = inviteScene(code)
  const { fileID } = await miniProgramCode.create({ scene, page: INVITATION_PAGE })

  await audit({
    actorOpenid: caller.openid,
    action: 'staff.invite',
    unionId,
    targetCollection: 'invitations',
    targetId: record._id,
    detail: {},
    before: null,
    after: auditValues(record, ['name', 'role', 'expiresAt']),
  })
  return {
    code,
    scene,
    page: INVITATION_PAGE,
    expiresAt: record.expiresAt.toISOString(),
    fileID,
    imageUrl: await temporaryUrl(fileID),
    unionId,
    unionName: union.name,
    role,
    name,
  }
}
