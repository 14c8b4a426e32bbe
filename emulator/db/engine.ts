import { Aggregator } from 'mingo'
import { update as mingoUpdate } from 'mingo/updater'
import { runPipeline } from './aggregate'
import { collectionNotFound, DatabaseError, invalidParam } from './errors'
import { cloneValue, isPlainObject, isRegExp, parseParam, parseStored, plainFromStored, toEJSON, type Doc } from './ejson'
import type { GeoScan } from './geo-index'
import { nearestFirst, nearNotAllowed, planGeo, readGeoNearStage, ridsWithin, setPath, withinAll, type GeoPlan } from './geo-query'
import { newDocumentId, newRequestId, newTransactionId } from './ids'
import {
  compileMatcher,
  invalidOperator,
  MINGO_OPTIONS,
  orderPlan,
  parseOrder,
  project,
  pushdown,
  sortCandidates,
  type OrderSpec,
} from './query'
import { idKey, type CollectionStore, type Row, type Store } from './store'

/** Every collection's stored documents (EJSON text) in insertion order; made by `snapshot`, read by `restore`. */
export type DatabaseSnapshot = ReadonlyMap<string, readonly string[]>

/** What an action answers: the SDK reads `data` (or `transactionId`) on success, `code` on failure. */
export type ActionResult = Record<string, unknown>
type Params = Record<string, unknown>

const DEFAULT_LIMIT = 100
const MAX_LIMIT = 1000
/** Community reports and our reading of the cloud: an aggregate without $limit returns 20 records. */
const AGGREGATE_DEFAULT_LIMIT = 20

interface Candidate {
  rid: number
  v: number
  doc: Doc
  /** Stored EJSON text when the document came straight from SQLite (sent back unchanged). */
  text?: string
  /** Key of a document that lives only in a transaction's write set. */
  overlay?: boolean
}

type DocId = string | number
interface ReadMark {
  collection: string
  id: DocId
  /** Version the transaction saw; null when it saw no document with that id. */
  seen: { rid: number; v: number } | null
}
interface WriteMark {
  collection: string
  id: DocId
  /** New content, or null for a removal. */
  doc: Doc | null
  rid: number
}

/** An open transaction: what it read (with versions) and what it will write at commit. */
class Transaction {
  readonly reads = new Map<string, ReadMark>()
  readonly writes = new Map<string, WriteMark>()
  private inserted = 0
  constructor(
    readonly id: string,
    readonly startedAt: number,
  ) {}

  nextOverlayRid(): number {
    // Documents added inside the transaction sort after every committed one (natural order).
    return 2 ** 52 + this.inserted++
  }
}

const docKey = (collection: string, id: DocId): string => `${collection}\u0000${typeof id}\u0000${String(id)}`

const conflict = (collection: string, id: DocId): DatabaseError =>
  new DatabaseError(
    'DATABASE_TRANSACTION_CONFLICT',
    `[ResourceUnavailable.TransactionConflict] Transaction conflicts with a concurrent write to ${collection}/${String(id)}; it was aborted and may be run again.`,
  )

const writeConflict = (collection: string, id: DocId): DatabaseError =>
  new DatabaseError(
    'DATABASE_TRANSACTION_CONFLICT',
    `[ResourceUnavailable.TransactionConflict] Another transaction has written ${collection}/${String(id)} and not finished; this transaction was aborted and may be run again.`,
  )

const transactionGone = (): DatabaseError =>
  new DatabaseError(
    'DATABASE_TRANSACTION_FAIL',
    '[ResourceUnavailable.TransactionNotExist] Transaction does not exist on the server: it was committed, aborted or it expired.',
  )

function str(p: Params, key: string): string {
  const v = p[key]
  if (typeof v !== 'string' || v.length === 0) throw invalidParam(`${key} must be a non-empty string`)
  return v
}

function objectParam(p: Params, key: string, now: number): Doc | undefined {
  const raw = p[key]
  if (raw === undefined || raw === null || raw === '') return undefined
  const v = typeof raw === 'string' ? parseParam(raw, now) : raw
  if (!isPlainObject(v)) throw invalidParam(`${key} must be an object`)
  return v
}

function pageLimit(v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) return DEFAULT_LIMIT
  return Math.min(Math.floor(v), MAX_LIMIT)
}

function pageOffset(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.floor(v) : 0
}

/** A candidate whose document is parsed only if someone looks at it. */
function fromRow(row: Row): Candidate {
  let doc: Doc | undefined
  return {
    rid: row.rid,
    v: row.v,
    text: row.doc,
    get doc(): Doc {
      return (doc ??= parseStored(row.doc))
    },
  }
}

/** `{_id: X}` with a scalar X: the query a doc reference sends. */
function singleIdQuery(query: Doc): DocId | undefined {
  const keys = Object.keys(query)
  if (keys.length !== 1 || keys[0] !== '_id') return undefined
  const id = query._id
  return typeof id === 'string' || typeof id === 'number' ? id : undefined
}

const UPDATE_OPERATORS = new Set([
  '$set', '$unset', '$inc', '$mul', '$min', '$max', '$rename', '$currentDate', '$bit',
  '$push', '$pull', '$pullAll', '$pop', '$addToSet',
])

/** Applies an update document: operators via mingo; plain fields replace (set) or merge. */
export function applyUpdate(doc: Doc, data: Doc, merge: boolean): Doc {
  const keys = Object.keys(data)
  const operators = keys.filter((k) => k.startsWith('$'))
  if (operators.length === 0) {
    if (merge) return applyUpdate(doc, { $set: data }, true)
    if ('_id' in data && data._id !== doc._id) throw invalidParam('不能更新_id的值')
    const { _id: _ignored, ...rest } = data
    return doc._id === undefined ? { ...rest } : { _id: doc._id, ...rest }
  }
  if (operators.length !== keys.length) throw invalidParam('update operators and plain fields cannot be mixed')
  for (const op of operators) {
    if (!UPDATE_OPERATORS.has(op)) throw new DatabaseError('DATABASE_INVALID_OPERRATOR', `unknown update operator ${op}`)
    const fields = data[op]
    if (!isPlainObject(fields)) throw invalidParam(`${op} needs an object`)
    for (const path of Object.keys(fields)) {
      if (path === '_id' || path.startsWith('_id.')) throw invalidParam('不能更新_id的值')
    }
  }
  const next = cloneValue(doc)
  try {
    // mingo's own updater brings the operators an update needs; the top-level `update` of 'mingo'
    // copied every operator table into each call as well (about 100 µs an update instead of 40).
    mingoUpdate(next, data, [], undefined, { cloneMode: 'deep', queryOptions: MINGO_OPTIONS })
  } catch (e) {
    throw new DatabaseError('DATABASE_REQUEST_FAILED', `update failed: ${(e as Error).message}`)
  }
  return next
}

/** The document an upsert starts from: the query's top-level equality fields (dotted paths expanded). */
function upsertBase(query: Doc): Doc {
  const base: Doc = {}
  for (const [path, cond] of Object.entries(query)) {
    if (path.startsWith('$')) continue
    let value: unknown
    if (isPlainObject(cond)) {
      if (!('$eq' in cond) || Object.keys(cond).length !== 1) continue
      value = cond.$eq
    } else if (isRegExp(cond)) continue
    else value = cond
    const parts = path.split('.')
    let cur: Doc = base
    for (const part of parts.slice(0, -1)) {
      const next = cur[part]
      if (!isPlainObject(next)) cur[part] = {}
      cur = cur[part] as Doc
    }
    cur[parts[parts.length - 1] as string] = value
  }
  return base
}

/** The database actions the SDK sends, evaluated against the SQLite store. */
export class Engine {
  private transactions = new Map<string, Transaction>()
  /** Which open transaction has written each document (by docKey): the first writer holds it. */
  private writers = new Map<string, Transaction>()

  constructor(
    private readonly store: Store,
    private readonly transactionTimeoutMs: number,
  ) {}

  /** Runs one action and returns the response body (success or `{code, message}`). */
  dispatch(body: unknown): ActionResult {
    const requestId = newRequestId()
    try {
      if (!isPlainObject(body)) throw invalidParam('request body must be a JSON object')
      const action = body.action
      if (typeof action !== 'string') throw invalidParam('action is missing')
      const now = Date.now()
      this.expireTransactions(now)
      return { requestId, ...this.run(action, body, now) }
    } catch (e) {
      if (e instanceof DatabaseError) return { requestId, code: e.code, message: e.message }
      return { requestId, code: 'DATABASE_REQUEST_FAILED', message: `local database error: ${(e as Error).message}` }
    }
  }

  private run(action: string, p: Params, now: number): ActionResult {
    switch (action) {
      case 'database.getDocument':
        return this.getDocument(p, now)
      case 'database.calculateDocument':
        return this.calculateDocument(p, now)
      case 'database.insertDocument':
        return this.insertDocument(p, now)
      case 'database.modifyDocument':
        return this.modifyDocument(p, now, false)
      case 'database.modifyAndReturnDoc':
        return this.modifyDocument({ ...p, multi: false }, now, true)
      case 'database.removeDocument':
        return this.removeDocument(p, now)
      case 'database.aggregateDocuments':
        return this.aggregateDocuments(p, now)
      case 'database.addCollection':
        return this.addCollection(p)
      case 'database.startTransaction':
        return this.startTransaction(now)
      case 'database.commitTransaction':
        return this.commitTransaction(p)
      case 'database.abortTransaction':
        return this.abortTransaction(p)
      default:
        throw invalidParam(`action ${action} is not supported by the local database`)
    }
  }

  // ---- reads ----

  private getDocument(p: Params, now: number): ActionResult {
    const coll = this.store.get(str(p, 'collectionName'))
    const query = objectParam(p, 'query', now) ?? {}
    const order = parseOrder(objectParam(p, 'order', now))
    const projection = objectParam(p, 'projection', now)
    const offset = pageOffset(p.offset)
    const limit = pageLimit(p.limit)
    const txn = this.optionalTransaction(p)
    const found = txn
      ? this.selectInTransaction(txn, coll, query, order, offset, limit)
      : this.select(coll, query, order, offset, limit, { allowNear: true })
    const list =
      projection && Object.keys(projection).length > 0
        ? project(
            found.map((c) => c.doc),
            projection,
          ).map(toEJSON)
        : found.map((c) => c.text ?? toEJSON(c.doc))
    return { data: { list } }
  }

  private calculateDocument(p: Params, now: number): ActionResult {
    const coll = this.store.get(str(p, 'collectionName'))
    const query = objectParam(p, 'query', now) ?? {}
    const geo = this.geoPlan(coll, query, false)
    if (geo) return { data: { total: this.selectGeo(coll, geo, [], 0, Infinity).length } }
    const pd = pushdown(coll, query)
    if (pd.exact) return { data: { total: coll.count(pd.where, pd.params) } }
    const match = compileMatcher(query)
    let total = 0
    for (const row of coll.iterate(pd.where, pd.params, 'rid')) if (match(parseStored(row.doc))) total++
    return { data: { total } }
  }

  /**
   * Committed documents matching a query, sorted and paged. When the SQL order is the Mongo order
   * the rows stream and reading stops at the page end; otherwise all candidates are sorted here.
   */
  private select(coll: CollectionStore, query: Doc, order: OrderSpec, offset: number, limit: number, { allowNear = false } = {}): Candidate[] {
    const geo = this.geoPlan(coll, query, allowNear)
    if (geo) return this.selectGeo(coll, geo, order, offset, limit)
    const pd = pushdown(coll, query)
    const plan = orderPlan(coll, order)
    const out: Candidate[] = []
    if (plan.streamable && pd.exact) {
      // SQL decides the match and the order: page in SQL, parse nothing.
      const page = { limit: Number.isFinite(limit) ? limit : -1, offset }
      for (const row of coll.iterate(pd.where, pd.params, plan.sql, page)) out.push(fromRow(row))
      return out
    }
    const match = compileMatcher(query)
    if (plan.streamable) {
      let skipped = 0
      for (const row of coll.iterate(pd.where, pd.params, plan.sql)) {
        const doc = parseStored(row.doc)
        if (!match(doc)) continue
        if (skipped < offset) {
          skipped++
          continue
        }
        out.push({ rid: row.rid, v: row.v, text: row.doc, doc })
        if (out.length >= limit) break
      }
      return out
    }
    for (const row of coll.iterate(pd.where, pd.params, 'rid')) {
      const doc = parseStored(row.doc)
      if (match(doc)) out.push({ rid: row.rid, v: row.v, text: row.doc, doc })
    }
    return sortCandidates(out, order).slice(offset, offset + limit)
  }

  /** The geo terms of a query checked against the collection's geo indexes; null when there are none. */
  private geoPlan(coll: CollectionStore, query: Doc, allowNear: boolean): GeoPlan | null {
    const plan = planGeo(coll.name, (path) => coll.geo.has(path), query)
    if (plan?.near && !allowNear) throw nearNotAllowed()
    return plan
  }

  /**
   * A query with geo terms, answered from the 2dsphere index: `$nearSphere` reads documents
   * nearest first and stops at the page end (unless an explicit order needs them all);
   * `$geoWithin` reads the documents inside the region. The rest of the query is checked on each.
   */
  private selectGeo(coll: CollectionStore, plan: GeoPlan, order: OrderSpec, offset: number, limit: number): Candidate[] {
    const accept = this.geoCandidate(coll, plan)
    if (plan.near) {
      const nearest = nearestFirst(coll.geo.get(plan.near.path)!, plan.near, accept)
      if (order.length > 0) return sortCandidates([...nearest], order).slice(offset, offset + limit)
      const out: Candidate[] = []
      for (const c of nearest) {
        out.push(c)
        if (out.length >= offset + limit) break
      }
      return out.slice(offset)
    }
    const [first] = plan.within
    const found: Candidate[] = []
    for (const rid of ridsWithin(coll.geo.get(first!.path)!, first!.region)) {
      const c = accept(rid)
      if (c) found.push(c)
    }
    return sortCandidates(found, order).slice(offset, offset + limit)
  }

  /** Reads an index entry's document (counted) and answers it when the rest of the query matches it. */
  private geoCandidate(coll: CollectionStore, plan: Pick<GeoPlan, 'rest' | 'within'>): (rid: number) => Candidate | undefined {
    const pd = pushdown(coll, plan.rest)
    const match = compileMatcher(plan.rest)
    return (rid) => {
      coll.geoScan.documents++
      const row = coll.getByRidWhere(rid, pd.where, pd.params)
      if (!row) return undefined
      const doc = parseStored(row.doc)
      return withinAll(doc, plan.within, coll.name) && match(doc) ? { rid: row.rid, v: row.v, text: row.doc, doc } : undefined
    }
  }

  /** The transaction's view: committed documents overlaid with its own writes; reads are recorded. */
  private selectInTransaction(
    txn: Transaction,
    coll: CollectionStore,
    query: Doc,
    order: OrderSpec,
    offset: number,
    limit: number,
  ): Candidate[] {
    if (planGeo(coll.name, (path) => coll.geo.has(path), query)) {
      throw new DatabaseError('DATABASE_INVALID_OPERRATOR', 'operator not supported by the local database: geo queries inside a transaction')
    }
    const pd = pushdown(coll, query)
    const match = compileMatcher(query)
    const byKey = new Map<string, Candidate>()
    for (const row of coll.iterate(pd.where, pd.params, 'rid')) {
      const doc = parseStored(row.doc)
      byKey.set(docKey(coll.name, idKey(doc._id)), { rid: row.rid, v: row.v, text: row.doc, doc })
    }
    for (const [key, w] of txn.writes) {
      if (w.collection !== coll.name) continue
      byKey.delete(key)
      if (w.doc) byKey.set(key, { rid: w.rid, v: 0, doc: w.doc, overlay: true })
    }
    const matched = [...byKey.values()].filter((c) => match(c.doc))
    const page = sortCandidates(matched, order).slice(offset, offset + limit)
    for (const c of page) {
      if (!c.overlay) this.recordRead(txn, coll.name, idKey(c.doc._id), { rid: c.rid, v: c.v })
    }
    const id = singleIdQuery(query)
    if (id !== undefined && page.length === 0) this.recordRead(txn, coll.name, id, null)
    return page
  }

  private recordRead(txn: Transaction, collection: string, id: DocId, seen: ReadMark['seen']): void {
    const key = docKey(collection, id)
    if (!txn.reads.has(key) && !txn.writes.has(key)) txn.reads.set(key, { collection, id, seen })
  }

  // ---- writes ----

  private insertDocument(p: Params, now: number): ActionResult {
    const coll = this.store.get(str(p, 'collectionName'))
    const data = p.data
    if (!Array.isArray(data) || data.length === 0) throw invalidParam('data must be a non-empty array')
    const docs = data.map((item) => {
      const parsed = typeof item === 'string' ? parseParam(item, now) : item
      if (!isPlainObject(parsed)) throw invalidParam('each document must be an object')
      // Generated ids go first, as the cloud lists them.
      const doc: Doc = parsed._id === undefined ? { _id: newDocumentId(now), ...parsed } : parsed
      idKey(doc._id)
      return doc
    })
    const txn = this.optionalTransaction(p)
    if (txn) {
      for (const doc of docs) this.writeInTransaction(txn, coll, doc)
    } else {
      this.store.transaction(() => {
        for (const doc of docs) coll.insert(doc, toEJSON(doc))
      })
    }
    return { data: { insertedIds: docs.map((d) => d._id) } }
  }

  private writeInTransaction(txn: Transaction, coll: CollectionStore, doc: Doc): void {
    const id = idKey(doc._id)
    const key = docKey(coll.name, id)
    const pending = txn.writes.get(key)
    const exists = pending ? pending.doc !== null : coll.getById(id) !== undefined
    if (exists) throw new DatabaseError('DATABASE_REQUEST_FAILED', `E11000 duplicate key error collection: ${coll.name} index: _id_ dup key: { _id: ${JSON.stringify(id)} }`)
    if (!pending) this.recordRead(txn, coll.name, id, null)
    this.stage(txn, { collection: coll.name, id, doc, rid: pending?.rid ?? txn.nextOverlayRid() })
  }

  /**
   * Adds a write to the transaction's write set. First writer wins, as on the cloud (and MongoDB):
   * a document another open transaction has written cannot be written here; this transaction is
   * aborted at once and the error tells the caller to run it again.
   */
  private stage(txn: Transaction, write: WriteMark): void {
    const key = docKey(write.collection, write.id)
    const holder = this.writers.get(key)
    if (holder && holder !== txn) {
      this.finish(txn)
      throw writeConflict(write.collection, write.id)
    }
    // A value a geo index cannot take fails the write now, as on the cloud, not the commit later.
    if (write.doc) this.store.get(write.collection).geoEntries(write.doc)
    this.writers.set(key, txn)
    txn.writes.set(key, write)
  }

  private modifyDocument(p: Params, now: number, returnDoc: boolean): ActionResult {
    const coll = this.store.get(str(p, 'collectionName'))
    const query = objectParam(p, 'query', now) ?? {}
    const data = objectParam(p, 'data', now)
    if (!data) throw invalidParam('data must be a non-empty object')
    const multi = p.multi !== false
    const merge = p.merge !== false
    const upsert = p.upsert === true
    const txn = this.optionalTransaction(p)
    const limit = multi ? Infinity : 1
    let updated = 0
    let upsertId: DocId | undefined
    let last: Doc | undefined
    if (txn) {
      const targets = this.selectInTransaction(txn, coll, query, [], 0, limit)
      for (const t of targets) {
        const next = applyUpdate(t.doc, data, merge)
        last = next
        if (toEJSON(next) === toEJSON(t.doc)) continue
        this.stage(txn, { collection: coll.name, id: idKey(t.doc._id), doc: next, rid: t.rid })
        updated++
      }
      if (targets.length === 0 && upsert) {
        const doc = this.upsertDocument(query, data, merge, now)
        this.writeInTransaction(txn, coll, doc)
        upsertId = doc._id as DocId
        last = doc
      }
    } else {
      this.store.transaction(() => {
        const targets = this.select(coll, query, [], 0, limit)
        for (const t of targets) {
          const next = applyUpdate(t.doc, data, merge)
          last = next
          const text = toEJSON(next)
          if (text === (t.text ?? toEJSON(t.doc))) continue
          coll.update(t.rid, t.v + 1, next, text)
          updated++
        }
        if (targets.length === 0 && upsert) {
          const doc = this.upsertDocument(query, data, merge, now)
          coll.insert(doc, toEJSON(doc))
          upsertId = doc._id as DocId
          last = doc
        }
      })
    }
    if (returnDoc) return { data: { updated, doc: last ? toEJSON(last) : null } }
    return { data: upsertId === undefined ? { updated } : { updated, upsert_id: upsertId } }
  }

  private upsertDocument(query: Doc, data: Doc, merge: boolean, now: number): Doc {
    const base = upsertBase(query)
    const doc = applyUpdate(base, data, merge)
    if (base._id !== undefined) doc._id = base._id
    if (doc._id === undefined) doc._id = newDocumentId(now)
    idKey(doc._id)
    // Keep _id first, as the cloud shows it.
    const { _id, ...rest } = doc
    return { _id, ...rest }
  }

  private removeDocument(p: Params, now: number): ActionResult {
    const coll = this.store.get(str(p, 'collectionName'))
    const query = objectParam(p, 'query', now) ?? {}
    const limit = p.multi === false ? 1 : Infinity
    const txn = this.optionalTransaction(p)
    if (txn) {
      const targets = this.selectInTransaction(txn, coll, query, [], 0, limit)
      for (const t of targets) this.stage(txn, { collection: coll.name, id: idKey(t.doc._id), doc: null, rid: t.rid })
      return { data: { deleted: targets.length } }
    }
    const deleted = this.store.transaction(() => {
      const targets = this.select(coll, query, [], 0, limit)
      for (const t of targets) coll.delete(t.rid)
      return targets.length
    })
    return { data: { deleted } }
  }

  // ---- aggregation ----

  private aggregateDocuments(p: Params, now: number): ActionResult {
    const coll = this.store.get(str(p, 'collectionName'))
    const stages = p.stages
    if (!Array.isArray(stages)) throw invalidParam('stages must be an array')
    const pipeline = stages.map((s: unknown) => {
      if (!isPlainObject(s) || typeof s.stageKey !== 'string' || typeof s.stageValue !== 'string' || !s.stageKey.startsWith('$')) {
        throw invalidParam('each stage needs stageKey ($name) and stageValue (EJSON)')
      }
      return { [s.stageKey]: parseParam(s.stageValue, now) }
    })
    const geoStage = pipeline.findIndex((s) => '$geoNear' in s)
    if (geoStage > 0) throw new DatabaseError('DATABASE_REQUEST_FAILED', '$geoNear is only valid as the first stage in a pipeline.')
    const cap = pipeline.some((s) => '$limit' in s) ? Infinity : AGGREGATE_DEFAULT_LIMIT
    if (geoStage === 0) return { data: { list: this.streamGeoNear(coll, pipeline, cap).map(toEJSON) } }
    const first = pipeline[0]?.$match
    const pd = isPlainObject(first) ? pushdown(coll, first) : { where: '', params: [], exact: false }
    const source: Doc[] = []
    for (const row of coll.iterate(pd.where, pd.params, 'rid')) source.push(parseStored(row.doc))
    // SQL already decided an exact first $match: the candidates are the matches.
    const rest = pd.exact ? pipeline.slice(1) : pipeline
    const out = runPipeline(rest, source, (name) => this.readAll(name)).slice(0, cap)
    return { data: { list: out.map(toEJSON) } }
  }

  /** A pipeline from `$geoNear`, streamed by mingo: stages pull documents one at a time, so the source stops reading at a `$limit`. */
  private streamGeoNear(coll: CollectionStore, pipeline: Doc[], cap: number): Doc[] {
    const out: Doc[] = []
    try {
      const results = new Aggregator(pipeline.slice(1), {
        ...MINGO_OPTIONS,
        collectionResolver: (name: string) => this.readAll(name),
      }).stream(this.geoNearStage(coll, pipeline[0]?.$geoNear))
      for (let next = results.next(); !next.done && out.length < cap; next = results.next()) out.push(next.value as Doc)
    } catch (e) {
      if (e instanceof DatabaseError) throw e
      throw invalidOperator(e)
    }
    return out
  }

  /** The documents of a `$geoNear` stage, nearest first, with the distance (and location) set on each. */
  private *geoNearStage(coll: CollectionStore, spec: unknown): Generator<Doc> {
    const stage = readGeoNearStage(spec, [...coll.geo.keys()])
    const candidate = this.geoCandidate(coll, planGeo(coll.name, (path) => coll.geo.has(path), stage.query) ?? { rest: stage.query, within: [] })
    const accept = (rid: number, distance: number): Doc | undefined => {
      const doc = candidate(rid)?.doc
      if (!doc) return undefined
      if (stage.includeLocs) setPath(doc, stage.includeLocs, cloneValue(stage.term.path.split('.').reduce<unknown>((v, k) => (isPlainObject(v) ? v[k] : undefined), doc)))
      setPath(doc, stage.distanceField, distance * stage.distanceMultiplier)
      return doc
    }
    let produced = 0
    for (const doc of nearestFirst(coll.geo.get(stage.term.path)!, stage.term, accept)) {
      yield doc
      if (++produced >= stage.limit) return
    }
  }

  private readAll(name: string): Doc[] {
    const coll = this.store.get(name)
    return [...coll.iterate('', [], 'rid')].map((r) => parseStored(r.doc))
  }

  private addCollection(p: Params): ActionResult {
    const name = str(p, 'collectionName')
    if (!/^[A-Za-z][A-Za-z0-9_-]{0,63}$/.test(name)) throw invalidParam(`invalid collection name ${name}`)
    if (this.store.has(name)) {
      throw new DatabaseError('DATABASE_COLLECTION_ALREADY_EXIST', `[ResourceInUse.TableExist] Table exist: ${name}`)
    }
    this.store.create(name)
    return {}
  }

  // ---- transactions ----

  private startTransaction(now: number): ActionResult {
    const txn = new Transaction(newTransactionId(), now)
    this.transactions.set(txn.id, txn)
    return { transactionId: txn.id }
  }

  private optionalTransaction(p: Params): Transaction | undefined {
    const id = p.transactionId
    if (id === undefined || id === null || id === '') return undefined
    const txn = typeof id === 'string' ? this.transactions.get(id) : undefined
    if (!txn) throw transactionGone()
    return txn
  }

  /**
   * Optimistic commit: every document the transaction read or wrote must still have the version
   * it saw, else nothing is written and the commit fails with DATABASE_TRANSACTION_CONFLICT.
   */
  private commitTransaction(p: Params): ActionResult {
    const txn = this.optionalTransaction(p)
    if (!txn) throw invalidParam('transactionId is missing')
    this.finish(txn)
    this.store.transaction(() => {
      for (const r of txn.reads.values()) {
        if (!this.store.has(r.collection)) throw collectionNotFound(r.collection)
        const row = this.store.get(r.collection).getById(r.id)
        const same = r.seen === null ? row === undefined : row !== undefined && row.rid === r.seen.rid && row.v === r.seen.v
        if (!same) throw conflict(r.collection, r.id)
      }
      for (const w of txn.writes.values()) {
        const coll = this.store.get(w.collection)
        const row = coll.getById(w.id)
        if (w.doc === null) {
          if (row) coll.delete(row.rid)
        } else if (row) coll.update(row.rid, row.v + 1, w.doc, toEJSON(w.doc))
        else coll.insert(w.doc, toEJSON(w.doc))
      }
    })
    return {}
  }

  private abortTransaction(p: Params): ActionResult {
    const txn = this.optionalTransaction(p)
    if (!txn) throw invalidParam('transactionId is missing')
    this.finish(txn)
    return {}
  }

  /** The transaction is over (committed, aborted, expired): it is forgotten and its documents freed. */
  private finish(txn: Transaction): void {
    this.transactions.delete(txn.id)
    for (const key of txn.writes.keys()) {
      if (this.writers.get(key) === txn) this.writers.delete(key)
    }
  }

  private expireTransactions(now: number): void {
    for (const txn of [...this.transactions.values()]) {
      if (now - txn.startedAt > this.transactionTimeoutMs) this.finish(txn)
    }
  }

  /** Drops every open transaction (used by reset). */
  abortAll(): void {
    this.transactions.clear()
    this.writers.clear()
  }

  // ---- direct access for seeding and assertions ----

  /** All documents as plain JSON (dates as ISO strings), in insertion order. */
  readCollection(name: string): unknown[] {
    return [...this.store.get(name).iterate('', [], 'rid')].map((r) => plainFromStored(r.doc))
  }

  /** Every collection's documents as stored (EJSON text, insertion order), for `restore`. */
  snapshot(): DatabaseSnapshot {
    return new Map(this.store.names().map((name) => [name, [...this.store.get(name).iterate('', [], 'rid')].map((row) => row.doc)]))
  }

  /**
   * Puts back exactly the documents of a snapshot, in their order, through the same insert path as
   * any write (index keys, geo entries); open transactions are dropped as by a reset.
   */
  restore(snapshot: DatabaseSnapshot): void {
    this.abortAll()
    this.store.reset()
    this.store.transaction(() => {
      for (const [name, texts] of snapshot) {
        const coll = this.store.has(name) ? this.store.get(name) : this.store.create(name)
        for (const text of texts) coll.insert(parseStored(text), text)
      }
    })
  }

  insertDocuments(name: string, docs: readonly object[]): void {
    const coll = this.store.get(name)
    const now = Date.now()
    this.store.transaction(() => {
      for (const input of docs) {
        if (!isPlainObject(input)) throw invalidParam('each document must be a plain object')
        const doc: Doc = input._id === undefined ? { _id: newDocumentId(now), ...input } : { ...input }
        coll.insert(doc, toEJSON(doc))
      }
    })
  }

  /** What geo queries on a collection have read so far (index entries, documents looked up). */
  geoScan(collection: string): GeoScan {
    return { ...this.store.get(collection).geoScan }
  }

  explain(collection: string, query: string, order?: string): string[] {
    const coll = this.store.get(collection)
    const now = Date.now()
    const q = parseParam(query, now)
    if (!isPlainObject(q)) throw invalidParam('query must be an object')
    const pd = pushdown(coll, q)
    const plan = orderPlan(coll, parseOrder(order ? parseParam(order, now) : undefined))
    return coll.explain(pd.where, pd.params, plan.sql)
  }
}
