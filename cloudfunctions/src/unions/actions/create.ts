import type { unionsContract } from '@shared/contract/unions'
import { takesMembersByDefault } from '@shared/rules/join'
import { normaliseUnionFields, unionFieldProblems, type UnionFields } from '@shared/rules/union-fields'
import { audit, auditValues } from '../../_lib/audit'
import { AppFailure } from '../../_lib/failure'
import { newJoinScene, newUnionId, unions, type UnionRecord } from '../../_lib/records/unions'
import type { Handlers } from '../../_lib/router'
import { administeredUnion, invalidFields, nodeOf, UNION_AUDIT_FIELDS } from '../node'

export const sameNameBelow = (parent: UnionRecord, name: string) =>
  new AppFailure('CONFLICT', `「${parent.name}」下已有名为「${name}」的工会`, [{ path: 'name', message: '同一上级下已有同名工会' }])

/** A new union below one the caller administers, with its own join code; audited. */
export const create: Handlers<typeof unionsContract>['create'] = async ({ parentId, ...input }, { caller }) => {
  const parent = await administeredUnion(caller, parentId, '只能在你管理的工会（本会及下级工会）下新建工会')
  if (parent.status !== 'active') throw new AppFailure('CONFLICT', `「${parent.name}」已撤销，不能在它下面新建工会`)
  const fields: UnionFields = normaliseUnionFields({
    name: input.name,
    kind: input.kind,
    sector: input.sector ?? null,
    district: input.district ?? null,
    platforms: input.platforms ?? [],
    takesMembers: input.takesMembers ?? takesMembersByDefault(input.kind),
    contactPhone: input.contactPhone ?? null,
    address: input.address ?? null,
  })
  const problems = unionFieldProblems(fields)
  if (problems.length > 0) throw invalidFields(problems)
  if (await unions.findOne({ parentId, name: fields.name })) throw sameNameBelow(parent, fields.name)

  const now = new Date()
  const record: UnionRecord = {
    _id: newUnionId(),
    ...fields,
    parentId,
    city: parent.city,
    scene: newJoinScene(),
    status: 'active',
    createdAt: now,
    updatedAt: now,
    retiredAt: null,
  }
  await unions.add(record)
  // A retire of the parent may have run between the check above and this write: look again.
  if ((await unions.get(parentId))?.status !== 'active') {
    await unions.removeWhere({ _id: record._id })
    throw new AppFailure('CONFLICT', `「${parent.name}」刚刚被撤销，不能在它下面新建工会`)
  }
  await audit({
    actorOpenid: caller.openid,
    action: 'unions.create',
    unionId: record._id,
    targetCollection: 'unions',
    targetId: record._id,
    detail: {},
    before: null,
    after: auditValues({ ...record, parent: parent.name }, UNION_AUDIT_FIELDS),
  })
  return nodeOf(record, true)
}
