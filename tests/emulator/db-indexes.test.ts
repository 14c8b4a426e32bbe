/**
 * Index push-down: indexed predicates become SQL index searches (proved with EXPLAIN QUERY PLAN on
 * the exact query the SDK sends), and results with indexes equal results without them.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { loadManifest, openDatabase, type CloudDatabase, type CollectionManifest } from '../../emulator/db'
import { pointSdkAt, startCloud, type Cloud, type CloudHarness, type Database } from '../../emulator/db/testing'
import { failure, sdk } from './helpers/db-cloud'

type Where = Parameters<ReturnType<Database['collection']>['where']>[0]

describe('EXPLAIN QUERY PLAN of what the SDK sends', () => {
  let dir: string
  let cdb: CloudDatabase
  let server: Server
  let db: Database
  const sent: Record<string, unknown>[] = []

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'unionhub-db-explain-'))
    cdb = openDatabase({ file: path.join(dir, 'db.sqlite'), manifest: loadManifest() })
    // Tee the request body: the database parses it itself, the test keeps a copy.
    server = createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => sent.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>))
      cdb.handleHttp(req, res)
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
    pointSdkAt(`http://127.0.0.1:${(server.address() as AddressInfo).port}/admin`)
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const cloud = require('wx-server-sdk') as Cloud
    cloud.init({ env: 'local' })
    db = cloud.database()
    cdb.insertDocuments(
      'members',
      Array.from({ length: 500 }, (_v, i) => ({ openid: `o${i}`, unionId: `u${i % 7}`, idHash: `h${i}` })),
    )
    cdb.insertDocuments(
      'activities',
      Array.from({ length: 200 }, (_v, i) => ({ unionId: `u${i % 5}`, status: i % 2 ? 'published' : 'draft', startAt: new Date(Date.UTC(2025, 0, 1 + i)) })),
    )
  })
  afterAll(async () => {
    server.closeAllConnections()
    await new Promise((r) => server.close(r))
    cdb.close()
    rmSync(dir, { recursive: true, force: true })
  })

  /** Runs a query through the SDK and returns the plan of the SQL the server ran for it. */
  async function planOf(run: () => Promise<unknown> | void | string): Promise<string[]> {
    sent.length = 0
    await sdk(run())
    const req = sent.find((r) => r.action === 'database.getDocument')
    if (!req) throw new Error('no getDocument was sent')
    return cdb.explain(req.collectionName as string, req.query as string, req.order as string | undefined)
  }

  test('an indexed equality searches the index, it does not scan', async () => {
    const plan = await planOf(() => db.collection('members').where({ openid: 'o42' }).limit(20).get())
    expect(plan).toEqual(['SEARCH c:members USING INDEX ix:members:by_openid (k:openid=?)'])
  })

  test('a compound index serves both equalities; doc(id) uses the _id index', async () => {
    cdb.insertDocuments('applications', [{ unionId: 'u1', status: 'pending', openid: 'o1' }])
    const plan = await planOf(() => db.collection('applications').where({ unionId: 'u1', status: 'pending' }).limit(20).get())
    expect(plan.join('\n')).toMatch(/SEARCH c:applications USING INDEX ix:applications:by_unionId_status \(k:unionId=\? AND k:status=\?\)/)
    const [anyMember] = cdb.readCollection('members') as { _id: string }[]
    const byId = await planOf(() => db.collection('members').doc(anyMember?._id ?? '').get())
    expect(byId.join('\n')).toMatch(/SEARCH c:members USING INDEX sqlite_autoindex_c:members_1 \(id=\?\)/)
  })

  test('$in and ranges on an indexed field search the index', async () => {
    const plan = await planOf(() => db.collection('members').where({ unionId: db.command.in(['u1', 'u2']) }).limit(20).get())
    expect(plan.join('\n')).toMatch(/SEARCH c:members USING INDEX ix:members:by_unionId \(k:unionId=\?\)/)
    const range = await planOf(() =>
      db.collection('activities').where({ status: 'published', startAt: db.command.gte(new Date('2025-03-01')) }).limit(20).get(),
    )
    expect(range.join('\n')).toMatch(/SEARCH c:activities USING INDEX ix:activities:by_status_startAt \(k:status=\? AND k:startAt>\? AND k:startAt<\?\)/)
  })

  test('a null in an indexed field is a key like any scalar: ranges on the field still search the index', async () => {
    cdb.insertDocuments('signups', [
      { activityId: 'a-null', status: 'waitlisted', waitlistedAt: new Date('2025-03-01T00:00:00Z') },
      { activityId: 'a-null', status: 'confirmed', waitlistedAt: null },
    ])
    const plan = await planOf(() =>
      db.collection('signups').where({ activityId: 'a-null', status: 'waitlisted', waitlistedAt: db.command.lt(new Date('2025-04-01')) }).limit(20).get(),
    )
    expect(plan.join('\n')).toMatch(/\(k:activityId=\? AND k:status=\? AND k:waitlistedAt>\? AND k:waitlistedAt<\?\)/)
  })

  test('an order on the next indexed field is read from the index, without a sort step', async () => {
    const plan = await planOf(() =>
      db.collection('activities').where({ status: 'published' }).orderBy('startAt', 'desc').limit(20).get(),
    )
    expect(plan).toEqual(['SEARCH c:activities USING INDEX ix:activities:by_status_startAt (k:status=?)'])
    const natural = await planOf(() => db.collection('members').where({ unionId: 'u3' }).limit(20).get())
    expect(natural).toEqual(['SEARCH c:members USING INDEX ix:members:by_unionId (k:unionId=?)'])
  })

  test('an unindexed field scans, as expected', async () => {
    const plan = await planOf(() => db.collection('members').where({ name: 'x' }).get())
    expect(plan).toEqual(['SCAN c:members'])
  })
})

// ---- Results with and without indexes are the same ----

/** Deterministic PRNG so a failure can be replayed. */
function mulberry32(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const SCALARS: unknown[] = [
  0, 1, -1, 2.5, 7, 100, -3.25, 1e9,
  '', 'a', 'B', 'b', 'ab', '工会', '工会通', '😀', '\uffff', 'zz',
  true, false, null,
  new Date('2024-01-01T00:00:00Z'), new Date('2025-06-15T12:00:00Z'), new Date('1969-07-20T20:17:00Z'),
]

const withIndexes: CollectionManifest['collections'][number]['indexes'] = [
  { name: 'by_a', keys: [{ field: 'a', direction: 1 }] },
  { name: 'by_b_c', keys: [{ field: 'b.c', direction: 1 }] },
  { name: 'by_d_e', keys: [{ field: 'd', direction: 1 }, { field: 'e', direction: -1 }] },
]
const equivalenceManifest: CollectionManifest = {
  collections: [
    { name: 'mixed', indexes: withIndexes },
    { name: 'mixed_plain', indexes: [] },
    { name: 'scalar', indexes: withIndexes },
    { name: 'scalar_plain', indexes: [] },
  ],
}

function makeDocs(seed: number, nonScalars: boolean): Record<string, unknown>[] {
  const rnd = mulberry32(seed)
  const pick = (): unknown => SCALARS[Math.floor(rnd() * SCALARS.length)]
  const value = (): unknown => {
    const r = rnd()
    if (r < 0.1) return undefined
    if (nonScalars && r < 0.2) return [pick(), pick()]
    if (nonScalars && r < 0.25) return { x: pick() }
    return pick()
  }
  return Array.from({ length: 240 }, (_v, i) => {
    const doc: Record<string, unknown> = { _id: `doc${String(i).padStart(3, '0')}`, i }
    for (const f of ['a', 'd', 'e']) {
      const v = value()
      if (v !== undefined) doc[f] = v
    }
    const c = value()
    if (nonScalars && rnd() < 0.1) doc.b = [{ c }, { c: pick() }]
    else if (c !== undefined) doc.b = { c }
    return doc
  })
}

describe('indexed and unindexed collections answer alike', () => {
  let h: CloudHarness
  beforeAll(async () => {
    h = await startCloud({ manifest: equivalenceManifest })
    for (const [name, nonScalars] of [['mixed', true], ['scalar', false]] as const) {
      const docs = makeDocs(7, nonScalars)
      h.server.db.insertDocuments(name, docs)
      h.server.db.insertDocuments(`${name}_plain`, docs)
    }
  })
  afterAll(() => h.close())

  function queries(db: Database): { where: Where; order?: [string, 'asc' | 'desc'][]; skip?: number; limit?: number }[] {
    const _ = db.command
    const out: ReturnType<typeof queries> = []
    for (const v of SCALARS) {
      out.push({ where: { a: v } }, { where: { 'b.c': v } }, { where: { d: v }, order: [['e', 'desc']], limit: 5 })
      if (v !== null && typeof v !== 'boolean') {
        out.push({ where: { a: _.gt(v) } }, { where: { a: _.lte(v) }, order: [['a', 'desc']], skip: 2, limit: 9 })
        out.push({ where: { d: _.gte(v).and(_.lt('zzz')) } }, { where: { 'b.c': _.lt(v) }, order: [['b.c', 'asc']], limit: 11 })
      }
    }
    out.push(
      { where: { a: _.in([1, 'a', null, true]) } },
      { where: { a: _.in([]) } },
      { where: { a: _.nin([1, 'a']) } },
      { where: { a: _.neq(null) }, order: [['a', 'asc']], limit: 50 },
      { where: { d: 'a', e: _.gt(0) } },
      { where: {}, order: [['a', 'asc']], skip: 5, limit: 40 },
      { where: {}, order: [['a', 'desc']], limit: 40 },
      { where: {}, order: [['d', 'asc'], ['e', 'asc']], limit: 60 },
      { where: {}, order: [['d', 'desc'], ['e', 'desc']], limit: 60 },
      { where: {}, order: [['d', 'asc'], ['e', 'desc']], limit: 60 },
      { where: { a: _.exists(false) } },
      { where: _.or([{ a: 1 }, { d: 'b' }]) },
    )
    return out
  }

  test.each(['mixed', 'scalar'])('%s', async (name) => {
    const db = h.db
    let compared = 0
    const mismatches: unknown[] = []
    for (const q of queries(db)) {
      const run = async (coll: string) => {
        let query = db.collection(coll).where(q.where)
        for (const [f, d] of q.order ?? []) query = query.orderBy(f, d)
        if (q.skip) query = query.skip(q.skip)
        const rows = (await sdk(query.limit(q.limit ?? 1000).get())).data.map((d) => d._id)
        const total = (await sdk(db.collection(coll).where(q.where).count())).total
        return { rows, total }
      }
      const indexed = await run(name)
      const plain = await run(`${name}_plain`)
      if (JSON.stringify(indexed) !== JSON.stringify(plain)) mismatches.push({ q, indexed, plain })
      compared++
    }
    expect(mismatches).toEqual([])
    expect(compared).toBeGreaterThan(100)
  })
})

describe('manifest changes on an existing file', () => {
  test('adding an index backfills its keys; removing it drops them; results stay right', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'unionhub-db-manifest-'))
    const file = path.join(dir, 'db.sqlite')
    const bare: CollectionManifest = { collections: [{ name: 'things', indexes: [] }] }
    const indexed: CollectionManifest = {
      collections: [{ name: 'things', indexes: [{ name: 'by_f', keys: [{ field: 'f', direction: 1 }] }] }],
    }
    const q = (v: string) => JSON.stringify({ f: v })
    const ids = (cdb: CloudDatabase, v: string) =>
      ((cdb.dispatch({ action: 'database.getDocument', collectionName: 'things', query: q(v) }).data as { list: string[] }).list).map(
        (t) => (JSON.parse(t) as { _id: string })._id,
      )
    try {
      let cdb = openDatabase({ file, manifest: bare })
      cdb.insertDocuments('things', [
        { _id: '1', f: 'x' },
        { _id: '2', f: ['y', 'x'] },
        { _id: '3', f: 'y' },
      ])
      cdb.close()
      cdb = openDatabase({ file, manifest: indexed })
      expect(cdb.explain('things', q('x')).join()).toMatch(/USING INDEX ix:things:by_f/)
      expect(ids(cdb, 'x')).toEqual(['1', '2'])
      cdb.close()
      cdb = openDatabase({ file, manifest: bare })
      expect(cdb.explain('things', q('x'))).toEqual(['SCAN c:things'])
      expect(ids(cdb, 'y')).toEqual(['2', '3'])
      cdb.close()
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('unique indexes', () => {
  let h: CloudHarness
  beforeAll(async () => {
    h = await startCloud({
      manifest: {
        collections: [{ name: 'cards', indexes: [{ name: 'by_number', keys: [{ field: 'number', direction: 1 }], unique: true }] }],
      },
    })
  })
  afterAll(() => h.close())

  test('a duplicate key on add or update is DATABASE_REQUEST_FAILED (-502001) and writes nothing', async () => {
    const cards = h.db.collection('cards')
    await sdk(cards.add({ data: { _id: 'c1', number: 'N-001' } }))
    await sdk(cards.add({ data: { _id: 'c2', number: 'N-002' } }))
    const dupAdd = await failure(cards.add({ data: { number: 'N-001' } }))
    expect(dupAdd.errCode).toBe(-502001)
    expect(dupAdd.errMsg).toMatch(/duplicate key.*by_number/)
    const dupUpdate = await failure(cards.doc('c2').update({ data: { number: 'N-001' } }))
    expect(dupUpdate.errCode).toBe(-502001)
    expect(h.server.db.readCollection('cards')).toEqual([
      { _id: 'c1', number: 'N-001' },
      { _id: 'c2', number: 'N-002' },
    ])
  })
})
