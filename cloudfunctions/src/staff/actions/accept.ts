import type { staffContract } from '@shared/contract/staff'
import { STAFF_ROLE_LABELS } from '@shared/vocabulary'
import { audit, auditValues } from '../../_lib/audit'
import { command } from '../../_lib/db'
import { AppFailure } from '../../_lib/failure'
import type { Caller } from '../../_lib/identity'
import { invitations, type InvitationRecord } from '../../_lib/records/invitations'
import { staff, staffIdFor, type StaffRecord } from '../../_lib/records/staff'
import { unions, type UnionRecord } from '../../_lib/records/unions'
import type { Handlers } from '../../_lib/router'
import { EXPIRED, invitationByCode, stateOf, TAKEN } from '../invitation-state'
import { addRootAdmin } from '../root-admins'

/**
 * Refuses an invitation that would give the caller nothing new, before it is used up, so it can
 * still go to someone else: they hold this role (or admin) here already, or administer a union above.
 */
async function refuseWhatTheyHave(caller: Caller, invitation: InvitationRecord, union: UnionRecord): Promise<void> {
  const here = (await caller.staffRoles()).find((role) => role.unionId === union._id)
  if (here && (here.role === 'admin' || invitation.role === 'staff')) {
    throw new AppFailure('CONFLICT', `你已经是「${union.name}」的${STAFF_ROLE_LABELS[here.role]}，不需要接受这个邀请`)
  }
  if (!here && (await caller.servesUnion(union._id, { as: 'admin' }))) {
    throw new AppFailure('CONFLICT', `你是「${union.name}」上级工会的管理员，已经可以管理它，不需要接受这个邀请`)
  }
}

/** Gives the caller the invitation's role; done again after a call that stopped half-way, it changes nothing. */
async function grantRole(caller: Caller, invitation: InvitationRecord, union: UnionRecord, now: Date) {
  const staffId = staffIdFor(caller.openid, union._id)
  const known = (await caller.staffRoles()).find((role) => role.unionId === union._id) ?? (await staff.get(staffId))
  let before: StaffRecord | null = known
  let record: StaffRecord
  if (!known) {
    record = { _id: staffId, openid: caller.openid, unionId: union._id, role: invitation.role, name: invitation.name, createdAt: now, invitedBy: invitation.invitedBy, updatedAt: now }
    // Two invitations to this union accepted at once: the derived id lets the database keep one record.
    if (!(await staff.addIfAbsent(record))) {
      before = await staff.get(staffId)
      record = before ?? record
    }
  } else record = known
  if (record.role === 'staff' && invitation.role === 'admin') {
    await staff.update(record._id, { role: 'admin', invitedBy: invitation.invitedBy, updatedAt: now })
    record = { ...record, role: 'admin' }
  }
  if (record.role === 'admin' && union.parentId === null) await addRootAdmin(union, record._id)
  await invitations.update(invitation._id, { staffId: record._id })
  const changed = before === null || before.role !== record.role
  return { record, before: before && changed ? before : null, changed }
}

/**
 * The invitee takes the role the invitation offers. Single use: the invitation is claimed by a
 * conditional update (open and unexpired), so of two people using one code only the first gets it.
 * Roles the person holds in other unions stay: a person may serve several unions, and 我的 lists each.
 */
export const accept: Handlers<typeof staffContract>['accept'] = async ({ code }, { caller }) => {
  const invitation = await invitationByCode(code)
  if (invitation.invitedBy === caller.openid) throw new AppFailure('FORBIDDEN', '不能接受自己发出的邀请，请把二维码交给被邀请人扫码')
  const now = new Date()
  if (invitation.status === 'accepted' && invitation.acceptedBy !== caller.openid) throw new AppFailure('CONFLICT', TAKEN)

  const union = await unions.get(invitation.unionId)
  if (!union || union.status !== 'active') throw new AppFailure('CONFLICT', '邀请你加入的工会已撤销，这个邀请已失效')
  if (invitation.status === 'open') {
    if (stateOf(invitation, now) === 'expired') throw new AppFailure('CONFLICT', EXPIRED)
    await refuseWhatTheyHave(caller, invitation, union)
    const claimed = await invitations.updateWhere(
      { _id: invitation._id, status: 'open', expiresAt: command().gt(now) },
      { status: 'accepted', acceptedBy: caller.openid, acceptedAt: now },
    )
    if (claimed !== 1) {
      const latest = await invitations.get(invitation._id)
      if (latest?.status !== 'accepted') throw new AppFailure('CONFLICT', EXPIRED)
      if (latest.acceptedBy !== caller.openid) throw new AppFailure('CONFLICT', TAKEN)
    }
  }

  const { record, before, changed } = await grantRole(caller, invitation, union, now)
  if (changed) {
    await audit({
      actorOpenid: caller.openid,
      actorName: record.name,
      action: 'staff.accept',
      unionId: union._id,
      targetCollection: 'staff',
      targetId: record._id,
      detail: { inviterName: invitation.inviterName },
      before: before ? auditValues(before, ['name', 'role']) : null,
      after: auditValues(record, ['name', 'role']),
    })
  }
  return { staffId: record._id, unionId: union._id, unionName: union.name, role: record.role }
}
