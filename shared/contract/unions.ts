import type { FunctionContract } from './define'

/** The `unions` cloud function's actions (DESIGN §7). */
export const unionsContract = {} satisfies FunctionContract
