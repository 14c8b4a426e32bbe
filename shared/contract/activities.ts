import type { FunctionContract } from './define'

/** The `activities` cloud function's actions (DESIGN §7). */
export const activitiesContract = {} satisfies FunctionContract
