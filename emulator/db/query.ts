import { Context } from 'mingo/core'
import * as expressionOperators from 'mingo/operators/expression'
import * as projectionOperators from 'mingo/operators/projection'
import * as queryOperators from 'mingo/operators/query'
import { Query } from 'mingo/query'
import { DatabaseError } from './errors'
import { isDate, isPlainObject, isRegExp, type Doc } from './ejson'
import { compareValues, encodeScalar, MARKER_SQL, sortValue, type SqlKey } from './keys'
import type { CollectionStore } from './store'

/** Query options shared by every mingo call: no server-side JavaScript from query documents. */
export const MINGO_OPTIONS = { scriptEnabled: false } as const

/**
 * For matching and projecting: the operators a query can name ($expr takes expressions), and no
 * more. mingo copies its context's operator tables into every Query it builds, so the full context
 * of `import { Query } from 'mingo'` (pipeline, accumulator and window operators too) cost 23 µs
 * a query on the one thread that serves the whole database; this one 16 µs (measured on 2 cores).
 */
const QUERY_OPTIONS = {
  ...MINGO_OPTIONS,
  context: Context.init({ query: queryOperators, expression: expressionOperators, projection: projectionOperators }),
}

export type OrderSpec = [path: string, direction: 1 | -1][]

/** The part of a query that SQL evaluates: a WHERE clause over key columns. */
export interface Pushdown {
  where: string
  params: SqlKey[]
  /** True when the WHERE clause alone decides the match exactly, so mingo can be skipped. */
  exact: boolean
}

interface Column {
  sql: string
  hasMarker: boolean
}

function columnFor(coll: CollectionStore, path: string): Column | undefined {
  if (path === '_id') return { sql: 'id', hasMarker: false }
  const k = coll.keys.get(path)
  return k ? { sql: k.column, hasMarker: k.hasMarker } : undefined
}

/** Top-level conjuncts (including nested $and); false when something else ($or, $nor, $expr…) is present. */
function conjuncts(query: Doc, out: [string, unknown][]): boolean {
  let complete = true
  for (const [k, v] of Object.entries(query)) {
    if (k === '$and' && Array.isArray(v)) {
      for (const sub of v) complete = (isPlainObject(sub) && conjuncts(sub, out)) && complete
    } else if (k.startsWith('$')) {
      complete = false
    } else {
      out.push([k, v])
    }
  }
  return complete
}

// Bounds of one type bracket in key order: numbers < text < blobs (booleans, then dates).
const BRACKETS = {
  number: { lo: -Infinity as SqlKey, hi: '' as SqlKey },
  string: { lo: '' as SqlKey, hi: Buffer.alloc(0) as SqlKey },
  date: { lo: Buffer.from([0x03]) as SqlKey, hi: Buffer.from([0x04]) as SqlKey },
}

function bracketOf(v: unknown): keyof typeof BRACKETS | undefined {
  if (typeof v === 'number' && !Number.isNaN(v)) return 'number'
  if (typeof v === 'string') return 'string'
  if (isDate(v) && !Number.isNaN(v.getTime())) return 'date'
  return undefined
}

class ClauseBuilder {
  clauses: string[] = []
  params: SqlKey[] = []
  exact = true

  private add(col: Column, sql: string, params: SqlKey[]): void {
    // A document with a non-scalar value at the path carries MARKER and must stay a candidate.
    this.clauses.push(col.hasMarker ? `(${sql} OR ${col.sql} = ${MARKER_SQL})` : sql)
    this.params.push(...params)
    if (col.hasMarker) this.exact = false
  }

  eq(col: Column, key: SqlKey): void {
    if (key === null) this.add(col, `${col.sql} IS NULL`, [])
    else this.add(col, `${col.sql} = ?`, [key])
  }

  in(col: Column, keys: SqlKey[]): void {
    const values = keys.filter((k) => k !== null)
    const parts: string[] = []
    if (values.length > 0) parts.push(values.length === 1 ? `${col.sql} = ?` : `${col.sql} IN (${values.map(() => '?').join(', ')})`)
    if (values.length < keys.length) parts.push(`${col.sql} IS NULL`)
    if (parts.length === 0) parts.push('0')
    this.add(col, parts.length === 1 ? (parts[0] as string) : `(${parts.join(' OR ')})`, values)
  }

  range(col: Column, op: string, value: unknown): boolean {
    // mingo compares strings by UTF-16 unit, SQLite by code point; the two orders disagree only
    // around characters from U+D800 up, so such bounds are left to mingo alone.
    if (typeof value === 'string' && /[\ud800-\uffff]/.test(value)) return false
    const bracket = bracketOf(value)
    const key = encodeScalar(value)
    if (!bracket || key === undefined || key === null) return false
    const b = BRACKETS[bracket]
    const cmp = { $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' }[op]
    if (!cmp) return false
    const lower = op === '$gt' || op === '$gte'
    this.add(col, lower ? `(${col.sql} ${cmp} ? AND ${col.sql} < ?)` : `(${col.sql} ${cmp} ? AND ${col.sql} >= ?)`, [
      key,
      lower ? b.hi : b.lo,
    ])
    return true
  }
}

const isScalarKeyable = (v: unknown): boolean =>
  !Array.isArray(v) && !isPlainObject(v) && !isRegExp(v) && encodeScalar(v) !== undefined

/**
 * Pushes the indexable part of a query down to SQL: equality, $in and ranges on key columns
 * (indexed paths and _id). The result selects a superset of the matches; mingo decides the rest.
 */
export function pushdown(coll: CollectionStore, query: Doc): Pushdown {
  const terms: [string, unknown][] = []
  const b = new ClauseBuilder()
  if (!conjuncts(query, terms)) b.exact = false
  for (const [path, cond] of terms) {
    const col = columnFor(coll, path)
    if (!col) {
      b.exact = false
      continue
    }
    if (isPlainObject(cond) && Object.keys(cond).length > 0 && Object.keys(cond).every((k) => k.startsWith('$'))) {
      for (const [op, value] of Object.entries(cond)) {
        if (op === '$eq' && isScalarKeyable(value)) b.eq(col, encodeScalar(value) as SqlKey)
        else if (op === '$in' && Array.isArray(value) && value.every(isScalarKeyable))
          b.in(col, value.map((v) => encodeScalar(v) as SqlKey))
        // A range within one type bracket is exact in SQL too (the bounds keep other types out).
        else if (!b.range(col, op, value)) b.exact = false
      }
    } else if (isScalarKeyable(cond)) {
      b.eq(col, encodeScalar(cond) as SqlKey)
    } else {
      b.exact = false
    }
  }
  return { where: b.clauses.join(' AND '), params: b.params, exact: b.exact }
}

/** SQL ORDER BY for a sort, and whether the SQL order is exactly the Mongo order (so rows can stream). */
export function orderPlan(coll: CollectionStore, order: OrderSpec): { sql: string; streamable: boolean } {
  if (order.length === 0) return { sql: 'rid', streamable: true }
  const dir = order[0]?.[1] ?? 1
  const cols = order.map(([path]) => columnFor(coll, path))
  if (order.every(([, d]) => d === dir) && cols.every((c) => c && !c.hasMarker)) {
    const d = dir === -1 ? ' DESC' : ''
    return { sql: [...cols.map((c) => `${(c as Column).sql}${d}`), `rid${d}`].join(', '), streamable: true }
  }
  return { sql: 'rid', streamable: false }
}

/** Compiles a query into a predicate; unknown or disabled operators become DATABASE_INVALID_OPERRATOR. */
export function compileMatcher(query: Doc): (doc: Doc) => boolean {
  if (Object.keys(query).length === 0) return () => true
  let q: Query
  try {
    q = new Query(query, QUERY_OPTIONS)
  } catch (e) {
    throw invalidOperator(e)
  }
  return (doc) => {
    try {
      return q.test(doc)
    } catch (e) {
      throw invalidOperator(e)
    }
  }
}

export const invalidOperator = (e: unknown): DatabaseError =>
  new DatabaseError('DATABASE_INVALID_OPERRATOR', `operator not supported: ${(e as Error).message}`)

/** Sorts in place by the order spec; ties go by natural (insertion) order. */
export function sortCandidates<T extends { rid: number; doc: Doc }>(items: T[], order: OrderSpec): T[] {
  if (order.length === 0) return items.sort((a, b) => a.rid - b.rid)
  const paths = order.map(([p, d]) => [p.split('.'), d] as const)
  const tie = order.every(([, d]) => d === -1) ? -1 : 1
  const keyed = items.map((item) => ({ item, keys: paths.map(([parts, d]) => sortValue(item.doc, parts, d)) }))
  keyed.sort((a, b) => {
    for (let i = 0; i < paths.length; i++) {
      const c = compareValues(a.keys[i], b.keys[i])
      if (c !== 0) return c * ((paths[i] as readonly [string[], 1 | -1])[1])
    }
    return (a.item.rid - b.item.rid) * tie
  })
  return keyed.map((k) => k.item)
}

/**
 * Applies a find projection ({a: 1} / {a: 0} / projection operators) to documents, in order, with
 * one mingo query for all of them.
 */
export function project(docs: Doc[], projection: Doc): Doc[] {
  try {
    return new Query({}, QUERY_OPTIONS).find<Doc>(docs, projection).all() as Doc[]
  } catch (e) {
    throw invalidOperator(e)
  }
}

/** Parses an `order` parameter ({"a.b": -1, "c": 1}) into an ordered spec. */
export function parseOrder(order: unknown): OrderSpec {
  if (order === undefined || order === null) return []
  if (!isPlainObject(order)) throw new DatabaseError('INVALID_PARAM', 'order must be an object')
  return Object.entries(order).map(([path, d]) => [path, d === -1 || d === 'desc' ? -1 : 1])
}
