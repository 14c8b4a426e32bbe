import type { FunctionContract } from './define'

/** The `complaints` cloud function's actions (DESIGN §7). */
export const complaintsContract = {} satisfies FunctionContract
