import { isPlainObject } from './ejson'

/**
 * Geometry on the sphere for the local database's geo queries, computed as MongoDB's 2dsphere
 * index does: GeoJSON positions are [longitude, latitude] in degrees, distances are metres on a
 * sphere of radius 6378.1 km (MongoDB's kRadiusOfEarthInMeters), and the edges of lines and
 * polygons are great-circle arcs.
 */

export const EARTH_RADIUS_M = 6_378_100
const DEG = Math.PI / 180

export type Position = readonly [longitude: number, latitude: number]

export type PolygonGeometry = { type: 'Polygon'; coordinates: Position[][] } | { type: 'MultiPolygon'; coordinates: Position[][][] }

export type Geometry =
  | { type: 'Point'; coordinates: Position }
  | { type: 'MultiPoint' | 'LineString'; coordinates: Position[] }
  | { type: 'MultiLineString'; coordinates: Position[][] }
  | PolygonGeometry

/** A longitude/latitude rectangle in degrees; what the R*Tree stores and searches. */
export interface Box {
  minLon: number
  maxLon: number
  minLat: number
  maxLat: number
}

export const WORLD: Box = { minLon: -180, maxLon: 180, minLat: -90, maxLat: 90 }

// ---- GeoJSON ----

function position(value: unknown): Position | string {
  if (!Array.isArray(value) || value.length < 2) return 'a position is an array [longitude, latitude]'
  const [lon, lat] = value as unknown[]
  if (typeof lon !== 'number' || typeof lat !== 'number' || !Number.isFinite(lon) || !Number.isFinite(lat)) {
    return 'longitude and latitude must be numbers'
  }
  if (lon < -180 || lon > 180 || lat < -90 || lat > 90) return `longitude/latitude is out of bounds, lng: ${lon} lat: ${lat}`
  return [lon, lat]
}

function positions(value: unknown, min: number): Position[] | string {
  if (!Array.isArray(value) || value.length < min) return `expected an array of at least ${min} positions`
  const out: Position[] = []
  for (const item of value) {
    const p = position(item)
    if (typeof p === 'string') return p
    out.push(p)
  }
  return out
}

function ring(value: unknown): Position[] | string {
  const points = positions(value, 4)
  if (typeof points === 'string') return `a polygon ring needs at least 4 positions: ${points}`
  const first = points[0] as Position
  const last = points[points.length - 1] as Position
  if (first[0] !== last[0] || first[1] !== last[1]) return 'Loop is not closed: first and last positions must be equal'
  return points
}

function listOf<T>(value: unknown, min: number, read: (item: unknown) => T | string): T[] | string {
  if (!Array.isArray(value) || value.length < min) return `expected an array of at least ${min} elements`
  const out: T[] = []
  for (const item of value) {
    const r = read(item)
    if (typeof r === 'string') return r
    out.push(r)
  }
  return out
}

/**
 * The geometry a stored or queried value stands for, or why it is none: GeoJSON Point, MultiPoint,
 * LineString, MultiLineString, Polygon and MultiPolygon, and a legacy [longitude, latitude] pair.
 */
export function readGeometry(value: unknown): Geometry | string {
  if (Array.isArray(value)) {
    const p = position(value)
    return typeof p === 'string' ? p : { type: 'Point', coordinates: p }
  }
  if (!isPlainObject(value)) return 'Point must be an array or object'
  const { type, coordinates } = value
  switch (type) {
    case 'Point': {
      const p = position(coordinates)
      return typeof p === 'string' ? p : { type, coordinates: p }
    }
    case 'MultiPoint':
    case 'LineString': {
      const ps = positions(coordinates, type === 'LineString' ? 2 : 1)
      return typeof ps === 'string' ? ps : { type, coordinates: ps }
    }
    case 'MultiLineString': {
      const lines = listOf(coordinates, 1, (item) => positions(item, 2))
      return typeof lines === 'string' ? lines : { type, coordinates: lines }
    }
    case 'Polygon': {
      const rings = listOf(coordinates, 1, ring)
      return typeof rings === 'string' ? rings : { type, coordinates: rings }
    }
    case 'MultiPolygon': {
      const polygons = listOf(coordinates, 1, (item) => listOf(item, 1, ring))
      return typeof polygons === 'string' ? polygons : { type, coordinates: polygons }
    }
    default:
      return `unknown GeoJSON type: ${JSON.stringify(type)}`
  }
}

// ---- distances ----

/** The angle between two positions seen from the centre of the sphere, in radians (haversine). */
export function centralAngle(a: Position, b: Position): number {
  const lat1 = a[1] * DEG
  const lat2 = b[1] * DEG
  const sinLat = Math.sin((lat2 - lat1) / 2)
  const sinLon = Math.sin(((b[0] - a[0]) * DEG) / 2)
  const h = sinLat * sinLat + Math.cos(lat1) * Math.cos(lat2) * sinLon * sinLon
  return 2 * Math.asin(Math.min(1, Math.sqrt(h)))
}

/** Great-circle distance in metres, as `$nearSphere` and `$geoNear` report it. */
export function distanceMetres(a: Position, b: Position): number {
  return centralAngle(a, b) * EARTH_RADIUS_M
}

// ---- bounding boxes ----

// Box edges are widened by this much so that rounding never leaves a point on the boundary out.
const PAD = 1e-9

/**
 * The boxes that together cover every point within `angle` radians of `center`: one box, two
 * when the circle crosses the antimeridian, a full band of longitude when it reaches a pole.
 */
export function capBoxes(center: Position, angle: number): Box[] {
  if (angle >= Math.PI) return [WORLD]
  const lat = center[1] * DEG
  const minLat = (lat - angle) / DEG - PAD
  const maxLat = (lat + angle) / DEG + PAD
  if (maxLat >= 90 || minLat <= -90) return [{ minLon: -180, maxLon: 180, minLat: Math.max(-90, minLat), maxLat: Math.min(90, maxLat) }]
  // The widest longitude of the circle, at the latitude where a meridian touches it.
  const dLon = Math.asin(Math.min(1, Math.sin(angle) / Math.cos(lat))) / DEG + PAD
  const minLon = center[0] - dLon
  const maxLon = center[0] + dLon
  if (minLon < -180) return [{ minLon: minLon + 360, maxLon: 180, minLat, maxLat }, { minLon: -180, maxLon, minLat, maxLat }]
  if (maxLon > 180) return [{ minLon, maxLon: 180, minLat, maxLat }, { minLon: -180, maxLon: maxLon - 360, minLat, maxLat }]
  return [{ minLon, maxLon, minLat, maxLat }]
}

type Vec = readonly [number, number, number]

function toVec([lon, lat]: Position): Vec {
  const l = lon * DEG
  const p = lat * DEG
  const c = Math.cos(p)
  return [c * Math.cos(l), c * Math.sin(l), Math.sin(p)]
}

const dot = (a: Vec, b: Vec): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2]
const cross = (a: Vec, b: Vec): Vec => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]]
const scale = (a: Vec, k: number): Vec => [a[0] * k, a[1] * k, a[2] * k]
const norm = (a: Vec): number => Math.sqrt(dot(a, a))

/** Widens `box` to the latitudes a great-circle arc from `a` to `b` bulges to beyond its ends. */
function widenByArc(a: Position, b: Position, box: Box): void {
  const va = toVec(a)
  const vb = toVec(b)
  const n = cross(va, vb)
  const length = norm(n)
  if (length < 1e-15) return
  const unit = scale(n, 1 / length)
  // The circle's northernmost point: the north pole's direction projected onto the circle's plane.
  const toward: Vec = [-unit[2] * unit[0], -unit[2] * unit[1], 1 - unit[2] * unit[2]]
  const size = norm(toward)
  if (size < 1e-15) return
  const top = scale(toward, 1 / size)
  for (const q of [top, scale(top, -1)]) {
    if (dot(cross(va, q), n) >= 0 && dot(cross(q, vb), n) >= 0) {
      const lat = Math.asin(Math.max(-1, Math.min(1, q[2]))) / DEG
      box.minLat = Math.min(box.minLat, lat)
      box.maxLat = Math.max(box.maxLat, lat)
    }
  }
}

/** Every position of a geometry, and its edges (consecutive positions of lines and rings). */
function shape(g: Geometry): { points: Position[]; paths: Position[][] } {
  switch (g.type) {
    case 'Point':
      return { points: [g.coordinates], paths: [] }
    case 'MultiPoint':
      return { points: g.coordinates, paths: [] }
    case 'LineString':
      return { points: g.coordinates, paths: [g.coordinates] }
    case 'MultiLineString':
    case 'Polygon':
      return { points: g.coordinates.flat(), paths: g.coordinates }
    case 'MultiPolygon':
      return { points: g.coordinates.flat(2), paths: g.coordinates.flat() }
  }
}

/** A box that covers the whole geometry, great-circle edges included. */
export function geometryBox(g: Geometry): Box {
  const { points, paths } = shape(g)
  const box: Box = { minLon: 180, maxLon: -180, minLat: 90, maxLat: -90 }
  for (const [lon, lat] of points) {
    box.minLon = Math.min(box.minLon, lon)
    box.maxLon = Math.max(box.maxLon, lon)
    box.minLat = Math.min(box.minLat, lat)
    box.maxLat = Math.max(box.maxLat, lat)
  }
  let crossesAntimeridian = false
  for (const path of paths) {
    for (let i = 1; i < path.length; i++) {
      const a = path[i - 1] as Position
      const b = path[i] as Position
      if (Math.abs(b[0] - a[0]) > 180) crossesAntimeridian = true
      widenByArc(a, b, box)
    }
  }
  // An edge across the antimeridian leaves the vertices' longitude range: cover every longitude.
  if (crossesAntimeridian) Object.assign(box, { minLon: -180, maxLon: 180 })
  return { minLon: box.minLon - PAD, maxLon: box.maxLon + PAD, minLat: Math.max(-90, box.minLat - PAD), maxLat: Math.min(90, box.maxLat + PAD) }
}

// ---- regions ----

/**
 * A polygon on the sphere (an outer ring and optional holes). Containment is decided in the
 * gnomonic projection centred on the polygon: it maps great circles to straight lines, so a
 * plane point-in-polygon test is exact for great-circle edges. Like MongoDB's default polygons,
 * it must fit in a hemisphere.
 */
export class SphericalPolygon {
  private readonly center: Vec
  private readonly east: Vec
  private readonly north: Vec
  private readonly rings: Array<Array<[number, number]>>

  constructor(rings: Position[][]) {
    const outer = (rings[0] ?? []).slice(0, -1).map(toVec)
    const sum = outer.reduce<Vec>((s, v) => [s[0] + v[0], s[1] + v[1], s[2] + v[2]], [0, 0, 0])
    const length = norm(sum)
    if (length < 1e-12) throw new RangeError('polygon is larger than a hemisphere')
    this.center = scale(sum, 1 / length)
    const east = cross([0, 0, 1], this.center)
    this.east = norm(east) < 1e-12 ? [0, 1, 0] : scale(east, 1 / norm(east))
    this.north = cross(this.center, this.east)
    this.rings = rings.map((r) =>
      r.map((p) => {
        const projected = this.project(toVec(p))
        if (!projected) throw new RangeError('polygon is larger than a hemisphere')
        return projected
      }),
    )
  }

  private project(v: Vec): [number, number] | null {
    const d = dot(v, this.center)
    if (d <= 1e-9) return null
    return [dot(v, this.east) / d, dot(v, this.north) / d]
  }

  contains(p: Position): boolean {
    const xy = this.project(toVec(p))
    if (!xy) return false
    const [outer, ...holes] = this.rings
    return outer !== undefined && inRing(xy, outer) && !holes.some((hole) => inRing(xy, hole))
  }
}

/** Even-odd ray casting in the plane. */
function inRing([x, y]: [number, number], ring: Array<[number, number]>): boolean {
  let inside = false
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number]
    const [xj, yj] = ring[j] as [number, number]
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside
  }
  return inside
}

/** A `$geoWithin` region: boxes that cover it (for the index) and the exact test. */
export interface Region {
  boxes: Box[]
  contains(p: Position): boolean
}

/** Every point within `angle` radians of `center` (`$centerSphere`). */
export function capRegion(center: Position, angle: number): Region {
  return { boxes: capBoxes(center, angle), contains: (p) => centralAngle(center, p) <= angle }
}

/** The inside of a Polygon or MultiPolygon (`$geometry`). */
export function polygonRegion(g: PolygonGeometry): Region {
  const polygons = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates).map((rings) => new SphericalPolygon(rings))
  return { boxes: [geometryBox(g)], contains: (p) => polygons.some((polygon) => polygon.contains(p)) }
}
