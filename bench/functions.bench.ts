/**
 * Cold versus warm function invocations on the local cloud, end to end through `POST /fn/<name>`:
 * the real bundle of `account` (`me`, which reads staff and membership for the caller) when built,
 * otherwise the test fixture `whoami`. A cold call is forced by redeploying the bundle (its mtime
 * changes, so the next call starts a new instance).
 *
 *   npx tsx bench/functions.bench.ts [--cold 10] [--warm 300]
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { startTestCloud } from '../emulator/gateway/testing'

const root = path.resolve(__dirname, '..')

export interface InvocationStats {
  kind: 'cold' | 'warm'
  samples: number
  p50: number
  p99: number
  /** Cold only: the instance start (thread + bundle load) inside the cold latency, p50. */
  startP50?: number
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!
}

function summarise(kind: 'cold' | 'warm', latencies: number[], starts: number[] = []): InvocationStats {
  const sorted = [...latencies].sort((a, b) => a - b)
  const startsSorted = [...starts].sort((a, b) => a - b)
  return {
    kind,
    samples: sorted.length,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    ...(startsSorted.length > 0 ? { startP50: percentile(startsSorted, 50) } : {}),
  }
}

/** Runs the benchmark and returns the figures; prints nothing. */
export async function benchFunctionInvocations(options: { cold?: number; warm?: number } = {}) {
  const useAccount = existsSync(path.join(root, 'cloudfunctions', 'dist', 'account', 'index.js'))
  const source = useAccount ? path.join(root, 'cloudfunctions', 'dist', 'account') : path.join(root, 'tests', 'emulator', 'fixtures', 'functions', 'whoami')
  const label = useAccount ? 'account.me' : 'whoami (fixture; run npm run build:functions for account.me)'

  // A private copy of the bundle, so that redeploying it for cold starts touches nothing shared.
  const functionsDir = mkdtempSync(path.join(os.tmpdir(), 'uh-bench-fn-'))
  const bundle = path.join(functionsDir, 'bench', 'index.js')
  cpSync(source, path.join(functionsDir, 'bench'), { recursive: true })
  mkdirSync(path.join(functionsDir, 'bench', 'node_modules'), { recursive: true })
  symlinkSync(path.join(root, 'node_modules', 'wx-server-sdk'), path.join(functionsDir, 'bench', 'node_modules', 'wx-server-sdk'), 'dir')

  const cloud = await startTestCloud({ functionsDir, seed: true, timeoutMs: 30_000 })
  try {
    const cookie = await cloud.cookieFor('demo-admin')
    const invoke = async () => {
      const started = performance.now()
      const response = await fetch(`${cloud.url}/fn/bench`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Cookie: cookie },
        body: JSON.stringify({ action: 'me', input: {} }),
      })
      const reply = (await response.json()) as { ok?: boolean }
      const latency = performance.now() - started
      if (reply.ok !== true) throw new Error(`bench call failed: ${JSON.stringify(reply)}`)
      const coldStart = /coldstart;dur=([\d.]+)/.exec(response.headers.get('server-timing') ?? '')?.[1]
      return { latency, start: response.headers.get('x-function-start'), coldStartMs: coldStart ? Number(coldStart) : undefined }
    }

    const cold: number[] = []
    const starts: number[] = []
    for (let i = 0; i < (options.cold ?? 10); i += 1) {
      const future = new Date(Date.now() + (i + 1) * 1000)
      utimesSync(bundle, future, future)
      const result = await invoke()
      if (result.start !== 'cold') throw new Error('expected a cold start after redeploying the bundle')
      cold.push(result.latency)
      if (result.coldStartMs !== undefined) starts.push(result.coldStartMs)
    }
    for (let i = 0; i < 20; i += 1) await invoke()
    const warm: number[] = []
    for (let i = 0; i < (options.warm ?? 300); i += 1) {
      const result = await invoke()
      if (result.start !== 'warm') throw new Error('expected a warm instance')
      warm.push(result.latency)
    }
    return { label, stats: [summarise('cold', cold, starts), summarise('warm', warm)] }
  } finally {
    await cloud.close()
    rmSync(functionsDir, { recursive: true, force: true })
  }
}

export function formatInvocationStats(label: string, stats: InvocationStats[]): string {
  const ms = (value: number) => `${value.toFixed(1).padStart(7)} ms`
  const lines = stats.map(
    (s) => `  ${s.kind}  n=${String(s.samples).padEnd(4)} p50 ${ms(s.p50)}   p99 ${ms(s.p99)}${s.startP50 !== undefined ? `   (instance start p50 ${ms(s.startP50)})` : ''}`,
  )
  return [`function invocation: ${label}, POST /fn end to end, signed in`, ...lines].join('\n')
}

if (require.main === module) {
  const { values } = parseArgs({ options: { cold: { type: 'string' }, warm: { type: 'string' } } })
  benchFunctionInvocations({ cold: values.cold ? Number(values.cold) : undefined, warm: values.warm ? Number(values.warm) : undefined })
    .then(({ label, stats }) => console.log(formatInvocationStats(label, stats)))
    .catch((error: unknown) => {
      console.error(error)
      process.exit(1)
    })
}
