import { reportsContract } from '@shared/contract/reports'
import { createRouter } from '../_lib/router'
import { overview } from './actions/overview'
import { foldPending } from './fold'

/**
 * A fold stays inside the function's time limit (20 s in deploy.config.json); the next run, a
 * minute later, takes the rest. The fold managed 10–20 documents a second on the shared 2-core
 * test machine (bench/reports.bench.ts), so a run every minute keeps up with a sign-up rush.
 */
const TIMER_FOLD_MS = 15_000

export const main = createRouter('reports', reportsContract, { overview }, { timers: { foldRollups: () => foldPending({ budgetMs: TIMER_FOLD_MS }) } })
