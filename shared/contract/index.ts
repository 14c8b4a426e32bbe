import type * as z from 'zod/mini'
import type { ActionSpec } from './define'
import { accountContract } from './account'
import { activitiesContract } from './activities'
import { complaintsContract } from './complaints'
import { membershipContract } from './membership'
import { staffContract } from './staff'
import { placesContract } from './places'
import { unionsContract } from './unions'

/**
 * The function × action contract: the only thing client and server share. Each domain declares
 * its actions in its own file; this map names the deployed cloud functions.
 */
export const contract = {
  account: accountContract,
  unions: unionsContract,
  membership: membershipContract,
  complaints: complaintsContract,
  activities: activitiesContract,
  staff: staffContract,
  places: placesContract,
}

export type Contract = typeof contract
export type FunctionName = keyof Contract
export type ActionName<F extends FunctionName> = keyof Contract[F] & string
type SpecOf<F extends FunctionName, A extends ActionName<F>> = Contract[F][A] extends ActionSpec ? Contract[F][A] : never
export type ActionInput<F extends FunctionName, A extends ActionName<F>> = z.input<SpecOf<F, A>['input']>
export type ActionOutput<F extends FunctionName, A extends ActionName<F>> = z.output<SpecOf<F, A>['output']>

/** What `callFunction` carries as `data`: WeChat adds fields of its own beside these. */
export interface FunctionEvent {
  action: string
  input?: unknown
  requestId?: string
}

export { action } from './define'
export type { ActionSpec, Role } from './define'
