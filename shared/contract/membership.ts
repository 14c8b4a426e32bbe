import type { FunctionContract } from './define'

/** The `membership` cloud function's actions (DESIGN §7). */
export const membershipContract = {} satisfies FunctionContract
