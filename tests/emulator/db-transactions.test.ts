/**
 * Transactions through the real SDK: commit, rollback, isolation and conflicts. Between two
 * transactions the first writer of a document wins, as on the cloud: the second one's write fails
 * at once and aborts it. Against plain writes the server validates at commit that every document the
 * transaction read or wrote is unchanged; otherwise the commit fails with
 * DATABASE_TRANSACTION_CONFLICT and nothing is written.
 */
import { pointSdkAt, startCloud, type Database } from '../../emulator/db/testing'
import { cloudForEachTest, failure, readDoc, sdk, type SdkError } from './helpers/db-cloud'

const h = cloudForEachTest((server) =>
  server.insertDocuments('counters', [
    { _id: 'a', n: 100 },
    { _id: 'b', n: 0 },
  ]),
)
let db: Database
beforeAll(() => {
  db = h.db
})

interface Counter {
  _id: string
  n: number
}

/** The transaction object the SDK hands out; its typings declare it as `any`. */
interface Txn {
  collection(name: string): ReturnType<Database['collection']>
  commit(): Promise<unknown>
  rollback(reason?: unknown): Promise<unknown>
}

const start = async (): Promise<Txn> => (await db.startTransaction()) as Txn
const run = <T>(fn: (t: Txn) => Promise<T>, times?: number): Promise<T> =>
  db.runTransaction((t: Txn) => fn(t), times) as Promise<T>
const counters = (): Counter[] => h.server.db.readCollection('counters') as Counter[]
const bump = (id: string, n: number) => sdk(db.collection('counters').doc(id).update({ data: { n } }))

describe('runTransaction', () => {
  test('commits every write and resolves with the callback result', async () => {
    const result = await run(async (t) => {
      const a = await readDoc<Counter>(t.collection('counters').doc('a').get())
      const b = await readDoc<Counter>(t.collection('counters').doc('b').get())
      await sdk(t.collection('counters').doc('a').update({ data: { n: a.n - 30 } }))
      await sdk(t.collection('counters').doc('b').update({ data: { n: b.n + 30 } }))
      await sdk(t.collection('counters').add({ data: { _id: 'log1', n: 30 } }))
      return 'moved'
    })
    expect(result).toBe('moved')
    expect(counters()).toEqual([
      { _id: 'a', n: 70 },
      { _id: 'b', n: 30 },
      { _id: 'log1', n: 30 },
    ])
  })

  test('rollback(reason) writes nothing and rejects with the reason', async () => {
    await expect(
      run(async (t) => {
        await sdk(t.collection('counters').doc('a').update({ data: { n: 0 } }))
        await t.rollback('余额不足')
      }),
    ).rejects.toBe('余额不足')
    expect(counters()).toEqual([
      { _id: 'a', n: 100 },
      { _id: 'b', n: 0 },
    ])
  })

  test('a throwing callback writes nothing', async () => {
    await expect(
      run(async (t) => {
        await sdk(t.collection('counters').doc('a').remove())
        throw new Error('boom')
      }),
    ).rejects.toThrow('boom')
    expect(counters()).toHaveLength(2)
  })

  test('a conflict on the first attempt: the SDK runs the callback again, which then commits', async () => {
    let attempts = 0
    await run(async (t) => {
      attempts++
      const a = await readDoc<Counter>(t.collection('counters').doc('a').get())
      if (attempts === 1) await bump('a', 500) // a concurrent write between read and commit
      await sdk(t.collection('counters').doc('a').update({ data: { n: a.n + 1 } }))
    })
    expect(attempts).toBe(2)
    expect(counters()[0]).toEqual({ _id: 'a', n: 501 })
  })

  test('a write to a document another open transaction has written fails the callback at once; the SDK does not retry it', async () => {
    const holder = await start()
    await sdk(holder.collection('counters').doc('a').update({ data: { n: 1 } }))
    let attempts = 0
    const err = (await run(async (t) => {
      attempts++
      await sdk(t.collection('counters').doc('b').update({ data: { n: 7 } }))
      await sdk(t.collection('counters').doc('a').update({ data: { n: 2 } }))
    }).catch((e: unknown) => e)) as SdkError
    // wx-server-sdk turns a failed document call into { errCode, errMsg } without `code`, and
    // @cloudbase/database re-runs the callback only for a `code` of DATABASE_TRANSACTION_CONFLICT.
    expect(err).toMatchObject({ errCode: -501001, errMsg: expect.stringMatching(/TransactionConflict.*counters\/a/) })
    expect(err.code).toBeUndefined()
    expect(attempts).toBe(1)

    await holder.commit()
    expect(counters()).toEqual([
      { _id: 'a', n: 1 },
      { _id: 'b', n: 0 },
    ])
    // Once the holder has finished, the same callback goes through.
    await run(async (t) => {
      await sdk(t.collection('counters').doc('a').update({ data: { n: 2 } }))
    })
    expect(counters()[0]).toEqual({ _id: 'a', n: 2 })
  })

  test('a conflict on every attempt aborts with DATABASE_TRANSACTION_CONFLICT after the SDK gives up', async () => {
    let attempts = 0
    const err = (await run(async (t) => {
      attempts++
      await readDoc<Counter>(t.collection('counters').doc('a').get())
      await bump('a', attempts)
      await sdk(t.collection('counters').doc('b').update({ data: { n: 999 } }))
    }).catch((e: unknown) => e)) as SdkError
    expect(err.code).toBe('DATABASE_TRANSACTION_CONFLICT')
    // @cloudbase/database 1.4.3 retries while times > 0, so the default 3 means 4 executions.
    expect(attempts).toBe(4)
    expect(counters()).toEqual([
      { _id: 'a', n: 4 },
      { _id: 'b', n: 0 },
    ])
  })
})

describe('startTransaction', () => {
  test('writes are invisible outside until commit; the transaction sees its own writes', async () => {
    const t = await start()
    await sdk(t.collection('counters').doc('a').update({ data: { n: 1 } }))
    await sdk(t.collection('counters').add({ data: { _id: 'c', n: 3 } }))
    await sdk(t.collection('counters').doc('b').remove())

    expect((await readDoc<Counter>(db.collection('counters').doc('a').get())).n).toBe(100)
    expect(await readDoc<Counter | null>(db.collection('counters').doc('c').get())).toBeNull()
    expect((await sdk(db.collection('counters').count())).total).toBe(2)

    expect((await readDoc<Counter>(t.collection('counters').doc('a').get())).n).toBe(1)
    expect((await readDoc<Counter>(t.collection('counters').doc('c').get())).n).toBe(3)
    expect(await readDoc<Counter | null>(t.collection('counters').doc('b').get())).toBeNull()
    const seen = await sdk(t.collection('counters').where({ n: db.command.lt(10) }).get())
    expect(seen.data.map((d) => d._id)).toEqual(['a', 'c'])

    await t.commit()
    expect(counters()).toEqual([
      { _id: 'a', n: 1 },
      { _id: 'c', n: 3 },
    ])
  })

  test('set inside a transaction replaces or creates', async () => {
    const t = await start()
    await sdk(t.collection('counters').doc('a').set({ data: { n: 7, note: 'reset' } }))
    await sdk(t.collection('counters').doc('z').set({ data: { n: 9 } }))
    await t.commit()
    expect(counters()).toEqual([
      { _id: 'a', n: 7, note: 'reset' },
      { _id: 'b', n: 0 },
      { _id: 'z', n: 9 },
    ])
  })

  test('rollback discards, and the transaction is gone afterwards', async () => {
    const t = await start()
    await sdk(t.collection('counters').doc('a').update({ data: { n: 0 } }))
    await t.rollback()
    expect(counters()[0]).toEqual({ _id: 'a', n: 100 })
    const err = await failure(t.collection('counters').doc('a').get())
    expect(err.errMsg).toMatch(/TransactionNotExist/)
  })

  test('commit fails if a document it read changed since', async () => {
    const t = await start()
    await readDoc<Counter>(t.collection('counters').doc('a').get())
    await bump('a', 1)
    await sdk(t.collection('counters').doc('b').update({ data: { n: 5 } }))
    const err = (await t.commit().catch((e: unknown) => e)) as SdkError
    expect(err.code).toBe('DATABASE_TRANSACTION_CONFLICT')
    expect(err.message).toMatch(/counters\/a/)
    expect(counters()).toEqual([
      { _id: 'a', n: 1 },
      { _id: 'b', n: 0 },
    ])
  })

  test('commit fails if a document it wrote (without reading) changed since', async () => {
    // A plain write does not wait for the transaction here (the cloud makes it wait): either way one
    // of the two is applied after the other, never both over each other.
    const t = await start()
    await sdk(t.collection('counters').doc('a').update({ data: { tag: 'x' } }))
    await bump('a', 2)
    expect(((await t.commit().catch((e: unknown) => e)) as SdkError).code).toBe('DATABASE_TRANSACTION_CONFLICT')
    expect(counters()[0]).toEqual({ _id: 'a', n: 2 })
  })

  test('two transactions writing one document: the first writer wins, the second write fails at once and aborts its transaction', async () => {
    const first = await start()
    const second = await start()
    await sdk(first.collection('counters').doc('a').update({ data: { n: 1 } }))
    await sdk(second.collection('counters').doc('b').update({ data: { n: 5 } }))
    const err = await failure(second.collection('counters').doc('a').update({ data: { n: 2 } }))
    expect(err).toMatchObject({ errCode: -501001, errMsg: expect.stringMatching(/TransactionConflict.*counters\/a/) })
    // The second transaction is gone with everything it wrote; the first commits even after it.
    expect((await failure(second.collection('counters').doc('b').get())).errMsg).toMatch(/TransactionNotExist/)
    expect(((await second.commit().catch((e: unknown) => e)) as SdkError).code).toBe('DATABASE_TRANSACTION_FAIL')
    await first.commit()
    expect(counters()).toEqual([
      { _id: 'a', n: 1 },
      { _id: 'b', n: 0 },
    ])
  })

  test.each([
    ['set', (t: Txn) => sdk(t.collection('counters').doc('a').set({ data: { n: 3 } }))],
    ['remove', (t: Txn) => sdk(t.collection('counters').doc('a').remove())],
    ['add with the same _id', (t: Txn) => sdk(t.collection('counters').add({ data: { _id: 'a2', n: 3 } }))],
  ])('the first writer also wins against a second transaction’s %s', async (_name, write) => {
    const first = await start()
    await sdk(first.collection('counters').doc('a').remove())
    await sdk(first.collection('counters').add({ data: { _id: 'a2', n: 1 } }))
    const second = await start()
    expect((await failure(write(second))).errMsg).toMatch(/TransactionConflict/)
    await first.commit()
    expect(counters()).toEqual([
      { _id: 'b', n: 0 },
      { _id: 'a2', n: 1 },
    ])
  })

  test('a document is free again once its writer has rolled back or committed', async () => {
    const rolledBack = await start()
    await sdk(rolledBack.collection('counters').doc('a').update({ data: { n: 1 } }))
    await rolledBack.rollback()
    const committed = await start()
    await sdk(committed.collection('counters').doc('a').update({ data: { n: 2 } }))
    await committed.commit()
    const next = await start()
    await sdk(next.collection('counters').doc('a').update({ data: { n: 3 } }))
    await next.commit()
    expect(counters()[0]).toEqual({ _id: 'a', n: 3 })
  })


  test('a document read as missing that appears before commit is a conflict', async () => {
    const t = await start()
    expect(await readDoc<Counter | null>(t.collection('counters').doc('new').get())).toBeNull()
    await sdk(db.collection('counters').add({ data: { _id: 'new', n: 1 } }))
    await sdk(t.collection('counters').doc('new').set({ data: { n: 2 } }))
    expect(((await t.commit().catch((e: unknown) => e)) as SdkError).code).toBe('DATABASE_TRANSACTION_CONFLICT')
    expect(counters().find((c) => c._id === 'new')).toEqual({ _id: 'new', n: 1 })
  })

  test('writes to other documents do not conflict', async () => {
    const t = await start()
    await readDoc<Counter>(t.collection('counters').doc('a').get())
    await bump('b', 5)
    await sdk(t.collection('counters').doc('a').update({ data: { n: 99 } }))
    await t.commit()
    expect(counters()).toEqual([
      { _id: 'a', n: 99 },
      { _id: 'b', n: 5 },
    ])
  })
})

test('an expired transaction is gone', async () => {
  const short = await startCloud({ transactionTimeoutMs: 150 })
  try {
    short.server.db.insertDocuments('counters', [{ _id: 'a', n: 1 }])
    const t = (await short.db.startTransaction()) as Txn
    await sdk(t.collection('counters').doc('a').update({ data: { n: 2 } }))
    await new Promise((r) => setTimeout(r, 300))
    const err = (await t.commit().catch((e: unknown) => e)) as SdkError
    expect(err.code).toBe('DATABASE_TRANSACTION_FAIL')
    expect(short.server.db.readCollection('counters')).toEqual([{ _id: 'a', n: 1 }])
    // An expired transaction holds nothing: another one may write the document.
    const next = (await short.db.startTransaction()) as Txn
    await sdk(next.collection('counters').doc('a').update({ data: { n: 3 } }))
    await next.commit()
    expect(short.server.db.readCollection('counters')).toEqual([{ _id: 'a', n: 3 }])
  } finally {
    await short.close()
    pointSdkAt(h.server.url)
  }
})
