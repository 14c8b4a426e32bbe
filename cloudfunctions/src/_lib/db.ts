import { wx } from './cloud'

/**
 * Typed access to the cloud database. wx-server-sdk types every call as a union with `void` and
 * does not export its `DB` namespace, so the one cast to the calls this project may use (DESIGN §3)
 * lives here and repositories read like plain async code.
 */

export interface Doc {
  _id: string
}

/** Mongo-style condition built from plain values and `command()` operators. */
export type Where = Record<string, unknown>

/** An opaque operator value (`_.inc(1)`, `_.gt(0)`, …): only the SDK interprets it. */
export type Operator = { readonly __operator: unique symbol } | object

/**
 * A point on the map (GCJ-02 in this project). The database holds GeoJSON
 * `{ type: 'Point', coordinates: [longitude, latitude] }`; wx-server-sdk writes a `db.Geo.Point` as
 * that and reads it back as a `db.Geo.Point`, whose fields are these two.
 */
export interface GeoPoint {
  readonly longitude: number
  readonly latitude: number
}

export interface Command {
  eq(value: unknown): Operator
  neq(value: unknown): Operator
  gt(value: unknown): Operator
  gte(value: unknown): Operator
  lt(value: unknown): Operator
  lte(value: unknown): Operator
  in(values: unknown[]): Operator
  nin(values: unknown[]): Operator
  exists(value: boolean): Operator
  and(...conditions: unknown[]): Operator
  or(...conditions: unknown[]): Operator
  set(value: unknown): Operator
  remove(): Operator
  inc(value: number): Operator
  mul(value: number): Operator
  push(value: unknown): Operator
  pull(value: unknown): Operator
  addToSet(value: unknown): Operator
  /** Nearest first, on a field with a 2dsphere index in collections.json; distances in metres. */
  geoNear(options: { geometry: GeoPoint; maxDistance?: number; minDistance?: number }): Operator
  /** Inside a circle: `centerSphere: [[longitude, latitude], radius in radians]`. */
  geoWithin(options: { centerSphere: [[number, number], number] }): Operator
  aggregate: { sum(value: unknown): Operator }
}

interface QueryRef {
  where(condition: Where): QueryRef
  orderBy(field: string, direction: 'asc' | 'desc'): QueryRef
  skip(n: number): QueryRef
  limit(n: number): QueryRef
  field(projection: Record<string, boolean>): QueryRef
  get(): Promise<{ data: unknown[] }>
  count(): Promise<{ total: number }>
  update(options: { data: object }): Promise<{ stats: { updated: number } }>
  remove(): Promise<{ stats: { removed: number } }>
}

interface DocRef {
  get(options: { throwOnNotFound: false }): Promise<{ data: unknown }>
  set(options: { data: object }): Promise<unknown>
  update(options: { data: object }): Promise<{ stats: { updated: number } }>
  remove(): Promise<{ stats: { removed: number } }>
}

/** An aggregation pipeline as the SDK builds it (the stages DESIGN §3 allows reports to use). */
export interface AggregateRef {
  match(condition: Where): AggregateRef
  unwind(path: string): AggregateRef
  group(spec: Record<string, unknown>): AggregateRef
  project(spec: Record<string, unknown>): AggregateRef
  sort(spec: Record<string, 1 | -1>): AggregateRef
  skip(n: number): AggregateRef
  limit(n: number): AggregateRef
  end(): Promise<{ list: unknown[] }>
}

interface CollectionRef extends QueryRef {
  doc(id: string): DocRef
  add(options: { data: object }): Promise<{ _id: string }>
  aggregate(): AggregateRef
}

export interface TransactionRef {
  collection(name: string): { doc(id: string): DocRef; add(options: { data: object }): Promise<{ _id: string }> }
}

interface DatabaseRef {
  command: Command
  Geo: { Point(longitude: number, latitude: number): GeoPoint }
  serverDate(options?: { offset: number }): object
  collection(name: string): CollectionRef
  runTransaction<T>(run: (transaction: TransactionRef) => Promise<T>, times?: number): Promise<T>
}

export function database(): DatabaseRef {
  // wx-server-sdk reads throwOnNotFound from the database config, not from doc.get()'s options:
  // without it `get` of a missing document throws instead of resolving null.
  return wx().database({ throwOnNotFound: false } as { env?: string }) as unknown as DatabaseRef
}

export function command(): Command {
  return database().command
}

/**
 * Runs `run` in a database transaction (doc-level reads and writes through `handle.in(transaction)`).
 * The SDK runs it again when the commit conflicts (`times` more times); a write that loses to
 * another open transaction rejects at once (emulator/db/README.md, Transactions).
 */
export function runTransaction<T>(run: (transaction: TransactionRef) => Promise<T>, times = 2): Promise<T> {
  return database().runTransaction(run, times)
}

/** A point to store or to search from, as the SDK builds it (`db.Geo.Point`). */
export function geoPoint(longitude: number, latitude: number): GeoPoint {
  return database().Geo.Point(longitude, latitude)
}

/** Time as the database server sees it, so that instances with skewed clocks agree. */
export function serverDate(offsetMs = 0): object {
  return offsetMs === 0 ? database().serverDate() : database().serverDate({ offset: offsetMs })
}

export interface FindOptions {
  orderBy?: Array<[field: string, direction: 'asc' | 'desc']>
  skip?: number
  /** Always explicit: the cloud's default of 100 silently truncates. At most 1000. */
  limit: number
  fields?: Record<string, boolean>
}

export const isDuplicateId = (error: unknown) =>
  /duplicate|E11000|DATABASE_DUPLICATE|already exists/i.test(String((error as Error)?.message ?? error))

/**
 * A transaction that lost and wrote nothing: a write that lost to another open transaction (first
 * writer wins, which also ends the loser, so its next call finds it gone), or a commit that lost to a change.
 */
export const isTransactionConflict = (error: unknown) =>
  /TransactionConflict|TRANSACTION_CONFLICT|TransactionNotExist|-501001/i.test(`${(error as { errMsg?: string })?.errMsg ?? ''} ${(error as { code?: string })?.code ?? ''} ${String((error as Error)?.message ?? error)}`)

export function unwrapOne<T>(data: unknown): T | null {
  const value = Array.isArray(data) ? data[0] : data
  return (value ?? null) as T | null
}

export interface CollectionOptions<T> {
  /**
   * The fields the reports count (`reports/contributions.ts` reads no others). An insert or a
   * replace, and an update that sets one of these, also sets `rollupPending: true` in the same
   * write, so the reports fold the document into their rollups and count it from the not yet
   * folded tail until then. Removing a document leaves its counts in the rollups: remove only
   * documents that count nothing (a sign-up claim that never took a seat).
   */
  countedFields?: readonly (keyof T & string)[]
}

/** Marks a write the reports must count again; what is not counted stays unmarked. */
function pendingFor(counted: ReadonlySet<string> | null, patch: Record<string, unknown>): Record<string, unknown> {
  if (!counted || !Object.keys(patch).some((path) => counted.has(path.split('.')[0] as string))) return patch
  return { ...patch, rollupPending: true }
}

export function collection<T extends Doc>(name: string, options: CollectionOptions<T> = {}) {
  const ref = () => database().collection(name)
  const counted = options.countedFields ? new Set<string>(options.countedFields) : null
  const marked = <D extends object>(doc: D): D => (counted ? { ...doc, rollupPending: true } : doc)
  return {
    name,
    countedFields: options.countedFields ?? null,

    async get(id: string): Promise<T | null> {
      return unwrapOne<T>((await ref().doc(id).get({ throwOnNotFound: false })).data)
    },

    async find(where: Where, options: FindOptions): Promise<T[]> {
      let query: QueryRef = ref().where(where)
      for (const [field, direction] of options.orderBy ?? []) query = query.orderBy(field, direction)
      if (options.skip) query = query.skip(options.skip)
      query = query.limit(options.limit)
      if (options.fields) query = query.field(options.fields)
      return (await query.get()).data as T[]
    },

    async findOne(where: Where): Promise<T | null> {
      const [first] = await this.find(where, { limit: 1 })
      return first ?? null
    },

    async count(where: Where): Promise<number> {
      return (await ref().where(where).count()).total
    },

    /** How many matching documents share each value of `field`, most first (an aggregate `$group`). */
    async countBy(field: string, where: Where, limit: number): Promise<Array<{ value: unknown; count: number }>> {
      const { list } = await ref()
        .aggregate()
        .match(where)
        .group({ _id: `$${field}`, count: command().aggregate.sum(1) })
        .sort({ count: -1, _id: 1 })
        .limit(limit)
        .end()
      return (list as Array<{ _id: unknown; count: number }>).map((row) => ({ value: row._id, count: row.count }))
    },

    async add(doc: Omit<T, '_id'> & { _id?: string }): Promise<string> {
      return (await ref().add({ data: marked(doc) }))._id
    },

    /** Inserts with a chosen `_id`; resolves false if that id is taken (the cloud refuses duplicates). */
    async addIfAbsent(doc: T): Promise<boolean> {
      try {
        await ref().add({ data: marked(doc) })
        return true
      } catch (error) {
        if (isDuplicateId(error)) return false
        throw error
      }
    },

    /** Replaces the whole document, creating it if absent. */
    async set(id: string, doc: Omit<T, '_id'>): Promise<void> {
      await ref().doc(id).set({ data: marked(doc) })
    },

    /** Patches one document; resolves the number updated (0 when it does not exist). */
    async update(id: string, patch: Record<string, unknown>): Promise<number> {
      return (await ref().doc(id).update({ data: pendingFor(counted, patch) })).stats.updated
    },

    /** Conditional update: the atomic primitive for seats, counters and state machines. */
    async updateWhere(where: Where, patch: Record<string, unknown>): Promise<number> {
      return (await ref().where(where).update({ data: pendingFor(counted, patch) })).stats.updated
    },

    async removeWhere(where: Where): Promise<number> {
      return (await ref().where(where).remove()).stats.removed
    },

    /** An aggregation over this collection: `build` adds the stages (always a `limit`), the list comes back. */
    async aggregate<R>(build: (pipeline: AggregateRef) => AggregateRef): Promise<R[]> {
      return (await build(ref().aggregate()).end()).list as R[]
    },

    /** The same document operations inside a transaction (see `runTransaction`); writes are marked as above. */
    in(transaction: TransactionRef) {
      const tref = (id: string) => transaction.collection(name).doc(id)
      return {
        async get(id: string): Promise<T | null> {
          return unwrapOne<T>((await tref(id).get({ throwOnNotFound: false })).data)
        },
        async set(id: string, doc: Omit<T, '_id'>): Promise<void> {
          await tref(id).set({ data: marked(doc) })
        },
        async update(id: string, patch: Record<string, unknown>): Promise<number> {
          return (await tref(id).update({ data: pendingFor(counted, patch) })).stats.updated
        },
        async remove(id: string): Promise<number> {
          return (await tref(id).remove()).stats.removed
        },
      }
    },
  }
}

export type Collection<T extends Doc> = ReturnType<typeof collection<T>>
