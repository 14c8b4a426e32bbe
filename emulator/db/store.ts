import Database from 'better-sqlite3'
import { collectionNotFound, DatabaseError, duplicateKey } from './errors'
import type { CollectionManifest, IndexSpec } from './manifest'
import { describeKey, extractKey, MARKER, MARKER_SQL, type SqlKey } from './keys'
import { parseStored, type Doc } from './ejson'
import { GeoIndex, type GeoEntry, type GeoScan } from './geo-index'

type Statement = Database.Statement<unknown[], unknown>

/** One stored document as read from SQLite: rowid (natural order), version and EJSON text. */
export interface Row {
  rid: number
  v: number
  doc: string
}

/** A key column: the SQL column that holds the index key of one field path. */
export interface KeyColumn {
  path: string
  parts: string[]
  column: string
  /** Sticky: some document once had a non-scalar value here, so queries must include MARKER. */
  hasMarker: boolean
}

const quote = (ident: string): string => `"${ident.replace(/"/g, '""')}"`
const TABLE_PREFIX = 'c:'
const INDEX_PREFIX = 'ix:'
const KEY_PREFIX = 'k:'
const STATEMENT_CACHE_LIMIT = 400

/** A 2dsphere index (its one key says so) is an R*Tree, not an SQL index over key columns. */
export const isGeoIndex = (ix: IndexSpec): boolean => ix.keys.some((k) => k.direction === '2dsphere')

/** The SQL for a manifest index; compared with sqlite_master to detect definition changes. */
function indexSql(collection: string, ix: IndexSpec): string {
  const cols = ix.keys
    .map((k) => `${k.field === '_id' ? 'id' : quote(KEY_PREFIX + k.field)} ${k.direction === -1 ? 'DESC' : 'ASC'}`)
    .join(', ')
  return `CREATE ${ix.unique ? 'UNIQUE ' : ''}INDEX ${quote(INDEX_PREFIX + collection + ':' + ix.name)} ON ${quote(TABLE_PREFIX + collection)} (${cols})`
}

/** One collection = one table: rid (insertion order), id (the _id key, unique), v, doc, key columns. */
export class CollectionStore {
  readonly table: string
  /** Key columns by field path; `_id` is the `id` column and is not listed here. */
  keys = new Map<string, KeyColumn>()
  /** 2dsphere indexes by field path. */
  geo = new Map<string, GeoIndex>()
  /** What geo queries have read here, for tests that prove a query did not scan the collection. */
  readonly geoScan: GeoScan = { indexEntries: 0, documents: 0 }
  private keyList: KeyColumn[] = []
  private statements = new Map<string, Statement>()
  private uniqueIndexes: { name: string; fields: string[] }[] = []

  constructor(
    private readonly db: Database.Database,
    readonly name: string,
  ) {
    this.table = quote(TABLE_PREFIX + name)
  }

  /** Aligns key columns and SQL indexes with the manifest's index list (idempotent). */
  sync(allIndexes: readonly IndexSpec[]): void {
    const db = this.db
    const indexes = allIndexes.filter((ix) => !isGeoIndex(ix))
    db.exec(
      `CREATE TABLE IF NOT EXISTS ${this.table} (rid INTEGER PRIMARY KEY AUTOINCREMENT, id NOT NULL UNIQUE, v INTEGER NOT NULL, doc TEXT NOT NULL)`,
    )
    const wantedPaths = [...new Set(indexes.flatMap((ix) => ix.keys.map((k) => k.field)))].filter((p) => p !== '_id')
    const wantedIndexes = new Map(indexes.map((ix) => [INDEX_PREFIX + this.name + ':' + ix.name, indexSql(this.name, ix)]))
    const existingIndexes = db
      .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND name LIKE 'ix:%'`)
      .all(TABLE_PREFIX + this.name) as { name: string; sql: string }[]
    for (const ix of existingIndexes) {
      if (wantedIndexes.get(ix.name) !== ix.sql) db.exec(`DROP INDEX ${quote(ix.name)}`)
    }
    const columns = (db.prepare(`PRAGMA table_info(${this.table})`).all() as { name: string }[])
      .map((c) => c.name)
      .filter((n) => n.startsWith(KEY_PREFIX))
    for (const col of columns) {
      if (!wantedPaths.includes(col.slice(KEY_PREFIX.length))) db.exec(`ALTER TABLE ${this.table} DROP COLUMN ${quote(col)}`)
    }
    const added = wantedPaths.filter((p) => !columns.includes(KEY_PREFIX + p))
    for (const p of added) db.exec(`ALTER TABLE ${this.table} ADD COLUMN ${quote(KEY_PREFIX + p)}`)
    this.setKeys(wantedPaths)
    if (added.length > 0) this.backfill()
    const present = new Set(
      (
        db
          .prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND name LIKE 'ix:%'`)
          .all(TABLE_PREFIX + this.name) as { name: string }[]
      ).map((r) => r.name),
    )
    for (const [name, sql] of wantedIndexes) {
      if (present.has(name)) continue
      try {
        db.exec(sql)
      } catch (e) {
        throw new Error(`cannot create index ${name}: ${(e as Error).message}`)
      }
    }
    this.uniqueIndexes = indexes.filter((ix) => ix.unique).map((ix) => ({ name: ix.name, fields: ix.keys.map((k) => k.field) }))
    for (const k of this.keyList) {
      k.hasMarker = db.prepare(`SELECT 1 FROM ${this.table} WHERE ${k.column} = ${MARKER_SQL} LIMIT 1`).get() !== undefined
    }
    this.syncGeo(allIndexes.filter(isGeoIndex).map((ix) => (ix.keys[0] as IndexSpec['keys'][number]).field))
  }

  /** One R*Tree per geo-indexed path: dropped when no longer declared, created and filled when new. */
  private syncGeo(paths: string[]): void {
    const prefix = GeoIndex.tableName(this.name, '')
    const existing = (
      this.db
        .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND substr(name, 1, ?) = ? AND sql LIKE 'CREATE VIRTUAL TABLE%'`)
        .all(prefix.length, prefix) as { name: string }[]
    ).map((r) => r.name)
    for (const table of existing) {
      if (!paths.some((p) => GeoIndex.tableName(this.name, p) === table)) this.db.exec(`DROP TABLE ${quote(table)}`)
    }
    this.geo = new Map(paths.map((p) => [p, new GeoIndex(this.db, this.name, p, this.geoScan)]))
    for (const p of paths) {
      if (existing.includes(GeoIndex.tableName(this.name, p))) continue
      const index = this.geo.get(p) as GeoIndex
      for (const row of this.db.prepare(`SELECT rid, doc FROM ${this.table}`).all() as Array<{ rid: number; doc: string }>) {
        try {
          index.put(row.rid, index.entryFor(parseStored(row.doc)))
        } catch (e) {
          throw new Error(`cannot create the 2dsphere index on ${this.name}.${p}: ${(e as Error).message}`)
        }
      }
    }
  }

  /** The geo index entries of a document; throws (and nothing is written) when a geo field holds no geometry. */
  geoEntries(doc: Doc): Array<[GeoIndex, GeoEntry | null]> {
    return [...this.geo.values()].map((index) => [index, index.entryFor(doc)])
  }

  private setKeys(paths: string[]): void {
    this.keyList = paths.map((path) => ({ path, parts: path.split('.'), column: quote(KEY_PREFIX + path), hasMarker: false }))
    this.keys = new Map(this.keyList.map((k) => [k.path, k]))
    this.statements.clear()
  }

  private backfill(): void {
    const rows = this.db.prepare(`SELECT rid, doc FROM ${this.table}`).all() as { rid: number; doc: string }[]
    const set = this.keyList.map((k) => `${k.column} = ?`).join(', ')
    const update = this.db.prepare(`UPDATE ${this.table} SET ${set} WHERE rid = ?`)
    for (const row of rows) {
      update.run(...this.keyValues(parseStored(row.doc)), row.rid)
    }
  }

  /** Prepared statements are cached per SQL text (IN lists of different lengths give different texts). */
  prepare(sql: string): Statement {
    let st = this.statements.get(sql)
    if (!st) {
      if (this.statements.size >= STATEMENT_CACHE_LIMIT) this.statements.clear()
      st = this.db.prepare(sql)
      this.statements.set(sql, st)
    }
    return st
  }

  private keyValues(doc: Doc): SqlKey[] {
    return this.keyList.map((k) => {
      const key = extractKey(doc, k.parts)
      if (key === MARKER) k.hasMarker = true
      return key
    })
  }

  getById(id: SqlKey): Row | undefined {
    return this.prepare(`SELECT rid, v, doc FROM ${this.table} WHERE id = ?`).get(id) as Row | undefined
  }

  getByRid(rid: number): Row | undefined {
    return this.prepare(`SELECT rid, v, doc FROM ${this.table} WHERE rid = ?`).get(rid) as Row | undefined
  }

  /** The row `rid` if it also satisfies a pushed-down WHERE clause (a geo search's candidate). */
  getByRidWhere(rid: number, where: string, params: readonly SqlKey[]): Row | undefined {
    const sql = `SELECT rid, v, doc FROM ${this.table} WHERE rid = ?${where ? ` AND ${where}` : ''}`
    return this.prepare(sql).get(rid, ...params) as Row | undefined
  }

  insert(doc: Doc, text: string): number {
    const id = idKey(doc._id)
    const cols = ['id', 'v', 'doc', ...this.keyList.map((k) => k.column)]
    const sql = `INSERT INTO ${this.table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`
    const geo = this.geoEntries(doc)
    let rid: number
    try {
      rid = Number(this.prepare(sql).run(id, 1, text, ...this.keyValues(doc)).lastInsertRowid)
    } catch (e) {
      throw this.translate(e, doc)
    }
    for (const [index, entry] of geo) index.put(rid, entry)
    return rid
  }

  update(rid: number, v: number, doc: Doc, text: string): void {
    const set = ['v = ?', 'doc = ?', ...this.keyList.map((k) => `${k.column} = ?`)].join(', ')
    const geo = this.geoEntries(doc)
    try {
      this.prepare(`UPDATE ${this.table} SET ${set} WHERE rid = ?`).run(v, text, ...this.keyValues(doc), rid)
    } catch (e) {
      throw this.translate(e, doc)
    }
    for (const [index, entry] of geo) index.put(rid, entry)
  }

  delete(rid: number): void {
    this.prepare(`DELETE FROM ${this.table} WHERE rid = ?`).run(rid)
    for (const index of this.geo.values()) index.remove(rid)
  }

  /** Streams rows matching a pushed-down WHERE clause in the given ORDER BY. */
  iterate(
    where: string,
    params: readonly SqlKey[],
    orderBy: string,
    page?: { limit: number; offset: number },
  ): IterableIterator<Row> {
    const sql = `SELECT rid, v, doc FROM ${this.table}${where ? ` WHERE ${where}` : ''} ORDER BY ${orderBy}${page ? ' LIMIT ? OFFSET ?' : ''}`
    const st = this.prepare(sql)
    return (page ? st.iterate(...params, page.limit, page.offset) : st.iterate(...params)) as IterableIterator<Row>
  }

  count(where: string, params: readonly SqlKey[]): number {
    const sql = `SELECT count(*) AS n FROM ${this.table}${where ? ` WHERE ${where}` : ''}`
    return (this.prepare(sql).get(...params) as { n: number }).n
  }

  explain(where: string, params: readonly SqlKey[], orderBy: string): string[] {
    const sql = `EXPLAIN QUERY PLAN SELECT rid, v, doc FROM ${this.table}${where ? ` WHERE ${where}` : ''} ORDER BY ${orderBy}`
    return (this.db.prepare(sql).all(...params) as { detail: string }[]).map((r) => r.detail)
  }

  /** A UNIQUE failure names columns ("c:x.k:number"); report it the way the cloud does, by index. */
  private translate(e: unknown, doc: Doc): unknown {
    if (!sqliteCode(e)?.startsWith('SQLITE_CONSTRAINT')) return e
    const columns = (/UNIQUE constraint failed: (.*)$/.exec((e as Error).message)?.[1] ?? '')
      .split(', ')
      .map((c) => c.slice(c.indexOf('.') + 1))
      .map((c) => (c === 'id' ? '_id' : c.slice(KEY_PREFIX.length)))
    const index =
      columns.length === 1 && columns[0] === '_id'
        ? { name: '_id_', fields: ['_id'] }
        : this.uniqueIndexes.find((ix) => ix.fields.join() === columns.join())
    const fields = index?.fields ?? columns
    const key = fields.map((f) => `${f}: ${describeKey(extractKey(doc, f.split('.')))}`).join(', ')
    return duplicateKey(this.name, index?.name ?? 'unique', `{ ${key} }`)
  }
}

/**
 * The code of a better-sqlite3 error. Not `instanceof SqliteError`: the native addon keeps the
 * class it was first given, and jest loads the JS module (and Error) afresh for every test file.
 */
function sqliteCode(e: unknown): string | undefined {
  if (typeof e !== 'object' || e === null) return undefined
  const { name, code } = e as { name?: unknown; code?: unknown }
  return name === 'SqliteError' && typeof code === 'string' ? code : undefined
}

/** The SQL value of an _id; the cloud accepts string (and number) ids only. */
export function idKey(id: unknown): string | number {
  if (typeof id === 'string' && id.length > 0) return id
  if (typeof id === 'number' && Number.isFinite(id)) return id
  throw new DatabaseError('INVALID_PARAM', '_id must be a non-empty string or a number')
}

/** The SQLite file and its collections. */
export class Store {
  readonly db: Database.Database
  private collections = new Map<string, CollectionStore>()

  constructor(
    file: string,
    private manifest: CollectionManifest,
  ) {
    this.db = new Database(file)
    try {
      this.db.pragma('busy_timeout = 2000')
      this.db.pragma('journal_mode = WAL')
      // One process owns the file: index-key flags and open transactions live in this process's
      // memory, so a second writer would silently break them. Take the lock now and keep it.
      this.db.pragma('locking_mode = EXCLUSIVE')
      this.db.exec('BEGIN EXCLUSIVE; COMMIT')
    } catch (e) {
      this.db.close()
      if (sqliteCode(e)?.startsWith('SQLITE_BUSY')) {
        throw new Error(`${file} is open in another process; stop it first (one local cloud owns its database file)`)
      }
      throw e
    }
    // NORMAL in WAL mode: an acknowledged write survives a crash of the server process (SIGKILL
    // included); only an OS crash or power loss may drop the last commits, never corrupt the file.
    // FULL would add an fsync to every write (1–4 ms each on a busy shared disk).
    this.db.pragma('synchronous = NORMAL')
    this.transaction(() => {
      for (const name of this.tableNames()) this.collections.set(name, new CollectionStore(this.db, name))
      this.syncManifest()
    })
  }

  private tableNames(): string[] {
    return (
      this.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'c:%'`).all() as { name: string }[]
    ).map((r) => r.name.slice(TABLE_PREFIX.length))
  }

  private syncManifest(): void {
    const specs = new Map(this.manifest.collections.map((c) => [c.name, c.indexes]))
    for (const [name, indexes] of specs) {
      let c = this.collections.get(name)
      if (!c) {
        c = new CollectionStore(this.db, name)
        this.collections.set(name, c)
      }
      c.sync(indexes)
    }
    // Collections created at run time (addCollection) keep their table but have no indexes.
    for (const [name, c] of this.collections) if (!specs.has(name)) c.sync([])
  }

  has(name: string): boolean {
    return this.collections.has(name)
  }

  get(name: string): CollectionStore {
    const c = this.collections.get(name)
    if (!c) throw collectionNotFound(name)
    return c
  }

  create(name: string): CollectionStore {
    const c = new CollectionStore(this.db, name)
    c.sync([])
    this.collections.set(name, c)
    return c
  }

  names(): string[] {
    return [...this.collections.keys()]
  }

  /** Drops every collection and recreates the manifest's, empty. */
  reset(): void {
    this.transaction(() => {
      for (const name of this.tableNames()) this.db.exec(`DROP TABLE ${quote(TABLE_PREFIX + name)}`)
      const geoTables = this.db
        .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'g:%' AND sql LIKE 'CREATE VIRTUAL TABLE%'`)
        .all() as { name: string }[]
      for (const { name } of geoTables) this.db.exec(`DROP TABLE ${quote(name)}`)
      this.collections.clear()
      this.syncManifest()
    })
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)()
  }

  close(): void {
    if (this.db.open) this.db.close()
  }
}

