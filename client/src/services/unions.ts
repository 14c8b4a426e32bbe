import type { ActionInput, ActionOutput } from '@shared/contract'
import { callCloud } from './cloud'

export type UnionSummary = ActionOutput<'unions', 'get'>['union']
export type RouteOption = ActionOutput<'unions', 'route'>['options'][number]
export type ServedUnion = ActionOutput<'unions', 'served'>['items'][number]
export type JoinCode = ActionOutput<'unions', 'qrcode'>

/** The union a scanned join QR code stands for. */
export function resolveScene(scene: string) {
  return callCloud('unions', 'resolveScene', { scene })
}

/** One union by id (the join form opened with a union preselected). */
export function fetchUnion(unionId: string) {
  return callCloud('unions', 'get', { unionId })
}

/** The districts and platforms a gig worker can pick from. */
export function fetchRouteChoices() {
  return callCloud('unions', 'routeChoices', {})
}

/** The unions a gig worker without a QR code may join, with the reason for each. */
export function routeWorker(input: ActionInput<'unions', 'route'>) {
  return callCloud('unions', 'route', input)
}

/** Unions taking applications whose name contains the keyword. */
export function searchUnions(keyword: string, page = 1) {
  return callCloud('unions', 'search', { keyword, page })
}

/** The unions the signed-in staff member serves. */
export function fetchServedUnions(page = 1) {
  return callCloud('unions', 'served', { page })
}

/** A union's printable join QR code. */
export function fetchJoinCode(unionId: string) {
  return callCloud('unions', 'qrcode', { unionId, purpose: 'join' })
}

export type UnionNode = ActionOutput<'unions', 'tree'>['items'][number]
export type UnionTree = ActionOutput<'unions', 'tree'>
export type CreateUnionInput = ActionInput<'unions', 'create'>
export type UpdateUnionInput = ActionInput<'unions', 'update'>

/** One level of the caller's union tree: their top unions, or a union and the unions below it. */
export function fetchUnionTree(parentId: string | undefined, page = 1) {
  return callCloud('unions', 'tree', { page, ...(parentId ? { parentId } : {}) })
}

/** A new union below one the caller administers. */
export function createUnion(input: CreateUnionInput, requestId: string) {
  return callCloud('unions', 'create', input, { requestId })
}

/** Changes a union's settings, or moves it (a new `parentId`). */
export function updateUnion(input: UpdateUnionInput, requestId: string) {
  return callCloud('unions', 'update', input, { requestId })
}

/** Retires a union with no active union below it. */
export function retireUnion(unionId: string, requestId: string) {
  return callCloud('unions', 'retire', { unionId }, { requestId })
}
