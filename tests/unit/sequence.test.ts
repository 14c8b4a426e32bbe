import type * as SequenceModule from '../../cloudfunctions/src/_lib/sequence'
import { pointSdkAt, startDatabaseServer, type DatabaseServer } from '../../emulator/db/testing'

/**
 * The sequence behind member numbers and tracking numbers, with the real SDK against the local
 * database: concurrent callers each get a distinct number, with no gaps, each in one append and one read.
 */
describe('nextInSequence', () => {
  let server: DatabaseServer
  let sequence: typeof SequenceModule
  beforeAll(async () => {
    server = await startDatabaseServer()
    pointSdkAt(server.url)
    // Loaded once the SDK points at the server: it must never run without one.
    sequence = await import('../../cloudfunctions/src/_lib/sequence')
  })
  afterAll(() => server.close())

  it('starts a new sequence at 1, creating its counter', async () => {
    expect(await sequence.nextInSequence('fresh')).toBe(1)
    expect(await sequence.nextInSequence('fresh')).toBe(2)
    expect(server.db.readCollection('counters')).toEqual([expect.objectContaining({ _id: 'fresh', value: 0, takers: [expect.any(String), expect.any(String)] })])
  })

  it('goes on from a counter that the earlier compare-and-set left at a value', async () => {
    server.db.insertDocuments('counters', [{ _id: 'older', value: 41, createdAt: new Date() }])
    expect(await sequence.nextInSequence('older')).toBe(42)
    expect(await sequence.nextInSequence('older')).toBe(43)
  })

  it('gives 30 concurrent callers the numbers 1 to 30, each once', async () => {
    const taken = await Promise.all(Array.from({ length: 30 }, () => sequence.nextInSequence('contended')))
    expect([...taken].sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1))
  })

  it('resolves null once a capped sequence is used up', async () => {
    expect(await sequence.nextInSequence('capped', { max: 2 })).toBe(1)
    expect(await sequence.nextInSequence('capped', { max: 2 })).toBe(2)
    expect(await sequence.nextInSequence('capped', { max: 2 })).toBeNull()
  })
})
