import type { staffContract } from '@shared/contract/staff'
import { audit, auditValues } from '../../_lib/audit'
import { AppFailure } from '../../_lib/failure'
import { staff } from '../../_lib/records/staff'
import { unions } from '../../_lib/records/unions'
import type { Handlers } from '../../_lib/router'
import { removeRootAdmin } from '../root-admins'

/**
 * An admin takes a role away from someone in a union they administer (their own role included).
 * The root union always keeps one admin (see root-admins.ts). The person keeps roles elsewhere.
 */
export const revoke: Handlers<typeof staffContract>['revoke'] = async ({ staffId }, { caller }) => {
  const record = await staff.get(staffId)
  if (!record || !(await caller.servesUnion(record.unionId, { as: 'admin' }))) {
    throw new AppFailure('NOT_FOUND', '没有找到这位工作人员，或他不在你管理的工会')
  }
  const union = await unions.get(record.unionId)
  if (record.role === 'admin' && union && union.parentId === null) await removeRootAdmin(union, record._id)
  // Named now: an admin may revoke their own role, after which no record says who they were.
  const actorName = (await caller.staffRoles()).find((role) => role.role === 'admin')?.name
  await staff.removeWhere({ _id: record._id })
  await audit({
    actorOpenid: caller.openid,
    ...(actorName ? { actorName } : {}),
    action: 'staff.revoke',
    unionId: record.unionId,
    targetCollection: 'staff',
    targetId: record._id,
    detail: {},
    before: auditValues(record, ['name', 'role']),
    after: null,
  })
  return { staffId: record._id }
}
