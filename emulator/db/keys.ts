import { compare as mingoCompare } from 'mingo/util'
import { isDate, isPlainObject, isRegExp } from './ejson'

/**
 * Index keys. Each indexed field path of a collection has a key column that the engine fills from
 * the document on every write. The encoding keeps SQLite's own ordering (NULL < numbers < text <
 * blob, text by UTF-8 bytes, blobs by bytes) identical to the Mongo sort order for the scalars it
 * covers, so an index scan returns documents in the order the cloud would sort them:
 *   missing / null → NULL, number → REAL, string → TEXT,
 *   boolean → blob 02 00|01, Date → blob 03 + 8-byte big-endian (ms + 2^63).
 * Anything else at the path (array, object, regexp, a path that crosses an array…) gets MARKER:
 * such a document is always a candidate, and the exact match is left to mingo.
 */
export type SqlKey = null | number | string | Buffer

export const MARKER: Buffer = Buffer.from([0x01])
export const MARKER_SQL = "X'01'"

const DATE_TAG = 0x03
const BOOL_TAG = 0x02

export function encodeDate(d: Date): Buffer | undefined {
  const ms = d.getTime()
  if (Number.isNaN(ms)) return undefined
  const b = Buffer.alloc(9)
  b[0] = DATE_TAG
  b.writeBigUInt64BE(BigInt(ms) + (1n << 63n), 1)
  return b
}

/** The key for a scalar query or document value; undefined when the value is not a keyable scalar. */
export function encodeScalar(v: unknown): SqlKey | undefined {
  if (v === null || v === undefined) return null
  switch (typeof v) {
    case 'string':
      return v
    case 'number':
      return Number.isNaN(v) ? undefined : v
    case 'boolean':
      return Buffer.from([BOOL_TAG, v ? 1 : 0])
    default:
      return isDate(v) ? encodeDate(v) : undefined
  }
}

/** The key column value of `doc` for a dotted path. */
export function extractKey(doc: Record<string, unknown>, path: readonly string[]): SqlKey {
  let cur: unknown = doc
  for (const part of path) {
    if (Array.isArray(cur)) return MARKER
    if (!isPlainObject(cur)) return null
    cur = cur[part]
    if (cur === undefined) return null
  }
  if (Array.isArray(cur) || isPlainObject(cur)) return MARKER
  // null is a key (NULL) like any scalar; only a value with no key encoding is marked.
  const key = encodeScalar(cur)
  return key === undefined ? MARKER : key
}

/** Describes a key for error messages (duplicate keys). */
export function describeKey(k: SqlKey): string {
  if (Buffer.isBuffer(k)) {
    if (k[0] === DATE_TAG) return new Date(Number(k.readBigUInt64BE(1) - (1n << 63n))).toISOString()
    if (k[0] === BOOL_TAG) return String(k[1] === 1)
    return '<composite>'
  }
  return JSON.stringify(k)
}

// ---- Sorting (the JS side must agree with the key-column order above) ----

const rank = (v: unknown): number => {
  if (v === null || v === undefined) return 1
  switch (typeof v) {
    case 'number':
      return 2
    case 'string':
      return 3
    case 'boolean':
      return 8
    default:
      if (isDate(v)) return 9
      if (isRegExp(v)) return 11
      if (Array.isArray(v)) return 5
      if (isPlainObject(v)) return 4
      return 12
  }
}

/** Compares strings by code point, which is the UTF-8 byte order SQLite (and Mongo) use. */
export function compareStrings(a: string, b: string): number {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i)
    const y = b.charCodeAt(i)
    if (x === y) continue
    const sx = x >= 0xd800 && x <= 0xdfff
    const sy = y >= 0xd800 && y <= 0xdfff
    if (sx === sy) return x - y
    return sx ? 1 : -1
  }
  return a.length - b.length
}

/** Mongo order between two values (arrays already reduced to one element by sortValue). */
export function compareValues(a: unknown, b: unknown): number {
  const ra = rank(a)
  const rb = rank(b)
  if (ra !== rb) return ra - rb
  switch (ra) {
    case 1:
      return 0
    case 2:
      return (a as number) - (b as number)
    case 3:
      return compareStrings(a as string, b as string)
    case 8:
      return Number(a) - Number(b)
    case 9:
      return (a as Date).getTime() - (b as Date).getTime()
    default:
      return mingoCompare(a, b)
  }
}

/** Every value a dotted path reaches, descending into arrays the way Mongo does for sorting. */
function reach(value: unknown, path: readonly string[], i: number, out: unknown[]): void {
  if (i === path.length) {
    if (Array.isArray(value)) out.push(...value)
    else out.push(value)
    return
  }
  if (Array.isArray(value)) {
    for (const el of value) if (isPlainObject(el)) reach(el, path, i, out)
    return
  }
  if (!isPlainObject(value)) return
  const part = path[i] as string
  if (!(part in value)) return
  reach(value[part], path, i + 1, out)
}

/** The value a document sorts by on a path: for arrays the smallest element ascending, largest descending. */
export function sortValue(doc: Record<string, unknown>, path: readonly string[], direction: 1 | -1): unknown {
  const found: unknown[] = []
  reach(doc, path, 0, found)
  if (found.length === 0) return null
  let best = found[0]
  for (let i = 1; i < found.length; i++) {
    const c = compareValues(found[i], best)
    if ((direction === 1 && c < 0) || (direction === -1 && c > 0)) best = found[i]
  }
  return best
}
