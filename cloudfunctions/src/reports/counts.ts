import type { Day } from '@shared/rules/china-time'
import { command } from '../_lib/db'
import { AppFailure } from '../_lib/failure'
import { FOLD_STATE_ID, reportFolds } from '../_lib/records/reportFolds'
import { markIdFor, reportMarks } from '../_lib/records/reportMarks'
import { reportRollups } from '../_lib/records/reportRollups'
import { COUNTED, NOW, whereOf, type Entry } from './contributions'
import { foldPending } from './fold'

/**
 * Counts for a set of unions: the rollups of the periods asked for, summed by the database's
 * aggregation, plus what the documents not folded yet (the tail) change. Both are read between
 * two reads of the fold generation; if a fold committed in between, everything is read again, so
 * a change is counted once: in the rollups or in the tail.
 */

/** What one sum covers: rollup periods, and the same span for tail entries (by day, and `now` or not). */
export interface Span {
  periods: string[]
  includesNow: boolean
  from: Day
  to: Day
}

export type Counts = Map<string, number>

/** Unions per aggregation, so that `$in` lists stay short. */
const UNION_CHUNK = 100
/** Groups per aggregation page (the keys of the unions and periods asked for). */
const GROUP_PAGE = 1000
/** Pending documents a report reads itself; beyond this it folds first. */
const TAIL_LIMIT = 3000
const TAIL_PAGE = 500
const INLINE_FOLD_MS = 5000
const ATTEMPTS = 4

const chunk = <T>(items: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_v, i) => items.slice(i * size, (i + 1) * size))

/** The sum of each key over the rollups of these unions and periods. */
async function sumRollups(unionIds: readonly string[], periods: readonly string[]): Promise<Counts> {
  const counts: Counts = new Map()
  if (periods.length === 0) return counts
  const _ = command()
  const $ = command().aggregate
  for (const unions of chunk(unionIds, UNION_CHUNK)) {
    for (let page = 0; ; page += 1) {
      const groups = await reportRollups.aggregate<{ _id: string; n: number }>((pipeline) =>
        pipeline
          .match({ unionId: _.in(unions), period: _.in([...periods]) })
          .unwind('$counts')
          .group({ _id: '$counts.k', n: $.sum('$counts.n') })
          .sort({ _id: 1 })
          .skip(page * GROUP_PAGE)
          .limit(GROUP_PAGE),
      )
      for (const { _id, n } of groups) counts.set(_id, (counts.get(_id) ?? 0) + n)
      if (groups.length < GROUP_PAGE) break
    }
  }
  return counts
}

async function generation(): Promise<number> {
  return (await reportFolds.get(FOLD_STATE_ID))?.generation ?? 0
}

/**
 * What pending documents change against the rollups: what each counts now, less its mark. Null
 * when more than TAIL_LIMIT are pending (the timer has fallen behind, or nothing was folded yet).
 */
async function readTail(): Promise<Entry[] | null> {
  const deltas: Entry[] = []
  let read = 0
  for (const counted of COUNTED) {
    let after: string | null = null
    for (;;) {
      const docs = await counted.findPending(TAIL_PAGE, after)
      read += docs.length
      if (read > TAIL_LIMIT) return null
      if (docs.length === 0) break
      const marks = await reportMarks.find({ _id: command().in(docs.map((doc) => markIdFor(counted.name, doc._id))) }, { limit: docs.length })
      for (const doc of docs) deltas.push(...counted.entries(doc))
      for (const mark of marks) deltas.push(...mark.entries.map((entry) => ({ ...entry, n: -entry.n })))
      if (docs.length < TAIL_PAGE) break
      after = docs[docs.length - 1]!._id
    }
  }
  return deltas
}

function addTail(counts: Counts, tail: readonly Entry[], unions: ReadonlySet<string>, span: Span): void {
  for (const entry of tail) {
    const { unionId, day } = whereOf(entry)
    if (!unions.has(unionId)) continue
    if (day === NOW ? !span.includesNow : day < span.from || day > span.to) continue
    counts.set(entry.k, (counts.get(entry.k) ?? 0) + entry.n)
  }
}

/** The counts of each span for these unions, consistent with one fold generation. */
export async function countsFor(unionIds: readonly string[], spans: readonly Span[]): Promise<Counts[]> {
  let folded = false
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    const before = await generation()
    const tail = await readTail()
    if (tail === null) {
      if (folded) break
      await foldPending({ budgetMs: INLINE_FOLD_MS })
      folded = true
      continue
    }
    const sums = await Promise.all(spans.map((span) => sumRollups(unionIds, [...(span.includesNow ? [NOW] : []), ...span.periods])))
    if ((await generation()) !== before) continue
    const unions = new Set(unionIds)
    spans.forEach((span, i) => addTail(sums[i]!, tail, unions, span))
    return sums
  }
  throw new AppFailure('CONFLICT', '统计数据正在更新，请稍后再试')
}
