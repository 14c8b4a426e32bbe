/**
 * Durability: the database server runs as a child process on a temp file, the real SDK writes to
 * it from several concurrent loops, the process is SIGKILLed mid-load and restarted on the same
 * file. Every acknowledged write must be there, and no document may be partial or torn.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { pointSdkAt, type Cloud, type Database } from '../../emulator/db/testing'
import { sdk } from './helpers/db-cloud'

const ROOT = path.resolve(__dirname, '../..')
const STANDALONE = path.join(ROOT, 'emulator/db/standalone.ts')
const WRITERS = 6
const BATCH = 4

interface Stored {
  _id: string
  toOpenid: string
  payload: string
  sum: string
  rev: number
  batch?: string
}

const sha = (s: string): string => createHash('sha256').update(s).digest('hex')
const payload = (): string => randomBytes(40 + Math.floor(Math.random() * 3000)).toString('base64')

/** Starts `standalone.ts` on `file` and resolves with its URL once it prints the ready line. */
function startServer(file: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', STANDALONE, '--file', file], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream })
    lines.once('line', (line) => resolve({ child, url: (JSON.parse(line) as { url: string }).url }))
    child.once('exit', (code) => reject(new Error(`database server exited early (${String(code)})`)))
  })
}

const exited = (child: ChildProcess): Promise<void> =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', () => r()))

describe('durability', () => {
  let dir: string
  let running: ChildProcess | undefined

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'unionhub-db-durable-'))
    // Failed in-flight calls would otherwise leave the SDK's 3 s slow-call warning timers behind.
    process.env.SILENCE = 'true'
  })
  afterAll(async () => {
    if (running) {
      running.kill('SIGKILL')
      await exited(running)
    }
    rmSync(dir, { recursive: true, force: true })
  })

  test('SIGKILL mid-load loses no acknowledged write and leaves no partial document', async () => {
    const file = path.join(dir, 'db.sqlite')
    const first = await startServer(file)
    running = first.child
    pointSdkAt(first.url)
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const cloud = require('wx-server-sdk') as Cloud
    cloud.init({ env: 'local' })
    const db: Database = cloud.database()
    const _ = db.command
    await sdk(db.collection('counters').add({ data: { _id: 'hits', n: 0 } }))

    const acked = new Map<string, Stored>() // latest acknowledged content per _id
    const ackedBatches = new Set<string>()
    let ackedIncs = 0
    let attemptedIncs = 0
    let stop = false

    const writer = async (w: number): Promise<void> => {
      for (let i = 0; !stop; i++) {
        const kind = i % 4
        try {
          if (kind === 0 || kind === 1) {
            const p = payload()
            const doc: Stored = { _id: `w${w}-${i}`, toOpenid: `w${w}`, payload: p, sum: sha(p), rev: 0 }
            await sdk(db.collection('outbox').add({ data: doc }))
            acked.set(doc._id, doc)
          } else if (kind === 2) {
            const batch = `b${w}-${i}`
            const docs = Array.from({ length: BATCH }, (_v, k): Stored => {
              const p = payload()
              return { _id: `${batch}-${k}`, toOpenid: `w${w}`, payload: p, sum: sha(p), rev: 0, batch }
            })
            await sdk(db.collection('outbox').add({ data: docs }))
            for (const d of docs) acked.set(d._id, d)
            ackedBatches.add(batch)
          } else {
            attemptedIncs++
            await sdk(db.collection('counters').doc('hits').update({ data: { n: _.inc(1) } }))
            ackedIncs++
            const mine = [...acked.values()].filter((d) => d.toOpenid === `w${w}` && !d.batch)
            const target = mine[mine.length - 1]
            if (target) {
              const p = payload()
              const next: Stored = { ...target, payload: p, sum: sha(p), rev: target.rev + 1 }
              await sdk(db.collection('outbox').doc(target._id).update({ data: { payload: p, sum: next.sum, rev: next.rev } }))
              acked.set(target._id, next)
            }
          }
        } catch {
          return // the server is gone: whatever was in flight is unacknowledged
        }
      }
    }

    const loops = Array.from({ length: WRITERS }, (_v, w) => writer(w))
    while (acked.size < 200) await new Promise((r) => setTimeout(r, 20))
    first.child.kill('SIGKILL')
    stop = true
    await Promise.all(loops)
    await exited(first.child)
    expect(first.child.signalCode).toBe('SIGKILL')

    const second = await startServer(file)
    running = second.child
    pointSdkAt(second.url)

    const stored: Stored[] = []
    for (let page = 0; ; page++) {
      const got = (await sdk(db.collection('outbox').orderBy('_id', 'asc').skip(page * 1000).limit(1000).get())).data as Stored[]
      stored.push(...got)
      if (got.length < 1000) break
    }
    const byId = new Map(stored.map((d) => [d._id, d]))

    // Every acknowledged write is there (an update may be newer than its acknowledgement, never older).
    for (const [id, doc] of acked) {
      const found = byId.get(id)
      expect(found && { id, rev: found.rev >= doc.rev }).toEqual({ id, rev: true })
    }
    // No partial document: every payload matches the checksum written with it.
    for (const d of stored) expect({ id: d._id, ok: sha(d.payload) === d.sum }).toEqual({ id: d._id, ok: true })
    // A batch add is all or nothing.
    const batches = new Map<string, number>()
    for (const d of stored) if (d.batch) batches.set(d.batch, (batches.get(d.batch) ?? 0) + 1)
    for (const [batch, n] of batches) expect({ batch, n }).toEqual({ batch, n: BATCH })
    for (const batch of ackedBatches) expect(batches.get(batch)).toBe(BATCH)
    // The counter holds every acknowledged increment and nothing that was never sent.
    const hits = ((await sdk(db.collection('counters').doc('hits').get())).data as { n: number }).n
    expect(hits).toBeGreaterThanOrEqual(ackedIncs)
    expect(hits).toBeLessThanOrEqual(attemptedIncs)
    // Index keys were written with their documents: indexed counts agree with the documents.
    for (let w = 0; w < WRITERS; w++) {
      const total = (await sdk(db.collection('outbox').where({ toOpenid: `w${w}` }).count())).total
      expect(total).toBe(stored.filter((d) => d.toOpenid === `w${w}`).length)
    }
    expect(acked.size).toBeGreaterThanOrEqual(200)

    second.child.kill('SIGTERM')
    await exited(second.child)
    running = undefined
  }, 90_000)
})
