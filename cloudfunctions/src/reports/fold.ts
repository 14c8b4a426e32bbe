import { randomUUID } from 'node:crypto'
import { command, runTransaction, serverDate, type TransactionRef } from '../_lib/db'
import { FOLD_STATE_ID, reportFolds } from '../_lib/records/reportFolds'
import { markIdFor, reportMarks } from '../_lib/records/reportMarks'
import { reportRollups, rollupIdFor, type RollupRecord } from '../_lib/records/reportRollups'
import { COUNTED, NOW, whereOf, type CountedCollection, type Entry } from './contributions'

/**
 * The fold: takes documents a write marked pending (or that were never folded), and in one
 * transaction per batch adds what each counts now and subtracts what it counted when last folded
 * (its mark) to the rollups of its day, its month and `now`, writes the new mark, clears the
 * pending flag and raises the generation.
 *
 * Exact under concurrent writes: the transaction reads each document itself and commits only if
 * none changed since (a write racing the fold fails the commit, and the document stays pending for
 * the next fold). Marks and rollups change only in folds, and every fold transaction reads and
 * writes the generation first and last, so they may be read outside the transaction: a fold that
 * commits after that first read makes this one fail instead of both adding the same change.
 */

const BATCH = 20
/** How long past its budget a fold's lease lasts, for the batch it is in when the budget runs out. */
const LEASE_MARGIN_MS = 30_000

interface Item {
  counted: CountedCollection
  id: string
}

export interface FoldReport {
  folded: number
  /** Documents left pending because a write changed them while they were being folded. */
  conflicts: number
  /** Documents may still be pending: time ran out, writes kept conflicting, or another fold holds the lease. */
  more: boolean
}

export type Deltas = Map<string, Map<string, number>>

/** Rollup documents an entry adds to: its day and its month, or `now`. */
function rollupIdsOf(entry: Entry): string[] {
  const { unionId, day } = whereOf(entry)
  return day === NOW ? [rollupIdFor(unionId, NOW)] : [rollupIdFor(unionId, `D${day}`), rollupIdFor(unionId, `M${day.slice(0, 7)}`)]
}

/** Adds (or with -1 subtracts) entries to per-rollup deltas. */
export function addEntries(deltas: Deltas, entries: readonly Entry[], sign: 1 | -1): void {
  for (const entry of entries) {
    for (const id of rollupIdsOf(entry)) {
      const counts = deltas.get(id) ?? new Map<string, number>()
      counts.set(entry.k, (counts.get(entry.k) ?? 0) + sign * entry.n)
      deltas.set(id, counts)
    }
  }
}

/** A rollup's counts with a delta applied; keys that reach zero are dropped. */
export function applyDelta(counts: RollupRecord['counts'], delta: ReadonlyMap<string, number>): RollupRecord['counts'] {
  const next = new Map(counts.map(({ k, n }) => [k, n]))
  for (const [k, n] of delta) next.set(k, (next.get(k) ?? 0) + n)
  return [...next].filter(([, n]) => n !== 0).map(([k, n]) => ({ k, n }))
}

/** The union and period of a rollup id. */
export function rollupKeyOf(id: string): { unionId: string; period: string } {
  const cut = id.lastIndexOf('|')
  return { unionId: id.slice(0, cut), period: id.slice(cut + 1) }
}

async function foldInTransaction(transaction: TransactionRef, items: readonly Item[], now: Date): Promise<void> {
  // First: from here on a fold committing elsewhere makes this transaction fail.
  const state = await reportFolds.in(transaction).get(FOLD_STATE_ID)
  const markIds = items.map((item) => markIdFor(item.counted.name, item.id))
  const [docs, marks] = await Promise.all([
    Promise.all(items.map((item) => item.counted.getIn(transaction, item.id))),
    reportMarks.find({ _id: command().in(markIds) }, { limit: markIds.length }),
  ])
  const markById = new Map(marks.map((mark) => [mark._id, mark]))
  const deltas: Deltas = new Map()
  const entries = items.map((item, i) => {
    const doc = docs[i]
    return doc ? item.counted.entries(doc) : []
  })
  items.forEach((_item, i) => {
    addEntries(deltas, entries[i]!, 1)
    addEntries(deltas, markById.get(markIds[i]!)?.entries ?? [], -1)
  })
  const changed = [...deltas].filter(([, delta]) => [...delta.values()].some((n) => n !== 0))
  const rollups = changed.length === 0 ? [] : await reportRollups.find({ _id: command().in(changed.map(([id]) => id)) }, { limit: changed.length })
  const rollupById = new Map(rollups.map((rollup) => [rollup._id, rollup]))

  const writes: Array<Promise<unknown>> = []
  for (const [id, delta] of changed) {
    const before = rollupById.get(id)
    const counts = applyDelta(before?.counts ?? [], delta)
    if (counts.length > 0) writes.push(reportRollups.in(transaction).set(id, { ...rollupKeyOf(id), counts, updatedAt: now }))
    else if (before) writes.push(reportRollups.in(transaction).remove(id))
  }
  items.forEach((item, i) => {
    const mark = markIds[i]!
    if (entries[i]!.length > 0) writes.push(reportMarks.in(transaction).set(mark, { collection: item.counted.name, sourceId: item.id, entries: entries[i]!, foldedAt: now }))
    else if (markById.has(mark)) writes.push(reportMarks.in(transaction).remove(mark))
    if (docs[i]) writes.push(item.counted.markFoldedIn(transaction, item.id))
  })
  writes.push(reportFolds.in(transaction).update(FOLD_STATE_ID, { generation: (state?.generation ?? 0) + 1, foldedAt: now }))
  await Promise.all(writes)
}

/**
 * A transaction that lost: to a concurrent write (at a write, or at commit after the SDK's
 * retries), or aborted by such a loss while other calls of it were in flight. Nothing was written.
 */
function isConflict(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false
  const { code, errMsg, message } = error as Record<string, unknown>
  if (code === 'DATABASE_TRANSACTION_CONFLICT' || code === 'DATABASE_TRANSACTION_FAIL') return true
  return /TransactionConflict|TransactionNotExist|TRANSACTION_CONFLICT/.test(`${String(errMsg ?? '')} ${String(message ?? '')}`)
}

/** Folds one batch; false when it lost to a concurrent write and nothing was written. */
async function foldBatch(items: readonly Item[]): Promise<boolean> {
  try {
    await runTransaction((transaction) => foldInTransaction(transaction, items, new Date()))
    return true
  } catch (error) {
    if (isConflict(error)) return false
    throw error
  }
}

/** Up to `limit` pending documents from each counted collection. */
async function pendingItems(limit: number): Promise<Item[]> {
  const found = await Promise.all(COUNTED.map(async (counted) => (await counted.findPending(limit, null)).map((doc) => ({ counted, id: doc._id }))))
  return found.flat()
}

/** Takes the fold lease for `ms` (plus a margin); false while another fold holds it. */
async function takeLease(holder: string, ms: number): Promise<boolean> {
  await reportFolds.addIfAbsent({ _id: FOLD_STATE_ID, generation: 0, foldedAt: null, leaseUntil: new Date(0), leaseHolder: null })
  const until = serverDate(ms + LEASE_MARGIN_MS)
  return (await reportFolds.updateWhere({ _id: FOLD_STATE_ID, leaseUntil: command().lt(serverDate()) }, { leaseUntil: until, leaseHolder: holder })) === 1
}

async function releaseLease(holder: string): Promise<void> {
  await reportFolds.updateWhere({ _id: FOLD_STATE_ID, leaseHolder: holder }, { leaseUntil: new Date(0), leaseHolder: null })
}

/**
 * Folds pending documents until none are left or `budgetMs` has passed (the timer, and a report
 * that finds too long a tail). A batch that conflicts is tried again one document at a time; a
 * document that still conflicts stays pending. Returns at once while another fold runs.
 */
export async function foldPending({ budgetMs }: { budgetMs: number }): Promise<FoldReport> {
  const started = Date.now()
  const report: FoldReport = { folded: 0, conflicts: 0, more: false }
  const holder = randomUUID()
  if (!(await takeLease(holder, budgetMs))) return { ...report, more: true }
  const outOfTime = () => Date.now() - started >= budgetMs
  try {
    for (;;) {
      const items = await pendingItems(BATCH * 5)
      if (items.length === 0) return report
      let progressed = false
      for (let i = 0; i < items.length; i += BATCH) {
        if (outOfTime()) return { ...report, more: true }
        const batch = items.slice(i, i + BATCH)
        if (await foldBatch(batch)) {
          report.folded += batch.length
          progressed = true
          continue
        }
        for (const item of batch) {
          if (await foldBatch([item])) {
            report.folded += 1
            progressed = true
          } else report.conflicts += 1
        }
      }
      // Everything conflicted: writes are busy on these documents; the next fold takes them.
      if (!progressed || outOfTime()) return { ...report, more: true }
    }
  } finally {
    await releaseLease(holder)
  }
}
