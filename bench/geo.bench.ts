/**
 * Geo queries of the local database through the real wx-server-sdk: the 20 nearest places
 * (`where({ location: _.geoNear(...) }).limit(20)`) among 10,000 and among 100,000 places spread
 * over a city of about 50 × 55 km, from random points in it. The 2dsphere index (an SQLite R*Tree)
 * must keep the query at 100k within 2× of 10k; the run fails beyond that.
 *
 *   npx tsx bench/geo.bench.ts [--samples 1000] [--sizes 10000,100000]
 */
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { parseManifest } from '../emulator/db'
import { startCloud } from '../emulator/db/testing'
import { formatStats, measure, type OpStats } from './db.bench'

const MAX_RATIO = 2
// 示范市: a box of ±0.25° around its centre.
const CENTER = [120.17, 30.27] as const
const SPAN = 0.5

const MANIFEST = parseManifest({
  collections: [
    {
      name: 'places',
      indexes: [
        { name: 'by_location', keys: [{ field: 'location', direction: '2dsphere' }] },
        { name: 'by_status', keys: [{ field: 'status', direction: 1 }] },
      ],
    },
  ],
})

const inCity = (): [number, number] => [CENTER[0] + (Math.random() - 0.5) * SPAN, CENTER[1] + (Math.random() - 0.5) * SPAN]

/** A place document of realistic size (about 600 bytes of EJSON). */
function place(i: number): Record<string, unknown> {
  return {
    _id: `p${String(i).padStart(7, '0')}`,
    name: `户外劳动者服务站 ${i}`,
    type: 'outdoor_station',
    unionId: `u${i % 50}`,
    address: '示范市滨江区江南大道 88 号',
    district: '滨江区',
    location: { type: 'Point', coordinates: inCity() },
    hours: { always: false, weekly: { mon: [{ open: '08:00', close: '20:00' }], tue: [{ open: '08:00', close: '20:00' }] } },
    facilities: ['water', 'charging', 'toilet', 'rest'],
    phone: '0571-88886666',
    photos: [],
    status: 'active',
    verifiedAt: new Date(Date.UTC(2025, 0, 1) + i * 60_000),
    rating: { sum: 0, count: 0 },
  }
}

export async function benchGeo(sizes: number[], samples: number): Promise<OpStats[]> {
  const out: OpStats[] = []
  for (const size of sizes) {
    const { server, db, close } = await startCloud({ manifest: MANIFEST })
    try {
      const seeded = performance.now()
      for (let i = 0; i < size; i += 10_000) {
        server.db.insertDocuments('places', Array.from({ length: Math.min(10_000, size - i) }, (_v, k) => place(i + k)))
        // Let the server's idle keep-alive sockets close cleanly between batches.
        await new Promise((resolve) => setImmediate(resolve))
      }
      console.log(`  seeded ${size} places in ${((performance.now() - seeded) / 1000).toFixed(1)} s`)
      const _ = db.command
      const stats = await measure(async () => {
        const where = { status: 'active', location: _.geoNear({ geometry: db.Geo.Point(...inCity()) }) }
        const res = await db.collection('places').where(where).limit(20).get()
        if (!res || typeof res !== 'object' || res.data.length !== 20) throw new Error('expected 20 places')
      }, samples)
      out.push({ size, op: 'geoNear, 20 nearest', samples, ...stats })
      const read = server.db.geoScan('places')
      console.log(`  per query: ${(read.indexEntries / (samples + Math.min(200, samples))).toFixed(0)} index entries, ${(read.documents / (samples + Math.min(200, samples))).toFixed(1)} documents read`)
    } finally {
      await close()
    }
  }
  return out
}

export function formatGeoStats(stats: OpStats[]): { text: string; ok: boolean } {
  return formatStats('geo queries through wx-server-sdk (in-process server, 2dsphere index as an SQLite R*Tree)', stats, stats, MAX_RATIO)
}

if (require.main === module) {
  const { values } = parseArgs({ options: { samples: { type: 'string' }, sizes: { type: 'string' } } })
  const sizes = (values.sizes ?? '10000,100000').split(',').map(Number)
  benchGeo(sizes, Number(values.samples ?? 1000))
    .then((stats) => {
      const { text, ok } = formatGeoStats(stats)
      console.log(text)
      if (!ok) process.exit(1)
    })
    .catch((error: unknown) => {
      console.error(error)
      process.exit(1)
    })
}
