import type { IncomingMessage, ServerResponse } from 'node:http'
import { Engine, type DatabaseSnapshot } from './engine'
import type { GeoScan } from './geo-index'
import { handleDatabaseHttp } from './http'
import type { CollectionManifest } from './manifest'
import { Store } from './store'

export type { DatabaseSnapshot } from './engine'
export { DatabaseError, type DatabaseErrorCode } from './errors'
export { EARTH_RADIUS_M } from './geo'
export type { GeoScan } from './geo-index'
export {
  defaultManifestPath,
  loadManifest,
  parseManifest,
  type CollectionManifest,
  type CollectionSpec,
  type IndexSpec,
} from './manifest'

export interface OpenDatabaseOptions {
  /** SQLite file path, or ':memory:'. */
  file: string
  manifest: CollectionManifest
  /** An open transaction older than this is dropped (its later calls fail). Default 60 s. */
  transactionTimeoutMs?: number
}

/** The local cloud database: what the SDK talks to, plus direct access for seeding and tests. */
export interface CloudDatabase {
  /** The `/admin` endpoint the SDK posts to; reads and parses the request body itself. */
  handleHttp(req: IncomingMessage, res: ServerResponse): void
  /** Answers one already-parsed SDK request body ({ action, ... }) without HTTP. */
  dispatch(body: unknown): Record<string, unknown>
  /** Drops all data and open transactions and recreates the manifest's collections, empty. */
  reset(): void
  /** The data as it is now (every collection's documents), to put back later with `restore`. */
  snapshot(): DatabaseSnapshot
  /** Replaces all data with a snapshot's, as if those documents had just been written; drops open transactions. */
  restore(snapshot: DatabaseSnapshot): void
  /** All documents of a collection in insertion order, as plain JSON (dates as ISO strings). */
  readCollection(name: string): unknown[]
  /** Seeds documents (plain objects, Dates allowed) in one SQLite transaction; _id generated if absent. */
  insertDocuments(name: string, docs: object[]): void
  /** Collection names that exist. */
  collections(): string[]
  /** EXPLAIN QUERY PLAN lines of the SQL a getDocument with this EJSON query (and order) runs. */
  explain(collection: string, query: string, order?: string): string[]
  /** Index entries and documents that geo queries on a collection have read since it was created (or reset). */
  geoScan(collection: string): GeoScan
  close(): void
}

/** Opens (creating if needed) the database file and aligns its collections and indexes with the manifest. */
export function openDatabase(options: OpenDatabaseOptions): CloudDatabase {
  const store = new Store(options.file, options.manifest)
  const engine = new Engine(store, options.transactionTimeoutMs ?? 60_000)
  return {
    handleHttp: (req, res) => handleDatabaseHttp(engine, req, res),
    dispatch: (body) => engine.dispatch(body),
    reset: () => {
      engine.abortAll()
      store.reset()
    },
    snapshot: () => engine.snapshot(),
    restore: (snapshot) => engine.restore(snapshot),
    readCollection: (name) => engine.readCollection(name),
    insertDocuments: (name, docs) => engine.insertDocuments(name, docs),
    collections: () => store.names(),
    explain: (collection, query, order) => engine.explain(collection, query, order),
    geoScan: (collection) => engine.geoScan(collection),
    close: () => store.close(),
  }
}
