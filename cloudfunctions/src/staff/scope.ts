import { AppFailure } from '../_lib/failure'
import type { Caller } from '../_lib/identity'

/**
 * The unions an admin's list or log covers: the one asked for (when the caller administers it), or
 * every union the caller administers.
 */
export async function administeredScope(caller: Caller, unionId: string | undefined): Promise<string[]> {
  if (unionId === undefined) return caller.servedUnionIds({ as: 'admin' })
  if (!(await caller.servesUnion(unionId, { as: 'admin' }))) throw new AppFailure('FORBIDDEN', '只能查看你管理的工会（本会及下级工会）')
  return [unionId]
}
