import type { staffContract } from '@shared/contract/staff'
import { audit, auditValues } from '../../_lib/audit'
import { AppFailure } from '../../_lib/failure'
import { SETUP_CLAIM_ID, setup, type SetupRecord } from '../../_lib/records/setup'
import { staff, staffIdFor } from '../../_lib/records/staff'
import { newJoinScene, newUnionId, unions, type UnionRecord } from '../../_lib/records/unions'
import type { Handlers } from '../../_lib/router'
import { configuredSetupSecret, isSetupSecret } from '../setup-secret'

const ALREADY_SET_UP = '工会通已经完成初始化，已有管理员。请联系现有管理员邀请你加入'

/**
 * The first admin: whoever holds the deployment's setup secret names the root union (the city
 * federation), which this call creates, and becomes its admin. Once any admin exists it is refused
 * for ever. Two people racing: the setup claim has a fixed `_id`, so the database lets one insert
 * it and the other is refused; the same person retrying finishes what their first call began.
 */
export const bootstrap: Handlers<typeof staffContract>['bootstrap'] = async ({ secret, unionName, city, name }, { caller }) => {
  const expected = configuredSetupSecret()
  if (!expected) throw new AppFailure('FORBIDDEN', '本环境还没有设置初始化口令（UNIONHUB_SETUP_SECRET），请部署人员按部署指南设置后再试')
  if (!isSetupSecret(secret, expected)) throw new AppFailure('FORBIDDEN', '初始化口令不正确，请向部署人员核对', [{ path: 'secret', message: '初始化口令不正确' }])
  if ((await staff.count({ role: 'admin' })) > 0) throw new AppFailure('CONFLICT', ALREADY_SET_UP)

  const now = new Date()
  const rootUnionId = newUnionId()
  let claim: SetupRecord = { _id: SETUP_CLAIM_ID, rootUnionId, staffId: staffIdFor(caller.openid, rootUnionId), openid: caller.openid, at: now }
  if (!(await setup.addIfAbsent(claim))) {
    const existing = await setup.get(SETUP_CLAIM_ID)
    if (!existing || existing.openid !== caller.openid) throw new AppFailure('CONFLICT', ALREADY_SET_UP)
    claim = existing
  }

  const union: UnionRecord = {
    _id: claim.rootUnionId,
    name: unionName,
    kind: 'federation',
    parentId: null,
    city,
    district: null,
    sector: null,
    platforms: [],
    scene: newJoinScene(),
    status: 'active',
    takesMembers: false,
    contactPhone: null,
    address: null,
    createdAt: now,
    updatedAt: now,
    retiredAt: null,
    adminStaffIds: [claim.staffId],
  }
  await unions.addIfAbsent(union)
  const admin = { _id: claim.staffId, openid: caller.openid, unionId: claim.rootUnionId, role: 'admin' as const, name, createdAt: now, invitedBy: null }
  await staff.addIfAbsent(admin)

  const root = (await unions.get(claim.rootUnionId)) ?? union
  await audit({
    actorOpenid: caller.openid,
    actorName: name,
    action: 'staff.bootstrap',
    unionId: root._id,
    targetCollection: 'staff',
    targetId: claim.staffId,
    detail: {},
    before: null,
    after: { ...auditValues(root, ['name', 'kind', 'city']), ...auditValues(admin, ['role']), staffName: name },
  })
  return { unionId: root._id, unionName: root.name, staffId: claim.staffId }
}
