import type { unionsContract } from '@shared/contract/unions'
import { normaliseUnionFields, unionFieldProblems, type UnionFields } from '@shared/rules/union-fields'
import { audit, auditValues } from '../../_lib/audit'
import { AppFailure } from '../../_lib/failure'
import { unions, type UnionRecord } from '../../_lib/records/unions'
import type { Handlers } from '../../_lib/router'
import { ancestorIds } from '../../_lib/union-tree'
import { administeredUnion, fieldsOf, invalidFields, nodeOf, UNION_AUDIT_FIELDS } from '../node'
import { sameNameBelow } from './create'

const CHANGED_MEANWHILE = '这个工会刚被其他管理员修改、移动或撤销，请刷新后重试'

/** Where a union may move: into a union the caller administers, never to itself or below itself. */
async function checkMove(union: UnionRecord, parent: UnionRecord | null): Promise<void> {
  if (union.parentId === null) throw new AppFailure('CONFLICT', '根工会没有上级，不能移动')
  if (!parent) throw new AppFailure('FORBIDDEN', '只能移到你管理的工会（本会及下级工会）下面')
  if (parent.status !== 'active') throw new AppFailure('CONFLICT', `「${parent.name}」已撤销，不能移到它下面`)
  if (parent._id === union._id || (await ancestorIds(parent._id)).includes(union._id)) {
    throw new AppFailure('CONFLICT', '不能把工会移到它自己或它的下级工会下面', [{ path: 'parentId', message: '不能移到自己或自己的下级工会下面' }])
  }
}

/**
 * Changes what is set on a union the caller administers, and moves it when `parentId` changes. The
 * write is conditional on the parent read, and a move is checked again after it: two moves racing
 * (A under B while B goes under A) cannot leave a cycle, the later one is undone.
 */
export const update: Handlers<typeof unionsContract>['update'] = async ({ unionId, parentId, ...input }, { caller }) => {
  const refusal = '只能修改你管理的工会（本会及下级工会）'
  const union = await administeredUnion(caller, unionId, refusal)
  if (union.status !== 'active') throw new AppFailure('CONFLICT', `「${union.name}」已撤销，不能再修改`)
  const moving = parentId !== undefined && parentId !== union.parentId
  const newParent = moving ? await unions.get(parentId) : null
  if (moving) await checkMove(union, newParent && (await caller.servesUnion(parentId, { as: 'admin' })) ? newParent : null)

  const current = fieldsOf(union)
  const defined = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as Partial<UnionFields>
  const fields = normaliseUnionFields({ ...current, ...defined })
  const problems = unionFieldProblems(fields)
  if (problems.length > 0) throw invalidFields(problems)
  const targetParentId = moving ? parentId : union.parentId
  if (targetParentId && (moving || fields.name !== union.name)) {
    const twin = await unions.findOne({ parentId: targetParentId, name: fields.name })
    if (twin && twin._id !== unionId) throw sameNameBelow(newParent ?? ((await unions.get(targetParentId)) as UnionRecord), fields.name)
  }

  const now = new Date()
  const written = await unions.updateWhere({ _id: unionId, status: 'active', parentId: union.parentId }, { ...fields, parentId: targetParentId, updatedAt: now })
  if (written !== 1) throw new AppFailure('CONFLICT', CHANGED_MEANWHILE)
  if (moving && ((await ancestorIds(unionId)).includes(unionId) || (await unions.get(parentId))?.status !== 'active')) {
    await unions.updateWhere({ _id: unionId, parentId }, { parentId: union.parentId, updatedAt: now })
    throw new AppFailure('CONFLICT', CHANGED_MEANWHILE)
  }

  const oldParentName = moving && union.parentId ? ((await unions.get(union.parentId))?.name ?? union.parentId) : null
  const before = auditValues({ ...union, ...current, parent: oldParentName }, UNION_AUDIT_FIELDS)
  const after = auditValues({ ...union, ...fields, parent: moving ? newParent!.name : null }, UNION_AUDIT_FIELDS)
  const changed = UNION_AUDIT_FIELDS.filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]))
  await audit({
    actorOpenid: caller.openid,
    action: moving ? 'unions.move' : 'unions.update',
    unionId,
    targetCollection: 'unions',
    targetId: unionId,
    detail: {},
    before: Object.fromEntries(changed.map((field) => [field, before[field]!])),
    after: Object.fromEntries(changed.map((field) => [field, after[field]!])),
  })
  return nodeOf({ ...union, ...fields, parentId: targetParentId, updatedAt: now }, true)
}
