import { isPlainObject, type Doc } from './ejson'
import { DatabaseError } from './errors'
import { capBoxes, capRegion, centralAngle, EARTH_RADIUS_M, polygonRegion, readGeometry, type Position, type Region } from './geo'
import { geometryAt, type GeoIndex } from './geo-index'

/**
 * Geo terms of a query (`$nearSphere`, `$geoWithin`) and the searches that answer them from a
 * 2dsphere index. The rest of the query goes to the usual push-down and mingo.
 */

/** `{ path: { $nearSphere: { $geometry: Point, $minDistance?, $maxDistance? } } }`, distances in metres. */
export interface NearTerm {
  path: string
  center: Position
  minDistance: number
  maxDistance: number
}

/** `{ path: { $geoWithin: { $geometry: Polygon | MultiPolygon } | { $centerSphere: [[lng, lat], radians] } } }`. */
export interface WithinTerm {
  path: string
  region: Region
}

export interface GeoPlan {
  near: NearTerm | null
  within: WithinTerm[]
  /** The query without its geo terms. */
  rest: Doc
}

const GEO_OPERATORS = new Set(['$near', '$nearSphere', '$geoWithin', '$within', '$geoIntersects', '$geoNear'])

const badValue = (message: string) => new DatabaseError('DATABASE_REQUEST_FAILED', `[FailedOperation.Query] (BadValue) ${message}`)
const unsupported = (message: string) => new DatabaseError('DATABASE_INVALID_OPERRATOR', `operator not supported by the local database: ${message}`)

/** Where `$near` and `$nearSphere` are refused (count, update, remove), as MongoDB refuses them. */
export const nearNotAllowed = (): DatabaseError => badValue('$geoNear, $near, and $nearSphere are not allowed in this context')

function hasGeoOperator(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasGeoOperator)
  if (!isPlainObject(value)) return false
  return Object.entries(value).some(([k, v]) => GEO_OPERATORS.has(k) || hasGeoOperator(v))
}

function distanceOption(value: unknown, name: string): number | undefined {
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw badValue(`${name} must be a non-negative number`)
  return value
}

function readPoint(value: unknown, what: string): Position {
  const g = readGeometry(value)
  if (typeof g === 'string' || g.type !== 'Point') throw badValue(`${what} must be a GeoJSON Point: ${typeof g === 'string' ? g : g.type}`)
  return g.coordinates
}

function readNear(path: string, op: string, value: unknown): NearTerm {
  if (!isPlainObject(value) || !('$geometry' in value)) {
    throw unsupported(`${op} on ${path} takes a GeoJSON $geometry (what wx-server-sdk's geoNear sends), not legacy coordinates`)
  }
  const minDistance = distanceOption(value.$minDistance, '$minDistance') ?? 0
  const maxDistance = distanceOption(value.$maxDistance, '$maxDistance') ?? Infinity
  return { path, center: readPoint(value.$geometry, `${op}.$geometry`), minDistance, maxDistance }
}

function readWithin(path: string, value: unknown): WithinTerm {
  if (!isPlainObject(value)) throw badValue('$geoWithin needs an object')
  if ('$centerSphere' in value) {
    const cs = value.$centerSphere
    if (!Array.isArray(cs) || cs.length !== 2) throw badValue('$centerSphere is [[longitude, latitude], radius in radians]')
    const radius = cs[1]
    if (typeof radius !== 'number' || !Number.isFinite(radius) || radius < 0) throw badValue('$centerSphere radius must be a non-negative number')
    return { path, region: capRegion(readPoint(cs[0], '$centerSphere centre'), radius) }
  }
  if ('$geometry' in value) {
    const g = readGeometry(value.$geometry)
    if (typeof g === 'string' || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) {
      throw badValue(`$geoWithin $geometry must be a Polygon or MultiPolygon: ${typeof g === 'string' ? g : g.type}`)
    }
    try {
      return { path, region: polygonRegion(g) }
    } catch (e) {
      throw badValue(`$geoWithin polygon: ${(e as Error).message} (big polygons need a custom CRS)`)
    }
  }
  throw unsupported(`$geoWithin on ${path} takes $geometry or $centerSphere; legacy $box, $polygon and $center need a 2d index`)
}

/** Moves the geo terms of the top level (and of `$and`) out of `query`; geo operators anywhere else are refused. */
function split(query: Doc, near: NearTerm[], within: WithinTerm[]): Doc {
  const rest: Doc = {}
  for (const [key, cond] of Object.entries(query)) {
    if (key === '$and' && Array.isArray(cond)) {
      const parts = cond.map((sub) => (isPlainObject(sub) ? split(sub, near, within) : sub)).filter((sub) => !isPlainObject(sub) || Object.keys(sub).length > 0)
      if (parts.length > 0) rest.$and = parts
      continue
    }
    const ops = isPlainObject(cond) && !key.startsWith('$') ? Object.keys(cond) : []
    const geoOp = ops.find((op) => GEO_OPERATORS.has(op))
    if (!geoOp || !isPlainObject(cond)) {
      rest[key] = cond
      continue
    }
    if (ops.length !== 1) throw unsupported(`${geoOp} on ${key} cannot be combined with other operators on the same field`)
    if (geoOp === '$nearSphere' || geoOp === '$near') near.push(readNear(key, geoOp, cond[geoOp]))
    else if (geoOp === '$geoWithin' || geoOp === '$within') within.push(readWithin(key, cond[geoOp]))
    else throw unsupported(`${geoOp} (the local database answers $nearSphere and $geoWithin)`)
  }
  return rest
}

/**
 * The geo terms of a query, or null when it has none. Each term's field needs a 2dsphere index,
 * as on the cloud (its documentation: 需对查询字段建立地理位置索引); `$nearSphere` without one fails
 * with the message the cloud was seen to give.
 */
export function planGeo(collection: string, indexed: (path: string) => boolean, query: Doc): GeoPlan | null {
  if (!hasGeoOperator(query)) return null
  const near: NearTerm[] = []
  const within: WithinTerm[] = []
  const rest = split(query, near, within)
  if (hasGeoOperator(rest)) throw unsupported('geo operators go at the top level of a query (or inside $and), not inside $or, $nor, $not or $elemMatch')
  if (near.length > 1) throw badValue('Too many geoNear expressions')
  const term = near[0] ?? null
  if (term && !indexed(term.path)) {
    const max = Number.isFinite(term.maxDistance) ? term.maxDistance : 1.79769e308
    throw badValue(`error processing query: ns=${collection}: GEONEAR  field=${term.path} maxdist=${max} isNearSphere=1 planner returned error: unable to find index for $geoNear query`)
  }
  for (const w of within) {
    if (!indexed(w.path)) {
      throw badValue(`error processing query: ns=${collection}: GEO field=${w.path} planner returned error: unable to find index for $geoWithin query (declare a "2dsphere" index on ${w.path} in cloudfunctions/collections.json)`)
    }
  }
  return { near: term, within, rest }
}

const linesAndPolygons = (index: GeoIndex): DatabaseError =>
  unsupported(`${index.collection}.${index.path} holds a line or polygon; geo queries here evaluate points only`)

/** True when every `$geoWithin` term holds for the document (points only). */
export function withinAll(doc: Doc, terms: readonly WithinTerm[], collection: string): boolean {
  for (const term of terms) {
    const g = geometryAt(doc, term.path.split('.'))
    if (g === null || typeof g === 'string') return false
    if (g.type !== 'Point') throw unsupported(`${collection}.${term.path} holds a ${g.type}; geo queries here evaluate points only`)
    if (!term.region.contains(g.coordinates)) return false
  }
  return true
}

/** The search radius of the first ring; later rings grow from it. City-scale data fills it quickly. */
const FIRST_RING_M = 1000

/**
 * Documents in increasing distance from the term's centre (ties in insertion order), without
 * reading the collection: the index is searched in growing circles (bounding boxes of each circle,
 * then the exact great-circle distance from the entry's stored point), and only entries inside
 * the current circle and beyond the previous one are handed to `accept`, nearest first, which
 * reads the document and answers it (or undefined when the rest of the query rejects it). Each
 * ring doubles the radius (quadruples after an empty ring), until `$maxDistance` or half the
 * globe. The caller stops pulling when it has enough.
 */
export function* nearestFirst<T>(index: GeoIndex, term: NearTerm, accept: (rid: number, distance: number) => T | undefined): Generator<T> {
  const maxAngle = Math.min(term.maxDistance / EARTH_RADIUS_M, Math.PI)
  let covered = -1
  let radius = Math.min(FIRST_RING_M / EARTH_RADIUS_M, maxAngle)
  for (;;) {
    const ring: Array<{ rid: number; angle: number }> = []
    for (const hit of index.search(capBoxes(term.center, radius))) {
      if (!hit.point) throw linesAndPolygons(index)
      const angle = centralAngle(term.center, hit.point)
      if (angle <= covered || angle > radius || angle * EARTH_RADIUS_M < term.minDistance) continue
      ring.push({ rid: hit.rid, angle })
    }
    ring.sort((a, b) => a.angle - b.angle || a.rid - b.rid)
    let accepted = 0
    for (const { rid, angle } of ring) {
      const found = accept(rid, angle * EARTH_RADIUS_M)
      if (found !== undefined) {
        accepted++
        yield found
      }
    }
    if (radius >= maxAngle) return
    covered = radius
    radius = Math.min(maxAngle, radius * (accepted === 0 ? 4 : 2))
  }
}

/** Insertion-ordered rids of the index entries inside the region (points only). */
export function ridsWithin(index: GeoIndex, region: Region): number[] {
  const rids: number[] = []
  for (const hit of index.search(region.boxes)) {
    if (!hit.point) throw linesAndPolygons(index)
    if (region.contains(hit.point)) rids.push(hit.rid)
  }
  return rids.sort((a, b) => a - b)
}

/** The options of an aggregation `$geoNear` stage, as wx-server-sdk's `Aggregate.geoNear` sends them. */
export interface GeoNearStage {
  term: NearTerm
  distanceField: string
  distanceMultiplier: number
  includeLocs: string | null
  query: Doc
  limit: number
}

const stageError = (message: string) => new DatabaseError('DATABASE_REQUEST_FAILED', message)

/** Reads a `$geoNear` stage; `geoPaths` are the collection's 2dsphere fields (the stage needs exactly one, or `key`). */
export function readGeoNearStage(spec: unknown, geoPaths: readonly string[]): GeoNearStage {
  if (!isPlainObject(spec)) throw stageError('$geoNear only takes an object as an argument')
  if (typeof spec.distanceField !== 'string' || spec.distanceField === '') throw stageError("$geoNear requires a 'distanceField' option as a String")
  if (spec.near === undefined) throw stageError("$geoNear requires a 'near' option")
  let path: string
  if (spec.key !== undefined) {
    if (typeof spec.key !== 'string' || !geoPaths.includes(spec.key)) throw stageError(`$geoNear: no 2dsphere index on key ${JSON.stringify(spec.key)}`)
    path = spec.key
  } else if (geoPaths.length === 1) {
    path = geoPaths[0] as string
  } else if (geoPaths.length === 0) {
    throw stageError('$geoNear requires a 2d or 2dsphere index, but none were found')
  } else {
    throw stageError('There is more than one 2dsphere index; unsure which to use for $geoNear')
  }
  const query = spec.query === undefined ? {} : spec.query
  if (!isPlainObject(query)) throw stageError('$geoNear query must be an object')
  if (hasGeoOperator(query)) throw unsupported('geo operators inside the query of $geoNear')
  const multiplier = spec.distanceMultiplier === undefined ? 1 : spec.distanceMultiplier
  if (typeof multiplier !== 'number' || !Number.isFinite(multiplier) || multiplier < 0) throw stageError('distanceMultiplier must be a non-negative number')
  const limit = spec.limit ?? spec.num
  if (limit !== undefined && (typeof limit !== 'number' || !Number.isInteger(limit) || limit <= 0)) throw stageError('$geoNear limit must be a positive integer')
  if (spec.includeLocs !== undefined && typeof spec.includeLocs !== 'string') throw stageError('includeLocs must be a string')
  return {
    term: {
      path,
      center: readPoint(spec.near, "$geoNear 'near'"),
      minDistance: distanceOption(spec.minDistance, 'minDistance') ?? 0,
      maxDistance: distanceOption(spec.maxDistance, 'maxDistance') ?? Infinity,
    },
    distanceField: spec.distanceField,
    distanceMultiplier: multiplier,
    includeLocs: typeof spec.includeLocs === 'string' ? spec.includeLocs : null,
    query,
    limit: typeof limit === 'number' ? limit : Infinity,
  }
}

/** Sets a dotted path on a document, creating sub-documents on the way. */
export function setPath(doc: Doc, path: string, value: unknown): void {
  const parts = path.split('.')
  let cur: Doc = doc
  for (const part of parts.slice(0, -1)) {
    if (!isPlainObject(cur[part])) cur[part] = {}
    cur = cur[part] as Doc
  }
  cur[parts[parts.length - 1] as string] = value
}
