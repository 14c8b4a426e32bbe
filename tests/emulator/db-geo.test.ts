/**
 * Geo queries through the real wx-server-sdk against the local database: points and polygons
 * round-trip as the SDK represents them, `_.geoNear` / `_.geoWithin` / the `$geoNear` stage agree
 * with a haversine reference computed here, a field without a 2dsphere index is refused, and the
 * index answers without reading the collection.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { openDatabase, parseManifest, type CollectionManifest } from '../../emulator/db'
import { startCloud, type CloudHarness, type Database } from '../../emulator/db/testing'
import { failure, readDoc, sdk } from './helpers/db-cloud'

const MANIFEST: CollectionManifest = parseManifest({
  collections: [
    {
      name: 'spots',
      indexes: [
        { name: 'by_location', keys: [{ field: 'location', direction: '2dsphere' }] },
        { name: 'by_kind', keys: [{ field: 'kind', direction: 1 }] },
      ],
    },
    {
      name: 'routes',
      indexes: [
        { name: 'by_start', keys: [{ field: 'start', direction: '2dsphere' }] },
        { name: 'by_end', keys: [{ field: 'end.point', direction: '2dsphere' }] },
      ],
    },
    { name: 'plain', indexes: [{ name: 'by_kind', keys: [{ field: 'kind', direction: 1 }] }] },
  ],
})

/**
 * The reference: haversine on a sphere of the mean Earth radius (IUGG, 6371.0088 km). The local
 * database uses MongoDB's 6378.1 km, so its distances are 0.11 % longer; the tolerance is 0.5 %.
 */
const MEAN_RADIUS_M = 6_371_008.8
function haversine([lon1, lat1]: readonly number[], [lon2, lat2]: readonly number[]): number {
  const rad = Math.PI / 180
  const h = Math.sin(((lat2! - lat1!) * rad) / 2) ** 2 + Math.cos(lat1! * rad) * Math.cos(lat2! * rad) * Math.sin(((lon2! - lon1!) * rad) / 2) ** 2
  return 2 * MEAN_RADIUS_M * Math.asin(Math.sqrt(h))
}

/** A deterministic pseudo-random sequence, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

// 示范市's centre and ±0.25° around it (about 25 km east-west, 28 km north-south).
const CENTER = [120.17, 30.27] as const
interface Spot {
  _id: string
  name: string
  kind: 'station' | 'nursing' | 'legal'
  location: { type: 'Point'; coordinates: [number, number] }
}
function spots(count: number, seed = 7): Spot[] {
  const next = random(seed)
  const kinds = ['station', 'nursing', 'legal'] as const
  return Array.from({ length: count }, (_v, i) => ({
    _id: `s${String(i).padStart(6, '0')}`,
    name: `spot ${i}`,
    kind: kinds[i % 3]!,
    location: { type: 'Point', coordinates: [CENTER[0] + (next() - 0.5) * 0.5, CENTER[1] + (next() - 0.5) * 0.5] },
  }))
}

interface GeoPointLike {
  longitude: number
  latitude: number
}
type Found = { _id: string; name: string; kind: string; location: GeoPointLike }

/** What `get()` gives for a stored point: the SDK's Point object (its class is not exported), GeoJSON when serialised. */
function isSdkPoint(value: unknown, longitude: number, latitude: number): boolean {
  const point = value as GeoPointLike & { toJSON(): unknown }
  return (
    point.constructor.name === 'Point' &&
    point.longitude === longitude &&
    point.latitude === latitude &&
    JSON.stringify(point.toJSON()) === JSON.stringify({ type: 'Point', coordinates: [longitude, latitude] })
  )
}

let h: CloudHarness
let db: Database
beforeAll(async () => {
  h = await startCloud({ manifest: MANIFEST })
  db = h.db
})
afterAll(() => h.close())
beforeEach(() => h.server.db.reset())

const _ = () => db.command
const Geo = () => db.Geo
// The SDK sends `centerSphere` (its typings only declare `geometry`).
const centerSphere = (lon: number, lat: number, metres: number) =>
  _().geoWithin({ centerSphere: [[lon, lat], metres / 6_378_100] } as unknown as Parameters<Database['command']['geoWithin']>[0])

async function find(where: object, limit = 1000): Promise<Found[]> {
  return (await sdk(db.collection('spots').where(where).limit(limit).get())).data as Found[]
}

describe('points and polygons round-trip', () => {
  test('db.Geo.Point is stored as GeoJSON and read back as a db.Geo.Point, by doc and by query', async () => {
    const { _id } = (await sdk(db.collection('spots').add({ data: { name: '江南驿站', location: Geo().Point(120.2101, 30.2084) } }))) as { _id: string }
    const byDoc = await readDoc<{ location: GeoPointLike }>(db.collection('spots').doc(_id).get())
    expect(isSdkPoint(byDoc.location, 120.2101, 30.2084)).toBe(true)
    const [byQuery] = await find({ name: '江南驿站' })
    expect(isSdkPoint(byQuery!.location, 120.2101, 30.2084)).toBe(true)
    expect(h.server.db.readCollection('spots')).toEqual([{ _id, name: '江南驿站', location: { type: 'Point', coordinates: [120.2101, 30.2084] } }])
  })

  test('a plain GeoJSON point is the same point; an update moves it in the index', async () => {
    await sdk(db.collection('spots').add({ data: { _id: 'a', location: { type: 'Point', coordinates: [120.1, 30.3] } } }))
    const near = (lon: number, lat: number) => find({ location: _().geoNear({ geometry: Geo().Point(lon, lat), maxDistance: 100 }) })
    expect((await near(120.1, 30.3)).map((d) => d._id)).toEqual(['a'])
    await sdk(db.collection('spots').doc('a').update({ data: { location: Geo().Point(120.2, 30.2) } }))
    expect(await near(120.1, 30.3)).toEqual([])
    expect((await near(120.2, 30.2)).map((d) => d._id)).toEqual(['a'])
    await sdk(db.collection('spots').doc('a').remove())
    expect(await near(120.2, 30.2)).toEqual([])
  })

  test('db.Geo.Polygon round-trips as a Polygon', async () => {
    const { Point, LineString, Polygon } = Geo()
    const ring = LineString([Point(120.1, 30.2), Point(120.2, 30.2), Point(120.2, 30.3), Point(120.1, 30.3), Point(120.1, 30.2)])
    const { _id } = (await sdk(db.collection('spots').add({ data: { area: Polygon([ring]) } }))) as { _id: string }
    const stored = await readDoc<{ area: unknown }>(db.collection('spots').doc(_id).get())
    expect((stored.area as object).constructor.name).toBe('Polygon')
    expect(JSON.parse(JSON.stringify(stored.area))).toEqual({
      type: 'Polygon',
      coordinates: [[[120.1, 30.2], [120.2, 30.2], [120.2, 30.3], [120.1, 30.3], [120.1, 30.2]]],
    })
  })

  test('a value a 2dsphere index cannot take is refused as MongoDB refuses it, and nothing is stored', async () => {
    for (const location of ['江南大道', { type: 'Point', coordinates: [200, 30] }, { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1]]] }]) {
      const error = await failure(db.collection('spots').add({ data: { location } }))
      expect(error.errCode).toBe(-502001)
      expect(error.errMsg).toMatch(/Can't extract geo keys/)
    }
    await sdk(db.collection('spots').add({ data: { _id: 'p', location: Geo().Point(120, 30) } }))
    const error = await failure(db.collection('spots').doc('p').update({ data: { location: 'nowhere' } }))
    expect(error.errMsg).toMatch(/Can't extract geo keys/)
    // A field without the value is not indexed (the index is sparse) and is allowed.
    await sdk(db.collection('spots').add({ data: { _id: 'q', name: 'no location yet' } }))
    expect(h.server.db.readCollection('spots')).toEqual([
      { _id: 'p', location: { type: 'Point', coordinates: [120, 30] } },
      { _id: 'q', name: 'no location yet' },
    ])
  })
})

describe('_.geoNear', () => {
  const data = spots(2000)
  beforeEach(() => h.server.db.insertDocuments('spots', data))
  const from = [120.18, 30.26] as const
  const reference = data.map((s) => ({ _id: s._id, kind: s.kind, metres: haversine(from, s.location.coordinates) })).sort((a, b) => a.metres - b.metres)

  test('orders by distance, nearest first, as a haversine reference does', async () => {
    const found = await find({ location: _().geoNear({ geometry: Geo().Point(...from) }) }, 200)
    expect(found.map((d) => d._id)).toEqual(reference.slice(0, 200).map((r) => r._id))
  })

  test('skip and limit page through the same order; other conditions apply', async () => {
    const page = (sdk(db.collection('spots').where({ kind: 'nursing', location: _().geoNear({ geometry: Geo().Point(...from) }) }).skip(20).limit(20).get()))
    const nursing = reference.filter((r) => r.kind === 'nursing')
    expect(((await page).data as Found[]).map((d) => d._id)).toEqual(nursing.slice(20, 40).map((r) => r._id))
  })

  test('maxDistance and minDistance bound the distance in metres', async () => {
    const min = 1500
    const max = 4000
    const found = await find({ location: _().geoNear({ geometry: Geo().Point(...from), minDistance: min, maxDistance: max }) })
    const ids = new Set(found.map((d) => d._id))
    // Points within 0.5 % of a bound may fall either side (the two radii differ by 0.11 %).
    const clear = reference.filter((r) => Math.abs(r.metres - min) > min * 0.005 && Math.abs(r.metres - max) > max * 0.005)
    expect(clear.filter((r) => ids.has(r._id)).map((r) => r._id)).toEqual(clear.filter((r) => r.metres >= min && r.metres <= max).map((r) => r._id))
    expect(found.length).toBeGreaterThan(20)
    const nearest = (await find({ location: _().geoNear({ geometry: Geo().Point(...from), maxDistance: 50 }) })).length
    expect(nearest).toBe(reference.filter((r) => r.metres <= 50).length)
  })

  test('finds neighbours across the antimeridian and near a pole', async () => {
    h.server.db.reset()
    h.server.db.insertDocuments('spots', [
      { _id: 'east', location: { type: 'Point', coordinates: [179.95, 0] } },
      { _id: 'west', location: { type: 'Point', coordinates: [-179.95, 0] } },
      { _id: 'far', location: { type: 'Point', coordinates: [170, 0] } },
      { _id: 'pole-a', location: { type: 'Point', coordinates: [0, 89.99] } },
      { _id: 'pole-b', location: { type: 'Point', coordinates: [180, 89.99] } },
    ])
    const near = async (lon: number, lat: number, maxDistance: number) =>
      (await find({ location: _().geoNear({ geometry: Geo().Point(lon, lat), maxDistance }) })).map((d) => d._id)
    expect(await near(179.99, 0, 20_000)).toEqual(['east', 'west'])
    expect(await near(90, 89.995, 5_000)).toEqual(['pole-a', 'pole-b'])
  })

  test('count, update and remove refuse it, as MongoDB does', async () => {
    const where = { location: _().geoNear({ geometry: Geo().Point(...from), maxDistance: 1000 }) }
    for (const call of [db.collection('spots').where(where).count(), db.collection('spots').where(where).update({ data: { seen: true } }), db.collection('spots').where(where).remove()]) {
      expect((await failure(call)).errMsg).toMatch(/\$geoNear, \$near, and \$nearSphere are not allowed in this context/)
    }
  })
})

describe('_.geoWithin', () => {
  const data = spots(2000, 11)
  beforeEach(() => h.server.db.insertDocuments('spots', data))

  /** Plane ray casting in degrees: at city scale great-circle edges stray from it by centimetres. */
  function inRing([x, y]: readonly number[], ring: ReadonlyArray<readonly [number, number]>): boolean {
    let inside = false
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]!
      const [xj, yj] = ring[j]!
      if (yi > y! !== yj > y! && x! < ((xj - xi) * (y! - yi)) / (yj - yi) + xi) inside = !inside
    }
    return inside
  }
  /** Metres from a point to the nearest edge, roughly, to leave out points the reference cannot decide. */
  function nearEdge(p: readonly number[], ring: ReadonlyArray<readonly [number, number]>): boolean {
    return ring.some((a, i) => {
      const b = ring[(i + 1) % ring.length]!
      const [dx, dy] = [b[0] - a[0], b[1] - a[1]]
      const t = Math.max(0, Math.min(1, ((p[0]! - a[0]) * dx + (p[1]! - a[1]) * dy) / (dx * dx + dy * dy)))
      return haversine(p, [a[0] + t * dx, a[1] + t * dy]) < 20
    })
  }

  // A concave outline with a hole, like a district boundary around a lake.
  const outer: Array<[number, number]> = [[120.05, 30.15], [120.3, 30.18], [120.25, 30.3], [120.17, 30.24], [120.08, 30.35], [120.05, 30.15]]
  const hole: Array<[number, number]> = [[120.12, 30.2], [120.18, 30.2], [120.15, 30.23], [120.12, 30.2]]

  test('with a polygon (concave, with a hole): exactly the points inside', async () => {
    const { Point, LineString, Polygon } = Geo()
    const polygon = Polygon([LineString(outer.map(([x, y]) => Point(x, y))), LineString(hole.map(([x, y]) => Point(x, y)))])
    const found = new Set((await find({ location: _().geoWithin({ geometry: polygon }) })).map((d) => d._id))
    const decidable = data.filter((s) => !nearEdge(s.location.coordinates, outer) && !nearEdge(s.location.coordinates, hole))
    const expected = decidable.filter((s) => inRing(s.location.coordinates, outer) && !inRing(s.location.coordinates, hole)).map((s) => s._id)
    expect(expected.length).toBeGreaterThan(200)
    expect(decidable.filter((s) => found.has(s._id)).map((s) => s._id)).toEqual(expected)
  })

  test('with a MultiPolygon: points inside either part', async () => {
    const { Point, LineString, Polygon, MultiPolygon } = Geo()
    const square = (x: number, y: number, d: number) => Polygon([LineString([Point(x, y), Point(x + d, y), Point(x + d, y + d), Point(x, y + d), Point(x, y)])])
    const found = new Set((await find({ location: _().geoWithin({ geometry: MultiPolygon([square(120, 30.1, 0.1), square(120.25, 30.3, 0.1)]) }) })).map((d) => d._id))
    const inSquare = ([x, y]: readonly number[], x0: number, y0: number) => x! > x0 && x! < x0 + 0.1 && y! > y0 && y! < y0 + 0.1
    const expected = data.filter((s) => inSquare(s.location.coordinates, 120, 30.1) || inSquare(s.location.coordinates, 120.25, 30.3)).map((s) => s._id)
    expect([...found].sort()).toEqual(expected.sort())
  })

  test('with centerSphere: the points within the radius, and count agrees', async () => {
    const [lon, lat, metres] = [120.2, 30.3, 3000]
    const where = { kind: 'station', location: centerSphere(lon, lat, metres) }
    const found = (await find(where)).map((d) => d._id).sort()
    const clear = data.filter((s) => s.kind === 'station' && Math.abs(haversine([lon, lat], s.location.coordinates) - metres) > metres * 0.005)
    const ids = new Set(found)
    expect(clear.filter((s) => ids.has(s._id)).map((s) => s._id)).toEqual(clear.filter((s) => haversine([lon, lat], s.location.coordinates) < metres).map((s) => s._id))
    expect((await sdk(db.collection('spots').where(where).count())).total).toBe(found.length)
  })

  test('update and remove take it as a filter', async () => {
    const where = { location: centerSphere(120.17, 30.27, 2000) }
    const inside = (await find(where)).length
    expect(inside).toBeGreaterThan(5)
    expect((await sdk(db.collection('spots').where(where).update({ data: { checked: true } }))).stats.updated).toBe(inside)
    expect((await sdk(db.collection('spots').where({ checked: true }).count())).total).toBe(inside)
    expect((await sdk(db.collection('spots').where(where).remove())).stats.removed).toBe(inside)
    expect((await sdk(db.collection('spots').count())).total).toBe(data.length - inside)
  })
})

describe('the aggregation $geoNear stage', () => {
  const data = spots(1000, 5)
  beforeEach(() => h.server.db.insertDocuments('spots', data))
  const from = [120.15, 30.3] as const
  type Row = Spot & { distance: number; at?: unknown }

  async function aggregate(build: (a: ReturnType<ReturnType<Database['collection']>['aggregate']>) => unknown): Promise<Row[]> {
    return ((await (build(db.collection('spots').aggregate()) as Promise<{ list: Row[] }>)).list)
  }

  test('distanceField holds metres that agree with haversine within 0.5 %, nearest first; query, limit, maxDistance apply', async () => {
    const rows = await aggregate((a) =>
      a.geoNear({ near: Geo().Point(...from), spherical: true, distanceField: 'distance', maxDistance: 6000, query: { kind: 'legal' } }).limit(50).end(),
    )
    const expected = data
      .filter((s) => s.kind === 'legal')
      .map((s) => ({ _id: s._id, metres: haversine(from, s.location.coordinates) }))
      .filter((s) => s.metres < 6000 * 0.995)
      .sort((a, b) => a.metres - b.metres)
      .slice(0, 50)
    expect(expected.length).toBeGreaterThan(10)
    expect(rows.map((r) => r._id).slice(0, expected.length)).toEqual(expected.map((e) => e._id))
    rows.forEach((row, i) => {
      expect(Math.abs(row.distance - expected[i]!.metres) / expected[i]!.metres).toBeLessThan(0.005)
      expect(row.distance).toBeLessThanOrEqual(6000)
    })
    // Aggregation results are not turned into db.Geo objects by the SDK: the stored GeoJSON comes back.
    expect(rows[0]!.location).toEqual(data.find((s) => s._id === rows[0]!._id)!.location)
  })

  test('the stage options: distanceMultiplier, includeLocs, minDistance, and later stages', async () => {
    const rows = await aggregate((a) =>
      a
        .geoNear({ near: Geo().Point(...from), spherical: true, distanceField: 'distance', distanceMultiplier: 0.001, includeLocs: 'at', minDistance: 1000 })
        .match({ kind: 'station' })
        .project({ distance: 1, at: 1 })
        .limit(5)
        .end(),
    )
    expect(rows).toHaveLength(5)
    for (const row of rows) {
      expect(row.distance).toBeGreaterThanOrEqual(1)
      expect(row.at).toEqual(data.find((s) => s._id === row._id)!.location)
    }
    expect(rows.map((r) => r.distance)).toEqual([...rows.map((r) => r.distance)].sort((a, b) => a - b))
  })

  test('key chooses among two geo indexes; without it the stage is refused', async () => {
    await sdk(db.collection('routes').add({ data: { _id: 'r1', start: Geo().Point(120, 30), end: { point: Geo().Point(121, 31) } } }))
    const viaEnd = (await sdk(db.collection('routes').aggregate().geoNear({ near: Geo().Point(121, 31), spherical: true, distanceField: 'd', key: 'end.point' }).limit(1).end() as Promise<{ list: Array<{ d: number }> }>)).list
    expect(viaEnd[0]!.d).toBe(0)
    const error = await failure(db.collection('routes').aggregate().geoNear({ near: Geo().Point(121, 31), spherical: true, distanceField: 'd' }).end())
    expect(error.errMsg).toMatch(/more than one 2dsphere index/)
  })

  test('must be the first stage', async () => {
    const error = await failure(db.collection('spots').aggregate().match({ kind: 'legal' }).geoNear({ near: Geo().Point(...from), spherical: true, distanceField: 'd' }).end())
    expect(error.errMsg).toMatch(/\$geoNear is only valid as the first stage/)
  })
})

describe('a field without a 2dsphere index is refused', () => {
  beforeEach(async () => {
    await sdk(db.collection('plain').add({ data: { kind: 'x', location: Geo().Point(120.1, 30.2) } }))
  })

  test('geoNear fails with the error the cloud gives (-502001, unable to find index for $geoNear query)', async () => {
    const error = await failure(db.collection('plain').where({ location: _().geoNear({ geometry: Geo().Point(120.1, 30.2) }) }).get())
    expect(error.errCode).toBe(-502001)
    expect(error.errMsg).toMatch(/unable to find index for \$geoNear query/)
  })

  test('geoWithin and the aggregation stage fail too; the stored point still reads back', async () => {
    expect((await failure(db.collection('plain').where({ location: centerSphere(120.1, 30.2, 100) }).get())).errMsg).toMatch(/unable to find index for \$geoWithin query/)
    const stage = await failure(db.collection('plain').aggregate().geoNear({ near: Geo().Point(120.1, 30.2), spherical: true, distanceField: 'd' }).end())
    expect(stage.errMsg).toMatch(/requires a 2d or 2dsphere index, but none were found/)
    const [stored] = (await sdk(db.collection('plain').where({ kind: 'x' }).get())).data as Array<{ location: GeoPointLike }>
    expect(isSdkPoint(stored!.location, 120.1, 30.2)).toBe(true)
  })

  test('on an indexed collection, the wrong field is refused as well', async () => {
    const error = await failure(db.collection('spots').where({ elsewhere: _().geoNear({ geometry: Geo().Point(120.1, 30.2) }) }).get())
    expect(error.errMsg).toMatch(/field=elsewhere .*unable to find index/)
  })
})

describe('the index answers without reading the collection', () => {
  test('the 20 nearest of 100,000 places read 20 documents and a few hundred index entries', async () => {
    // In batches: one long synchronous insert would outlast the server's keep-alive and reset the SDK's socket.
    const all = spots(100_000, 3)
    for (let i = 0; i < all.length; i += 10_000) {
      h.server.db.insertDocuments('spots', all.slice(i, i + 10_000))
      await new Promise((resolve) => setImmediate(resolve))
    }
    const before = h.server.db.geoScan('spots')
    const found = await find({ location: _().geoNear({ geometry: Geo().Point(120.2, 30.25) }) }, 20)
    const after = h.server.db.geoScan('spots')
    expect(found).toHaveLength(20)
    expect(after.documents - before.documents).toBe(20)
    expect(after.indexEntries - before.indexEntries).toBeLessThan(1000)
  }, 120_000)
})

describe('the index lives with the file', () => {
  test('declaring a 2dsphere index on existing data builds it; reopening keeps it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'unionhub-geo-'))
    const file = path.join(dir, 'db.sqlite')
    try {
      const bare = parseManifest({ collections: [{ name: 'spots', indexes: [] }] })
      const first = openDatabase({ file, manifest: bare })
      first.insertDocuments('spots', spots(50))
      first.close()
      const indexed = openDatabase({ file, manifest: MANIFEST })
      const query = JSON.stringify({ location: { $nearSphere: { $geometry: { type: 'Point', coordinates: [120.17, 30.27] } } } })
      const ask = (d: typeof indexed) => d.dispatch({ action: 'database.getDocument', collectionName: 'spots', query, limit: 5 }) as { data: { list: string[] } }
      const firstAnswer = ask(indexed).data.list
      expect(firstAnswer).toHaveLength(5)
      indexed.close()
      const reopened = openDatabase({ file, manifest: MANIFEST })
      expect(ask(reopened).data.list).toEqual(firstAnswer)
      reopened.close()
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  test('the manifest refuses a geo index that is compound or unique', () => {
    expect(() => parseManifest({ collections: [{ name: 'x', indexes: [{ name: 'g', keys: [{ field: 'a', direction: '2dsphere' }, { field: 'b', direction: 1 }] }] }] })).toThrow(/exactly one key/)
    expect(() => parseManifest({ collections: [{ name: 'x', indexes: [{ name: 'g', keys: [{ field: 'a', direction: '2dsphere' }], unique: true }] }] })).toThrow(/not unique/)
  })
})
