import { AppFailure } from '../_lib/failure'
import type { Caller } from '../_lib/identity'
import { places, type PlaceRecord } from '../_lib/records/places'

export const NOT_FOUND_MESSAGE = '服务点不存在或已停用'

/** A place a worker may see and act on: active ones only. */
export async function loadActivePlace(placeId: string): Promise<PlaceRecord> {
  const place = await places.get(placeId)
  if (!place || place.status !== 'active') throw new AppFailure('NOT_FOUND', NOT_FOUND_MESSAGE)
  return place
}

/** Staff may act for a union only if they serve it (`Caller.servesUnion`: their own, or one below their admin union). */
export async function requireServes(caller: Caller, unionId: string): Promise<void> {
  if (!(await caller.servesUnion(unionId))) throw new AppFailure('FORBIDDEN', '只有管理该服务点的工会工作人员可以操作')
}

/** A place the caller manages, retired or not. */
export async function loadManagedPlace(placeId: string, caller: Caller): Promise<PlaceRecord> {
  const place = await places.get(placeId)
  if (!place) throw new AppFailure('NOT_FOUND', NOT_FOUND_MESSAGE)
  await requireServes(caller, place.unionId)
  return place
}

/**
 * The caller as verifier of a place of `unionId`: the name on their staff record for that union,
 * or else on the admin record through which they serve it.
 */
export async function verifierFor(caller: Caller, unionId: string): Promise<{ openid: string; name: string; unionId: string }> {
  const roles = await caller.staffRoles()
  const role = roles.find((r) => r.unionId === unionId) ?? roles.find((r) => r.role === 'admin') ?? roles[0]
  if (!role) throw new AppFailure('FORBIDDEN', '此功能仅限工会工作人员使用')
  return { openid: caller.openid, name: role.name, unionId: role.unionId }
}
