import type Database from 'better-sqlite3'
import { DatabaseError } from './errors'
import { geometryBox, readGeometry, type Box, type Geometry } from './geo'
import { isPlainObject, toEJSON, type Doc } from './ejson'

/** What the index holds for one document: its box, and the exact position when it is a point. */
export interface GeoEntry {
  box: Box
  point: readonly [number, number] | null
}

/** One index entry as a search reads it. */
export interface GeoHit {
  rid: number
  /** [longitude, latitude] when the stored value is a point; null for lines and polygons. */
  point: readonly [number, number] | null
}

/** Index entries and documents that geo queries on one collection have read (cumulative). */
export interface GeoScan {
  indexEntries: number
  documents: number
}

const quote = (ident: string): string => `"${ident.replace(/"/g, '""')}"`

/** The value at a dotted path; `crossed` when the path runs through an array. */
function valueAt(doc: Doc, parts: readonly string[]): { value: unknown; crossed: boolean } {
  let cur: unknown = doc
  for (const part of parts) {
    if (Array.isArray(cur)) return { value: undefined, crossed: true }
    if (!isPlainObject(cur)) return { value: undefined, crossed: false }
    cur = cur[part]
  }
  return { value: cur, crossed: false }
}

/** The geometry a document holds at a path: null when absent, as a sparse 2dsphere index skips it. */
export function geometryAt(doc: Doc, parts: readonly string[]): Geometry | null | string {
  const { value, crossed } = valueAt(doc, parts)
  if (crossed) return 'the local database does not index geometries inside arrays'
  if (value === undefined || value === null) return null
  return readGeometry(value)
}

/**
 * A 2dsphere index: an SQLite R*Tree keyed by the document's rowid, holding the bounding box of
 * the value (a point's box is the point, rounded outward to 32-bit floats) and, in auxiliary
 * columns, the exact longitude and latitude of points, so that distances are computed without
 * reading documents. Searches read the entries whose boxes overlap the query's boxes.
 */
export class GeoIndex {
  readonly table: string
  readonly parts: string[]
  private readonly statements: {
    insert: Database.Statement
    remove: Database.Statement
    search: Database.Statement
  }

  constructor(
    private readonly db: Database.Database,
    readonly collection: string,
    readonly path: string,
    private readonly scan: GeoScan,
  ) {
    this.table = quote(GeoIndex.tableName(collection, path))
    this.parts = path.split('.')
    db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS ${this.table} USING rtree(rid, minLon, maxLon, minLat, maxLat, +isPoint, +lon, +lat)`)
    this.statements = {
      insert: db.prepare(`INSERT INTO ${this.table} (rid, minLon, maxLon, minLat, maxLat, isPoint, lon, lat) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
      remove: db.prepare(`DELETE FROM ${this.table} WHERE rid = ?`),
      search: db.prepare(`SELECT rid, isPoint, lon, lat FROM ${this.table} WHERE minLon <= ? AND maxLon >= ? AND minLat <= ? AND maxLat >= ?`),
    }
  }

  static tableName(collection: string, path: string): string {
    return `g:${collection}:${path}`
  }

  /**
   * The entry for a document, or null when it has no value at the path. A value that is not a
   * geometry is refused as MongoDB refuses it under a 2dsphere index, so the write fails.
   */
  entryFor(doc: Doc): GeoEntry | null {
    const g = geometryAt(doc, this.parts)
    if (g === null) return null
    if (typeof g === 'string') {
      const shown = `{ _id: ${JSON.stringify(doc._id)}, ${this.path}: ${toEJSON(valueAt(doc, this.parts).value)} }`
      throw new DatabaseError('DATABASE_REQUEST_FAILED', `[FailedOperation] Can't extract geo keys: ${shown}  ${g}`)
    }
    return { box: geometryBox(g), point: g.type === 'Point' ? g.coordinates : null }
  }

  put(rid: number, entry: GeoEntry | null): void {
    this.statements.remove.run(rid)
    if (!entry) return
    const { box, point } = entry
    this.statements.insert.run(rid, box.minLon, box.maxLon, box.minLat, box.maxLat, point ? 1 : 0, point?.[0] ?? null, point?.[1] ?? null)
  }

  remove(rid: number): void {
    this.statements.remove.run(rid)
  }

  /** Entries whose boxes overlap any of `boxes` (each entry once), counted as read. */
  *search(boxes: readonly Box[]): Generator<GeoHit> {
    const seen = boxes.length > 1 ? new Set<number>() : undefined
    for (const b of boxes) {
      for (const row of this.statements.search.iterate(b.maxLon, b.minLon, b.maxLat, b.minLat) as Iterable<{ rid: number; isPoint: number; lon: number | null; lat: number | null }>) {
        this.scan.indexEntries++
        if (seen) {
          if (seen.has(row.rid)) continue
          seen.add(row.rid)
        }
        yield { rid: row.rid, point: row.isPoint === 1 ? [row.lon as number, row.lat as number] : null }
      }
    }
  }
}
