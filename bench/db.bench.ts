/**
 * The local database through the real wx-server-sdk, at 10,000 and 100,000 members: an indexed
 * equality query with limit(20) (`members` by `unionId`, 100 unions, so 100 or 1,000 matches)
 * and a single-document update. The SDK and the server share this process, as a function
 * instance and the emulator share a machine. The indexed query at 100k must stay within 2× of 10k.
 *
 *   npx tsx bench/db.bench.ts [--samples 1000] [--sizes 10000,100000]
 */
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { startCloud } from '../emulator/db/testing'

const UNIONS = 100
const MAX_RATIO = 2

export interface OpStats {
  size: number
  op: string
  samples: number
  p50: number
  p99: number
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN
}

/** A member document of realistic size (about 400 bytes of EJSON). */
function member(i: number): Record<string, unknown> {
  return {
    _id: `m${String(i).padStart(7, '0')}`,
    openid: `o${i}`,
    unionId: `u${i % UNIONS}`,
    idHash: `h${(i * 2654435761) % 4294967296}`,
    name: '张三',
    memberNumber: `HZ2025${String(i).padStart(7, '0')}`,
    phoneMasked: '138****0000',
    employmentType: i % 3 === 0 ? 'platform' : 'employee',
    employer: '某某快递有限公司',
    status: 'active',
    score: 0,
    joinedAt: new Date(Date.UTC(2024, 0, 1) + i * 60_000),
    profile: { district: '西湖区', occupation: '快递员' },
  }
}

/** Warms up, then times `samples` sequential runs; p50 and p99 in milliseconds. */
export async function measure(run: () => Promise<unknown>, samples: number): Promise<{ p50: number; p99: number }> {
  for (let i = 0; i < Math.min(200, samples); i++) await run()
  const times: number[] = []
  for (let i = 0; i < samples; i++) {
    const t = performance.now()
    await run()
    times.push(performance.now() - t)
  }
  times.sort((a, b) => a - b)
  return { p50: percentile(times, 50), p99: percentile(times, 99) }
}

/** Runs the benchmark for each size and returns the figures; prints progress only. */
export async function benchDatabase(sizes: number[], samples: number): Promise<OpStats[]> {
  const out: OpStats[] = []
  for (const size of sizes) {
    const { server, db, close } = await startCloud()
    try {
      const seeded = performance.now()
      server.db.insertDocuments('members', Array.from({ length: size }, (_v, i) => member(i)))
      console.log(`  seeded ${size} members in ${((performance.now() - seeded) / 1000).toFixed(1)} s`)
      const _ = db.command
      const pick = (n: number) => Math.floor(Math.random() * n)

      const query = await measure(async () => {
        const res = await db.collection('members').where({ unionId: `u${pick(UNIONS)}` }).limit(20).get()
        if (!res || typeof res !== 'object' || res.data.length !== 20) throw new Error('expected 20 members')
      }, samples)
      out.push({ size, op: 'indexed equality, limit(20)', samples, ...query })

      const update = await measure(async () => {
        const id = `m${String(pick(size)).padStart(7, '0')}`
        const res = await db.collection('members').doc(id).update({ data: { score: _.inc(1), updatedAt: db.serverDate() } })
        if (!res || typeof res !== 'object' || res.stats.updated !== 1) throw new Error('expected one update')
      }, samples)
      out.push({ size, op: 'single-document update', samples, ...update })
    } finally {
      await close()
    }
  }
  return out
}

/**
 * A table of the figures and the check that matters: the p50 of `compared`'s largest size within
 * `maxRatio`× of its smallest. `ok` is false when it is not.
 */
export function formatStats(title: string, stats: OpStats[], compared: OpStats[], maxRatio: number): { text: string; ok: boolean } {
  const ms = (v: number) => `${v.toFixed(2).padStart(7)} ms`
  const width = Math.max(...stats.map((s) => s.op.length))
  const lines = [title, `  ${'docs'.padStart(7)}  ${'operation'.padEnd(width)} ${'n'.padStart(5)}  ${'p50'.padStart(10)}  ${'p99'.padStart(10)}`]
  for (const s of stats) lines.push(`  ${String(s.size).padStart(7)}  ${s.op.padEnd(width)} ${String(s.samples).padStart(5)}  ${ms(s.p50)}  ${ms(s.p99)}`)
  const small = compared[0]
  const large = compared[compared.length - 1]
  let ok = true
  if (small && large && small !== large) {
    const ratio = large.p50 / small.p50
    ok = ratio <= maxRatio
    lines.push(
      `  ${large.op} p50 ratio ${large.size}/${small.size}: ${ratio.toFixed(2)}× (p99 ${(large.p99 / small.p99).toFixed(2)}×), limit ${maxRatio}× → ${ok ? 'ok' : 'TOO SLOW'}`,
    )
  }
  return { text: lines.join('\n'), ok }
}

export function formatDatabaseStats(stats: OpStats[]): { text: string; ok: boolean } {
  const title = 'database through wx-server-sdk (in-process server, temp SQLite file, WAL, synchronous=NORMAL)'
  return formatStats(title, stats, stats.filter((s) => s.op.startsWith('indexed')), MAX_RATIO)
}

if (require.main === module) {
  const { values } = parseArgs({ options: { samples: { type: 'string' }, sizes: { type: 'string' } } })
  const sizes = (values.sizes ?? '10000,100000').split(',').map(Number)
  benchDatabase(sizes, Number(values.samples ?? 1000))
    .then((stats) => {
      const { text, ok } = formatDatabaseStats(stats)
      console.log(text)
      if (!ok) process.exit(1)
    })
    .catch((error: unknown) => {
      console.error(error)
      process.exit(1)
    })
}
