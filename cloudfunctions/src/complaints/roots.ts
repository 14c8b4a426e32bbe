import { AppFailure } from '../_lib/failure'
import type { Caller } from '../_lib/identity'
import { unions, type UnionRecord } from '../_lib/records/unions'
import { rootOf } from '../_lib/union-tree'

/**
 * The root union a tier-settings or calendar call is about: the one above `unionId` (a union the
 * caller serves), else above the caller's own union (an admin role first). `editable` is true only
 * for admins of that root union itself: an admin lower in the tree, or of another tree, reads but
 * never changes the clocks every union under the root counts with.
 */
export async function rootUnionFor(caller: Caller, unionId: string | undefined): Promise<{ root: UnionRecord; editable: boolean }> {
  const roles = await caller.staffRoles()
  const target = unionId ?? (roles.find((role) => role.role === 'admin') ?? roles[0])?.unionId
  if (!target || !(await caller.servesUnion(target))) throw new AppFailure('NOT_FOUND', '工会不存在，或您不是该工会的工作人员')
  const rootId = await rootOf(target)
  const root = await unions.get(rootId)
  if (!root) throw new Error(`union ${target} has a missing root ${rootId}`)
  return { root, editable: await caller.isAdminOf(rootId) }
}

/** Refuses a change by anyone but an admin of the root union. */
export async function editableRootFor(caller: Caller, unionId: string | undefined, what: string): Promise<UnionRecord> {
  const { root, editable } = await rootUnionFor(caller, unionId)
  if (!editable) throw new AppFailure('FORBIDDEN', `只有${root.name}的管理员可以修改${what}`)
  return root
}
