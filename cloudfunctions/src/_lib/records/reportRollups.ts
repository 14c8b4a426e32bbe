import { collection, type Doc } from '../db'

/**
 * What the reports count for one union over one period, kept up to date by the reports fold:
 * `D2025-03-14` (a China day), `M2025-03` (that month: the sum of its days) or `now` (the members
 * the union has today). `counts` is a list rather than an object so that one aggregation can unwind
 * and sum any mix of keys (`members.platform:美团`, `complaints.category:wage_arrears`, …).
 */
export interface RollupRecord extends Doc {
  unionId: string
  period: string
  counts: Array<{ k: string; n: number }>
  updatedAt: Date
}

export const reportRollups = collection<RollupRecord>('reportRollups')

/** One document per union and period. */
export const rollupIdFor = (unionId: string, period: string) => `${unionId}|${period}`
