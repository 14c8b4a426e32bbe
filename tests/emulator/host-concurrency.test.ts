import path from 'node:path'
import { startTestCloud, type TestCloud } from '../../emulator/gateway/testing'

// Cold starts load wx-server-sdk in each instance: seconds on a busy two-core machine.
jest.setTimeout(30_000)

// Real instances, the real SDK and the SQLite database server, all through the gateway.
describe('function instances against the database', () => {
  let cloud: TestCloud

  beforeAll(async () => {
    cloud = await startTestCloud({ functionsDir: path.join(__dirname, 'fixtures', 'functions'), maxInstances: 8, timeoutMs: 10_000 })
  })

  afterAll(async () => {
    await cloud.close()
  })

  it('lets exactly 50 of 200 concurrent conditional decrements on 50 units succeed, across separate instances', async () => {
    cloud.db.insertDocuments('counters', [{ _id: 'seats', units: 50 }])
    const replies = await Promise.all(Array.from({ length: 200 }, () => cloud.call('decrement', 'take', { id: 'seats' })))
    expect(replies.every((reply) => reply.status === 200 && (reply.body as { ok: boolean }).ok)).toBe(true)
    const taken = replies.filter((reply) => (reply.body as { data: { taken: boolean } }).data.taken)
    expect(taken).toHaveLength(50)
    expect(await cloud.collection('counters')).toEqual([{ _id: 'seats', units: 0 }])
    const instances = new Set(replies.map((reply) => reply.headers.get('x-function-instance')))
    expect(instances.size).toBe(8)
  })

  it('keeps two concurrent callers apart: each instance sees its own OPENID', async () => {
    const [a, b] = await Promise.all([
      cloud.call('whoami', 'me', { pauseMs: 200 }, { openid: 'worker-a' }),
      cloud.call('whoami', 'me', { pauseMs: 200 }, { openid: 'worker-b' }),
    ])
    expect(a!.body).toMatchObject({ data: { openid: 'worker-a' } })
    expect(b!.body).toMatchObject({ data: { openid: 'worker-b' } })
    expect(a!.headers.get('x-function-instance')).not.toBe(b!.headers.get('x-function-instance'))
  })
})
