/**
 * Snapshot and restore, what function tests use to start each test from the seed without seeding
 * again: after a restore the SDK reads exactly the snapshot's documents (dates still dates), later
 * writes are gone, and the indexes answer as before (unique keys refuse, geo queries find).
 */
import { parseManifest } from '../../emulator/db'
import { startCloud, type CloudHarness, type Database } from '../../emulator/db/testing'
import { failure, readDoc, sdk } from './helpers/db-cloud'

const MANIFEST = parseManifest({
  collections: [
    {
      name: 'places',
      indexes: [
        { name: 'by_code', unique: true, keys: [{ field: 'code', direction: 1 }] },
        { name: 'by_location', keys: [{ field: 'location', direction: '2dsphere' }] },
      ],
    },
  ],
})

let h: CloudHarness
let db: Database
beforeAll(async () => {
  h = await startCloud({ manifest: MANIFEST })
  db = h.db
})
afterAll(() => h.close())

const near = async (lon: number, lat: number) =>
  (
    (await sdk(db.collection('places').where({ location: db.command.geoNear({ geometry: db.Geo.Point(lon, lat), maxDistance: 200 }) }).get())) as {
      data: { _id: string }[]
    }
  ).data.map((doc) => doc._id)

test('a restore gives back the snapshot: documents, order, dates, collections, unique and geo indexes; later writes are gone', async () => {
  const openedAt = new Date('2026-03-01T01:00:00Z')
  await sdk(db.collection('places').add({ data: { _id: 'a', code: 'A', openedAt, location: db.Geo.Point(120.21, 30.21) } }))
  await sdk(db.collection('places').add({ data: { _id: 'b', code: 'B', openedAt, location: db.Geo.Point(120.3, 30.3) } }))
  await sdk(db.createCollection('notes'))
  await sdk(db.collection('notes').add({ data: { _id: 'n1', text: '运行时建的集合' } }))
  const snapshot = h.server.db.snapshot()
  const before = h.server.db.readCollection('places')

  await sdk(db.collection('places').doc('a').update({ data: { code: 'A2', location: db.Geo.Point(121, 31) } }))
  await sdk(db.collection('places').add({ data: { _id: 'c', code: 'C', location: db.Geo.Point(120.21, 30.21) } }))
  await sdk(db.createCollection('later'))
  expect(await near(120.21, 30.21)).toEqual(['c'])

  h.server.db.restore(snapshot)
  expect(h.server.db.readCollection('places')).toEqual(before)
  expect(h.server.db.readCollection('notes')).toEqual([{ _id: 'n1', text: '运行时建的集合' }])
  expect(h.server.db.collections()).not.toContain('later')
  const a = await readDoc<{ openedAt: Date; code: string }>(db.collection('places').doc('a').get())
  expect(a.openedAt).toBeInstanceOf(Date)
  expect(a.openedAt.getTime()).toBe(openedAt.getTime())
  expect(await near(120.21, 30.21)).toEqual(['a'])
  expect(await near(121, 31)).toEqual([])
  const duplicate = await failure(db.collection('places').add({ data: { _id: 'd', code: 'B' } }))
  expect(duplicate.message).toMatch(/duplicate|E11000|by_code/i)
  // A restore twice in a row gives the same data again: the snapshot is not consumed.
  h.server.db.restore(snapshot)
  expect(h.server.db.readCollection('places')).toEqual(before)
})
