import { reportsContract } from '@shared/contract/reports'
import { createRouter } from '../_lib/router'
import { overview } from './actions/overview'
import { foldPending } from './fold'

/** A fold stays well inside the function's time limit (20 s in deploy.config.json); the next run, five minutes later, takes the rest. */
const TIMER_FOLD_MS = 8000

export const main = createRouter('reports', reportsContract, { overview }, { timers: { foldRollups: () => foldPending({ budgetMs: TIMER_FOLD_MS }) } })
