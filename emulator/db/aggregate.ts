import { Aggregator } from 'mingo'
import { DatabaseError } from './errors'
import { isDate, isPlainObject, type Doc } from './ejson'
import { compileMatcher, invalidOperator, MINGO_OPTIONS } from './query'

/**
 * Runs an aggregation pipeline over the documents its first `$match` selected.
 *
 * mingo evaluates every stage generally, at about 10 µs per document per stage: `$unwind` and
 * `$group` over 30,000 rows take a second and more, where the cloud's database takes milliseconds.
 * The stages reports are built from (`$match`, `$unwind` of a field, `$group` by a field path with
 * `$sum`) are evaluated here directly; from the first stage that is not of that plain form, or a
 * value the plain form does not decide (a key that is a date, object or array, a path crossing an
 * array), the rest of the pipeline goes to mingo. The results, their order included, are mingo's:
 * tests/emulator/db-aggregate.test.ts runs pipelines both ways and compares.
 */
export function runPipeline(pipeline: Doc[], source: Doc[], collectionResolver: (name: string) => Doc[], options: { mingoOnly?: boolean } = {}): Doc[] {
  let docs = source
  for (let i = 0; i < pipeline.length; i++) {
    const stage = pipeline[i] as Doc
    const direct = options.mingoOnly ? undefined : directStage(stage)
    const out = direct ? direct(docs) : UNDECIDED
    if (out === UNDECIDED) return runMingo(pipeline.slice(i), docs, collectionResolver)
    docs = out
  }
  return docs
}

const UNDECIDED = Symbol('undecided')
type Stage = (docs: Doc[]) => Doc[] | typeof UNDECIDED

function runMingo(pipeline: Doc[], docs: Doc[], collectionResolver: (name: string) => Doc[]): Doc[] {
  try {
    return new Aggregator(pipeline, { ...MINGO_OPTIONS, collectionResolver }).run<Doc>(docs)
  } catch (e) {
    if (e instanceof DatabaseError) throw e
    throw invalidOperator(e)
  }
}

/** The direct evaluation of a stage of the plain form, or undefined for mingo. */
function directStage(stage: Doc): Stage | undefined {
  const keys = Object.keys(stage)
  if (keys.length !== 1) return undefined
  const [name] = keys as [string]
  const spec = stage[name]
  if (name === '$match' && isPlainObject(spec)) {
    const match = compileMatcher(spec)
    return (docs) => docs.filter(match)
  }
  if (name === '$unwind') return unwindStage(spec)
  if (name === '$group' && isPlainObject(spec)) return groupStage(spec)
  return undefined
}

/** A top-level field path (`$counts`), as `$unwind` takes it. */
function topLevelField(spec: unknown): string | undefined {
  const path = isPlainObject(spec) && Object.keys(spec).length === 1 ? spec.path : spec
  if (typeof path !== 'string' || !/^\$[^$.]+$/.test(path)) return undefined
  return path.slice(1)
}

/** `$unwind`: one document per array element; a missing, null or empty array drops the document, a non-array value keeps it. */
function unwindStage(spec: unknown): Stage | undefined {
  const field = topLevelField(spec)
  if (field === undefined) return undefined
  return (docs) => {
    const out: Doc[] = []
    for (const doc of docs) {
      const value = doc[field]
      if (Array.isArray(value)) {
        for (const element of value) out.push({ ...doc, [field]: element })
      } else if (value !== undefined && value !== null) {
        out.push(doc)
      }
    }
    return out
  }
}

/** A field path expression (`$a.b`) compiled to its segments, or undefined when it is something else. */
function fieldPath(expression: unknown): string[] | undefined {
  if (typeof expression !== 'string' || !/^\$[^$]/.test(expression)) return undefined
  const parts = expression.slice(1).split('.')
  return parts.every((part) => part.length > 0 && !part.startsWith('$')) ? parts : undefined
}

/** The value at a path through plain objects; UNDECIDED when the path crosses an array (mingo maps over it). */
function valueAt(doc: Doc, parts: string[]): unknown {
  let value: unknown = doc
  for (const part of parts) {
    if (Array.isArray(value)) return UNDECIDED
    if (!isPlainObject(value)) return undefined
    value = value[part]
  }
  return value
}

/** A group key as a Map key: missing and null are one group; numbers, strings and booleans by value. */
function groupKey(value: unknown): string | typeof UNDECIDED {
  if (value === undefined || value === null) return 'z'
  if (typeof value === 'string') return `s${value}`
  if (typeof value === 'number') return Number.isNaN(value) ? UNDECIDED : `n${value}`
  if (typeof value === 'boolean') return `b${String(value)}`
  return UNDECIDED
}

type Addend = { constant: number } | { path: string[] }

/** `$group` with `_id` null, a scalar constant or a field path, and only `$sum` accumulators. */
function groupStage(spec: Doc): Stage | undefined {
  const id = spec._id
  const idPath = fieldPath(id)
  const constantId = id === null || typeof id === 'number' || typeof id === 'boolean' || (typeof id === 'string' && !id.startsWith('$'))
  if (!idPath && !constantId) return undefined
  const sums: Array<[string, Addend]> = []
  for (const [field, accumulator] of Object.entries(spec)) {
    if (field === '_id') continue
    if (!isPlainObject(accumulator) || Object.keys(accumulator).length !== 1 || !('$sum' in accumulator)) return undefined
    const operand = accumulator.$sum
    const path = fieldPath(operand)
    if (path) sums.push([field, { path }])
    else if (typeof operand === 'number' && Number.isFinite(operand)) sums.push([field, { constant: operand }])
    else return undefined
  }
  return (docs) => {
    const groups = new Map<string, Doc>()
    for (const doc of docs) {
      const idValue = idPath ? valueAt(doc, idPath) : id
      if (idValue === UNDECIDED) return UNDECIDED
      const key = groupKey(idValue)
      if (key === UNDECIDED) return UNDECIDED
      let group = groups.get(key)
      if (!group) {
        group = { _id: idValue ?? null }
        for (const [field] of sums) group[field] = 0
        groups.set(key, group)
      }
      for (const [field, addend] of sums) {
        if ('constant' in addend) {
          group[field] = (group[field] as number) + addend.constant
          continue
        }
        const value = valueAt(doc, addend.path)
        if (value === UNDECIDED) return UNDECIDED
        // $sum skips what is not a number; NaN and BSON number types (Long, Decimal128) are left to mingo.
        if (typeof value === 'number') {
          if (Number.isNaN(value)) return UNDECIDED
          group[field] = (group[field] as number) + value
        } else if (typeof value === 'object' && value !== null && !Array.isArray(value) && !isDate(value) && !isPlainObject(value)) return UNDECIDED
      }
    }
    return [...groups.values()]
  }
}
