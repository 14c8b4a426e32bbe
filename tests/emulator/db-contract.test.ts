/**
 * The database contract, scenario by scenario, through the real wx-server-sdk against the local
 * database server: what a cloud function sees is what it would see in the cloud.
 */
import type { Database } from '../../emulator/db/testing'
import { cloudForEachTest, failure, readDoc, sdk, serverDate } from './helpers/db-cloud'

const h = cloudForEachTest()
let db: Database
beforeAll(() => {
  db = h.db
})

const _ = () => db.command

describe('result shapes', () => {
  test('add, doc.get, where.get, count, update, set, remove, aggregate', async () => {
    const added = await sdk(db.collection('members').add({ data: { openid: 'o1', name: '张三' } }))
    expect(added).toEqual({ _id: expect.stringMatching(/^[0-9a-f]{32}$/), errMsg: 'collection.add:ok' })
    const id = (added as { _id: string })._id

    expect(await sdk(db.collection('members').doc(id).get())).toEqual({
      data: { _id: id, openid: 'o1', name: '张三' },
      errMsg: 'document.get:ok',
    })
    expect(await sdk(db.collection('members').where({ openid: 'o1' }).get())).toEqual({
      data: [{ _id: id, openid: 'o1', name: '张三' }],
      errMsg: 'collection.get:ok',
    })
    expect(await sdk(db.collection('members').where({ openid: 'o1' }).count())).toEqual({
      total: 1,
      errMsg: 'collection.count:ok',
    })
    expect(await sdk(db.collection('members').doc(id).update({ data: { name: '李四' } }))).toEqual({
      stats: { updated: 1 },
      errMsg: 'document.update:ok',
    })
    expect(await sdk(db.collection('members').doc('fixed-id').set({ data: { openid: 'o2' } }))).toEqual({
      _id: 'fixed-id',
      stats: { updated: 0, created: 1 },
      errMsg: 'document.set:ok',
    })
    expect(await sdk(db.collection('members').doc('fixed-id').set({ data: { openid: 'o3' } }))).toEqual({
      _id: 'fixed-id',
      stats: { updated: 1, created: 0 },
      errMsg: 'document.set:ok',
    })
    expect(await sdk(db.collection('members').where({ openid: 'o3' }).update({ data: { x: 1 } }))).toEqual({
      stats: { updated: 1 },
      errMsg: 'collection.update:ok',
    })
    expect(await sdk(db.collection('members').aggregate().match({ openid: 'o3' }).project({ _id: 0, x: 1 }).end())).toEqual({
      list: [{ x: 1 }],
      errMsg: 'collection.aggregate:ok',
    })
    expect(await sdk(db.collection('members').doc('fixed-id').remove())).toEqual({
      stats: { removed: 1 },
      errMsg: 'document.remove:ok',
    })
    expect(await sdk(db.collection('members').where({ openid: 'o1' }).remove())).toEqual({
      stats: { removed: 1 },
      errMsg: 'collection.remove:ok',
    })
  })

  test('add keeps a given _id and rejects a duplicate one', async () => {
    expect(await sdk(db.collection('unions').add({ data: { _id: 'u-1', name: 'A' } }))).toMatchObject({ _id: 'u-1' })
    const err = await failure(db.collection('unions').add({ data: { _id: 'u-1', name: 'B' } }))
    expect(err.errCode).toBe(-502001)
    expect(err.errMsg).toMatch(/duplicate key/)
    expect(h.server.db.readCollection('unions')).toEqual([{ _id: 'u-1', name: 'A' }])
  })
})

describe('missing documents and collections', () => {
  test('doc.get of a missing document: null with throwOnNotFound:false, an error by default', async () => {
    expect(await sdk(db.collection('members').doc('nope').get())).toEqual({ data: null, errMsg: 'document.get:ok' })
    const strict = h.cloud.database()
    const err = await failure(strict.collection('members').doc('nope').get())
    expect(err.errMsg).toMatch(/document with _id nope does not exist/)
  })

  test('a missing collection is errCode -502005 for every call', async () => {
    const c = db.collection('not_declared')
    for (const call of [
      () => c.get(),
      () => c.count(),
      () => c.doc('x').get(),
      () => c.add({ data: { a: 1 } }),
      () => c.doc('x').update({ data: { a: 1 } }),
      () => c.doc('x').set({ data: { a: 1 } }),
      () => c.where({ a: 1 }).update({ data: { a: 2 } }),
      () => c.where({ a: 1 }).remove(),
    ]) {
      const err = await failure(call())
      expect(err.errCode).toBe(-502005)
    }
    // Aggregate.end in wx-server-sdk 4.0.2 does not map the code: errCode -1, the cloud's message.
    const agg = await failure(c.aggregate().match({ a: 1 }).end())
    expect(agg.errCode).toBe(-1)
    expect(agg.errMsg).toMatch(/not exist/)
  })

  test('createCollection creates once, then fails', async () => {
    await expect(sdk(db.createCollection('scratch'))).resolves.toMatchObject({ errMsg: 'createCollection:ok' })
    await sdk(db.collection('scratch').add({ data: { a: 1 } }))
    expect(h.server.db.readCollection('scratch')).toHaveLength(1)
    const err = await failure(db.createCollection('scratch'))
    expect(err.errMsg).toMatch(/exist/i)
  })
})

describe('dates and db.serverDate()', () => {
  test('a Date round-trips as a Date', async () => {
    const at = new Date('2024-05-01T08:30:00.123Z')
    const { _id } = (await sdk(db.collection('activities').add({ data: { startAt: at } }))) as { _id: string }
    const data = await readDoc<{ startAt: Date }>(db.collection('activities').doc(_id).get())
    expect(data.startAt).toBeInstanceOf(Date)
    expect(data.startAt.getTime()).toBe(at.getTime())
    expect(h.server.db.readCollection('activities')).toEqual([{ _id, startAt: '2024-05-01T08:30:00.123Z' }])
  })

  test('serverDate in add, update and query, with offset', async () => {
    const before = Date.now()
    const { _id } = (await sdk(
      db.collection('activities').add({ data: { createdAt: db.serverDate(), later: serverDate(db, 3_600_000) } }),
    )) as { _id: string }
    const after = Date.now()
    const doc = await readDoc<{ createdAt: Date; later: Date }>(db.collection('activities').doc(_id).get())
    expect(doc.createdAt.getTime()).toBeGreaterThanOrEqual(before)
    expect(doc.createdAt.getTime()).toBeLessThanOrEqual(after)
    expect(doc.later.getTime() - doc.createdAt.getTime()).toBe(3_600_000)

    await sdk(db.collection('activities').doc(_id).update({ data: { meta: { touchedAt: db.serverDate() } } }))
    const touched = await readDoc<{ meta: { touchedAt: Date } }>(db.collection('activities').doc(_id).get())
    expect(touched.meta.touchedAt).toBeInstanceOf(Date)
    expect(touched.meta.touchedAt.getTime()).toBeGreaterThanOrEqual(after)

    const past = await sdk(db.collection('activities').where({ createdAt: _().lte(db.serverDate()) }).get())
    expect(past.data).toHaveLength(1)
    const future = await sdk(db.collection('activities').where({ later: _().lt(db.serverDate()) }).get())
    expect(future.data).toHaveLength(0)
    const shifted = await sdk(db.collection('activities').where({ later: _().lt(serverDate(db, 7_200_000)) }).get())
    expect(shifted.data).toHaveLength(1)
  })
})

describe('dotted paths and nested objects', () => {
  beforeEach(async () => {
    await sdk(db.collection('members').doc('m1').set({ data: { profile: { city: '杭州', age: 30 }, tag: 'a' } }))
    await sdk(db.collection('members').doc('m2').set({ data: { profile: { city: '宁波', age: 25 }, tag: 'b' } }))
  })

  test('where on a dotted path and on a nested object (the SDK flattens it) match the same', async () => {
    const dotted = await sdk(db.collection('members').where({ 'profile.city': '杭州' }).get())
    const nested = await sdk(db.collection('members').where({ profile: { city: '杭州' } }).get())
    expect(dotted.data.map((d) => d._id)).toEqual(['m1'])
    expect(nested.data.map((d) => d._id)).toEqual(['m1'])
  })

  test('whole sub-document equality with _.eq', async () => {
    const r = await sdk(db.collection('members').where({ profile: _().eq({ city: '宁波', age: 25 }) }).get())
    expect(r.data.map((d) => d._id)).toEqual(['m2'])
    const partial = await sdk(db.collection('members').where({ profile: _().eq({ city: '宁波' }) }).get())
    expect(partial.data).toHaveLength(0)
  })

  test('orderBy a dotted path', async () => {
    const r = await sdk(db.collection('members').orderBy('profile.age', 'asc').get())
    expect(r.data.map((d) => d._id)).toEqual(['m2', 'm1'])
  })

  test('update with a nested object sets the leaves and keeps siblings; _.set replaces the object', async () => {
    await sdk(db.collection('members').doc('m1').update({ data: { profile: { age: 31 } } }))
    await sdk(db.collection('members').doc('m2').update({ data: { 'profile.age': 26 } }))
    expect(h.server.db.readCollection('members')).toEqual([
      { _id: 'm1', profile: { city: '杭州', age: 31 }, tag: 'a' },
      { _id: 'm2', profile: { city: '宁波', age: 26 }, tag: 'b' },
    ])
    await sdk(db.collection('members').doc('m1').update({ data: { profile: _().set({ age: 32 }) } }))
    expect(h.server.db.readCollection('members')[0]).toEqual({ _id: 'm1', profile: { age: 32 }, tag: 'a' })
  })
})

describe('limits', () => {
  beforeEach(() => {
    h.server.db.insertDocuments(
      'outbox',
      Array.from({ length: 1200 }, (_v, i) => ({ _id: `d${String(i).padStart(4, '0')}`, toOpenid: 'o', i })),
    )
  })

  test('default limit is 100', async () => {
    expect((await sdk(db.collection('outbox').get())).data).toHaveLength(100)
    expect((await sdk(db.collection('outbox').where({ toOpenid: 'o' }).get())).data).toHaveLength(100)
  })

  test('limit up to 1000; more is capped at 1000 (by the SDK and by the server)', async () => {
    expect((await sdk(db.collection('outbox').limit(1000).get())).data).toHaveLength(1000)
    expect((await sdk(db.collection('outbox').limit(5000).get())).data).toHaveLength(1000)
    const raw = h.server.db.dispatch({ action: 'database.getDocument', collectionName: 'outbox', limit: 5000 })
    expect((raw.data as { list: unknown[] }).list).toHaveLength(1000)
  })

  test('skip pages through in order', async () => {
    const page = await sdk(db.collection('outbox').orderBy('i', 'asc').skip(1150).limit(100).get())
    expect(page.data.map((d) => d.i)).toEqual(Array.from({ length: 50 }, (_v, k) => 1150 + k))
  })
})

describe('set versus update', () => {
  beforeEach(() => sdk(db.collection('staff').doc('s1').set({ data: { openid: 'o1', role: 'admin', unions: ['u1'] } })))

  test('set replaces the whole document', async () => {
    await sdk(db.collection('staff').doc('s1').set({ data: { openid: 'o1' } }))
    expect(h.server.db.readCollection('staff')).toEqual([{ _id: 's1', openid: 'o1' }])
  })

  test('update merges', async () => {
    await sdk(db.collection('staff').doc('s1').update({ data: { role: 'staff' } }))
    expect(h.server.db.readCollection('staff')).toEqual([{ _id: 's1', openid: 'o1', role: 'staff', unions: ['u1'] }])
  })

  test('update of a missing document updates 0 and creates nothing', async () => {
    expect(await sdk(db.collection('staff').doc('ghost').update({ data: { role: 'x' } }))).toMatchObject({ stats: { updated: 0 } })
    expect(h.server.db.readCollection('staff')).toHaveLength(1)
  })

  test('update that changes nothing reports updated 0', async () => {
    expect(await sdk(db.collection('staff').doc('s1').update({ data: { role: 'admin' } }))).toMatchObject({ stats: { updated: 0 } })
  })
})

describe('update commands', () => {
  beforeEach(() =>
    sdk(
      db.collection('counters').doc('c').set({
        data: { n: 5, m: 3, list: [1, 2, 3, 4], set: ['a'], gone: true, keep: 1, obj: { x: 1 } },
      }),
    ),
  )

  test('inc, mul, push, pull, addToSet, remove', async () => {
    const c = _()
    await sdk(
      db.collection('counters').doc('c').update({
        data: {
          n: c.inc(2),
          m: c.mul(4),
          list: c.push([5, 6]),
          set: c.addToSet('a'),
          gone: c.remove(),
          fresh: c.inc(1),
          'obj.y': c.mul(2),
        },
      }),
    )
    expect(h.server.db.readCollection('counters')).toEqual([
      { _id: 'c', n: 7, m: 12, list: [1, 2, 3, 4, 5, 6], set: ['a'], keep: 1, obj: { x: 1, y: 0 }, fresh: 1 },
    ])
    await sdk(db.collection('counters').doc('c').update({ data: { list: c.pull(c.gt(4)), set: c.addToSet({ $each: ['b', 'a', 'c'] }) } }))
    await sdk(db.collection('counters').doc('c').update({ data: { list: c.pull(2) } }))
    await sdk(db.collection('counters').doc('c').update({ data: { list: c.push('tail') } }))
    const doc = h.server.db.readCollection('counters')[0] as { list: unknown[]; set: string[] }
    expect(doc.list).toEqual([1, 3, 4, 'tail'])
    expect(doc.set).toEqual(['a', 'b', 'c'])
  })

  test('an update that tries to change _id is rejected by the SDK', async () => {
    const err = await failure(db.collection('counters').doc('c').update({ data: { _id: 'other' } }))
    expect(err.errMsg).toMatch(/_id/)
  })
})

describe('query operators', () => {
  beforeEach(() => {
    h.server.db.insertDocuments('complaints', [
      { _id: 'c1', title: 'Wage arrears at depot', amount: 1200, status: 'submitted', tags: ['wage'], ownerOpenid: 'o1' },
      { _id: 'c2', title: 'wage delay', amount: 300, status: 'accepted', tags: ['wage', 'late'], ownerOpenid: 'o2' },
      { _id: 'c3', title: 'Overtime', amount: 0, status: 'closed', anonymous: true, ownerOpenid: 'o1' },
      { _id: 'c4', title: 'Safety', status: 'submitted', ownerOpenid: 'o3', amount: null },
    ])
  })
  const ids = async (q: Parameters<ReturnType<Database['collection']>['where']>[0]) =>
    (await sdk(db.collection('complaints').where(q).get())).data.map((d) => d._id)

  test('RegExp, db.RegExp', async () => {
    expect(await ids({ title: /wage/i })).toEqual(['c1', 'c2'])
    expect(await ids({ title: /^wage/ })).toEqual(['c2'])
    expect(await ids({ title: db.RegExp({ regexp: 'ARREARS', options: 'i' }) })).toEqual(['c1'])
  })

  test('in, nin, neq, exists', async () => {
    const c = _()
    expect(await ids({ status: c.in(['submitted', 'closed']) })).toEqual(['c1', 'c3', 'c4'])
    expect(await ids({ status: c.nin(['submitted', 'closed']) })).toEqual(['c2'])
    expect(await ids({ status: c.neq('submitted') })).toEqual(['c2', 'c3'])
    expect(await ids({ anonymous: c.exists(true) })).toEqual(['c3'])
    expect(await ids({ anonymous: c.exists(false) })).toEqual(['c1', 'c2', 'c4'])
    expect(await ids({ tags: 'late' })).toEqual(['c2'])
    expect(await ids({ amount: null })).toEqual(['c4'])
  })

  test('gt, gte, lt, lte, and, or', async () => {
    const c = _()
    expect(await ids({ amount: c.gt(0) })).toEqual(['c1', 'c2'])
    expect(await ids({ amount: c.gte(0).and(c.lt(1000)) })).toEqual(['c2', 'c3'])
    expect(await ids({ amount: c.lte(300) })).toEqual(['c2', 'c3'])
    expect(await ids(c.or([{ status: 'closed' }, { amount: c.gt(1000) }]))).toEqual(['c1', 'c3'])
    expect(await ids(c.and([{ ownerOpenid: 'o1' }, { status: c.neq('closed') }]))).toEqual(['c1'])
    expect(await ids({ amount: c.or(c.eq(0), c.gt(1000)) })).toEqual(['c1', 'c3'])
  })

  test('count with conditions', async () => {
    expect((await sdk(db.collection('complaints').where({ ownerOpenid: 'o1' }).count())).total).toBe(2)
    expect((await sdk(db.collection('complaints').where({ title: /wage/i, amount: _().gt(500) }).count())).total).toBe(1)
    expect((await sdk(db.collection('complaints').count())).total).toBe(4)
  })

  test('orderBy, skip, limit and field projection', async () => {
    const r = await sdk(
      db.collection('complaints').where({ amount: _().gte(0) }).orderBy('amount', 'desc').skip(1).limit(2).field({ title: true }).get(),
    )
    expect(r.data).toEqual([
      { _id: 'c2', title: 'wage delay' },
      { _id: 'c3', title: 'Overtime' },
    ])
    const without = await sdk(db.collection('complaints').doc('c4').field({ title: false, amount: false }).get())
    expect(without.data).toEqual({ _id: 'c4', status: 'submitted', ownerOpenid: 'o3' })
  })
})

test('unsupported operators are DATABASE_INVALID_OPERRATOR (-502002)', async () => {
  // geoNear and geoWithin are answered (tests/emulator/db-geo.test.ts); geoIntersects is not.
  const intersects = db.command.geoIntersects({ geometry: db.Geo.Point(120.1, 30.2) })
  expect((await failure(db.collection('unions').where({ location: intersects }).get())).errCode).toBe(-502002)
})

describe('where.update and where.remove', () => {
  beforeEach(() => {
    h.server.db.insertDocuments(
      'signups',
      Array.from({ length: 30 }, (_v, i) => ({ _id: `s${i}`, activityId: i < 20 ? 'a1' : 'a2', status: 'waiting', i })),
    )
  })

  test('update every match (no 100 or 1000 cap) and report the count', async () => {
    const r = await sdk(db.collection('signups').where({ activityId: 'a1' }).update({ data: { status: 'confirmed' } }))
    expect(r.stats.updated).toBe(20)
    expect((await sdk(db.collection('signups').where({ status: 'confirmed' }).count())).total).toBe(20)
    expect((await sdk(db.collection('signups').where({ activityId: 'none' }).update({ data: { x: 1 } }))).stats.updated).toBe(0)
  })

  test('a conditional update is atomic per document (seat taking)', async () => {
    await sdk(db.collection('activities').doc('a1').set({ data: { seats: 0, capacity: 5 } }))
    const results = await Promise.all(
      Array.from({ length: 12 }, () =>
        sdk(db.collection('activities').where({ _id: 'a1', seats: _().lt(5) }).update({ data: { seats: _().inc(1) } })),
      ),
    )
    expect(results.filter((r) => r.stats.updated === 1)).toHaveLength(5)
    expect(h.server.db.readCollection('activities')).toEqual([{ _id: 'a1', seats: 5, capacity: 5 }])
  })

  test('remove every match', async () => {
    const r = await sdk(db.collection('signups').where({ i: _().gte(10) }).remove())
    expect(r.stats.removed).toBe(20)
    expect(h.server.db.readCollection('signups')).toHaveLength(10)
  })
})

describe('aggregate', () => {
  beforeEach(() => {
    h.server.db.insertDocuments(
      'complaints',
      Array.from({ length: 40 }, (_v, i) => ({ unionId: `u${i % 4}`, status: i % 3 === 0 ? 'closed' : 'open', amount: i })),
    )
  })

  test('match, group, sort, skip, limit, project, count', async () => {
    const $ = db.command.aggregate
    const grouped = await sdk(
      db
        .collection('complaints')
        .aggregate()
        .match({ status: 'open' })
        .group({ _id: '$unionId', n: $.sum(1), total: $.sum('$amount') })
        .sort({ _id: 1 })
        .skip(1)
        .limit(2)
        .project({ _id: 1, n: 1 })
        .end(),
    )
    expect(grouped.list).toEqual([
      { _id: 'u1', n: 7 },
      { _id: 'u2', n: 7 },
    ])
    const counted = await sdk(db.collection('complaints').aggregate().match({ status: 'closed' }).count('n').end())
    expect(counted.list).toEqual([{ n: 14 }])
  })

  test('$lookup joins another collection', async () => {
    h.server.db.insertDocuments('unions', [{ _id: 'u1', name: '快递行业工会联合会' }])
    const r = await sdk(
      db.collection('complaints').aggregate().match({ unionId: 'u1' }).limit(1)
        .lookup({ from: 'unions', localField: 'unionId', foreignField: '_id', as: 'union' }).project({ _id: 0, union: 1 }).end(),
    )
    expect(r.list).toEqual([{ union: [{ _id: 'u1', name: '快递行业工会联合会' }] }])
  })

  test('without $limit the cloud returns at most 20 records', async () => {
    const r = await sdk(db.collection('complaints').aggregate().match({ status: 'open' }).end())
    expect(r.list).toHaveLength(20)
    const all = await sdk(db.collection('complaints').aggregate().match({ status: 'open' }).limit(100).end())
    expect(all.list).toHaveLength(26)
  })
})
