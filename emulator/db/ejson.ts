import { BSONRegExp, EJSON } from 'bson'

/** A document as the engine sees it: plain JS values, Dates, RegExps (and rare BSON types kept as is). */
export type Doc = Record<string, unknown>

const SERVER_DATE = '$tcb_server_date'

// Type checks work across realms: under jest the server runs in a vm context whose Object and
// Date differ from those of values made by Node's own globals.
const tag = (v: unknown): string => Object.prototype.toString.call(v)

export const isPlainObject = (v: unknown): v is Record<string, unknown> => {
  if (typeof v !== 'object' || v === null || tag(v) !== '[object Object]') return false
  const proto: unknown = Object.getPrototypeOf(v)
  return proto === null || Object.getPrototypeOf(proto) === null
}

export const isDate = (v: unknown): v is Date => tag(v) === '[object Date]'
export const isRegExp = (v: unknown): v is RegExp => tag(v) === '[object RegExp]'

/** Deep copy of a document (plain objects, arrays, Dates; other values are immutable here). */
export function cloneValue<T>(v: T): T {
  if (Array.isArray(v)) return v.map(cloneValue) as T
  if (isDate(v)) return new Date(v.getTime()) as T
  if (isPlainObject(v)) {
    const out: Record<string, unknown> = {}
    for (const k of Object.keys(v)) out[k] = cloneValue(v[k])
    return out as T
  }
  return v
}

/** Parses EJSON (canonical from the SDK, relaxed from our own storage) into plain JS values. */
export function parseEJSON(text: string): unknown {
  const value: unknown = EJSON.parse(text, { relaxed: true })
  // BSONRegExp is what bson gives for $regularExpression; mingo needs a native RegExp.
  return text.includes('"$regularExpression"') || text.includes('"$regex"') ? nativeRegExps(value) : value
}

function nativeRegExps(value: unknown): unknown {
  if (value instanceof BSONRegExp) {
    // JS has no `x` (extended) flag; the other Mongo flags i, m, s, u exist in JS.
    return new RegExp(value.pattern, [...value.options].filter((f) => 'imsu'.includes(f)).join(''))
  }
  if (Array.isArray(value)) return value.map(nativeRegExps)
  if (isPlainObject(value)) {
    for (const k of Object.keys(value)) value[k] = nativeRegExps(value[k])
  }
  return value
}

/** Stored form: relaxed EJSON keeps strings and numbers as plain JSON and dates as {"$date": ISO}. */
export const toEJSON = (value: unknown): string => EJSON.stringify(value, { relaxed: true })

/**
 * Replaces `{$tcb_server_date: {offset}}` (what `db.serverDate()` sends) with the server time plus
 * offset, in inserts, updates and query values alike. `now` is taken once per request.
 */
export function resolveServerDates<T>(value: T, now: number): T {
  return replaceServerDates(value, now) as T
}

function replaceServerDates(value: unknown, now: number): unknown {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = replaceServerDates(value[i], now)
    return value
  }
  if (!isPlainObject(value)) return value
  const marker = value[SERVER_DATE]
  if (marker !== undefined && Object.keys(value).length === 1) {
    const offset = isPlainObject(marker) && typeof marker.offset === 'number' ? marker.offset : 0
    return new Date(now + offset)
  }
  for (const k of Object.keys(value)) value[k] = replaceServerDates(value[k], now)
  return value
}

/** Parses an EJSON parameter the SDK sent and resolves server dates in it. */
export function parseParam(text: string, now: number): unknown {
  const value = parseEJSON(text)
  return text.includes(SERVER_DATE) ? resolveServerDates(value, now) : value
}

/** Plain JSON view for test assertions: dates become ISO strings. */
export const toPlainJSON = (doc: unknown): unknown => JSON.parse(JSON.stringify(doc)) as unknown

const NON_DATE_EJSON = /"\$(?!date")/

// Stored documents rarely hold EJSON other than {"$date": ISO}; for those one JSON.parse and a
// walk replace bson's EJSON.parse, which is several times slower (every candidate is parsed).

/** A stored document as the engine uses it (dates as Date). */
export function parseStored(text: string): Doc {
  if (NON_DATE_EJSON.test(text)) return parseEJSON(text) as Doc
  const value = JSON.parse(text) as Doc
  return text.includes('"$date"') ? (mapDates(value, (iso) => new Date(iso)) as Doc) : value
}

/** A stored document as plain JSON (dates as ISO strings), for test assertions. */
export function plainFromStored(text: string): unknown {
  if (NON_DATE_EJSON.test(text)) return toPlainJSON(parseEJSON(text))
  const value = JSON.parse(text) as unknown
  // bson writes "…:00Z" when the milliseconds are zero and a full ISO string otherwise.
  return text.includes('"$date"') ? mapDates(value, (iso) => (iso.length === 24 ? iso : new Date(iso).toISOString())) : value
}

/** Replaces every {"$date": ISO} (the only EJSON left in the value) in place. */
function mapDates(value: unknown, convert: (iso: string) => unknown): unknown {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = mapDates(value[i], convert)
    return value
  }
  if (typeof value !== 'object' || value === null) return value
  const record = value as Record<string, unknown>
  const date = record.$date
  if (typeof date === 'string') return convert(date)
  for (const k of Object.keys(record)) record[k] = mapDates(record[k], convert)
  return record
}
