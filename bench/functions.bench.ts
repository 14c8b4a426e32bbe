/**
 * Two benchmarks of the function bundles.
 *
 * Cold-start overhead: what loading a bundle costs beyond the SDK it needs anyway, as
 * (bundle load − SDK require) / SDK require, for every bundle in cloudfunctions/dist (built if
 * missing). Each sample is a fresh Node process that first requires wx-server-sdk alone, then the
 * bundle (which finds the SDK loaded): the second require is the bundle's load minus the SDK's,
 * timed in the same process a moment after the first, so the load of a shared machine falls on
 * both alike. CPU time of the process is the measure (the wall clock is shown beside it); the
 * figures are medians over rounds that interleave the bundles, and the bench fails when a bundle's
 * overhead exceeds COLD_START_BUDGET. With `--baseline <git ref>` the bundles of that commit are
 * built into a temporary folder and measured in the same rounds, so before and after come from
 * one run.
 *
 * Cold versus warm invocations on the local cloud, end to end through `POST /fn/<name>`: the real
 * bundle of `account` (`me`, which reads staff and membership for the caller) when built, otherwise
 * the test fixture `whoami`. A cold call is forced by redeploying the bundle (its mtime changes, so
 * the next call starts a new instance).
 *
 *   npx tsx bench/functions.bench.ts [--rounds 11] [--baseline <git ref>] [--cold 10] [--warm 300]
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, utimesSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { startTestCloud } from '../emulator/gateway/testing'
import { buildFunctions } from '../scripts/build-functions'

const root = path.resolve(__dirname, '..')

/** The most a bundle may add to the SDK's own load time (issue 17). */
export const COLD_START_BUDGET = 0.1

export interface LoadTime {
  wallMs: number
  cpuMs: number
}

/** One fresh process: the SDK's require, then the bundle's on top of it. */
interface LoadSample {
  sdk: LoadTime
  bundle: LoadTime
}

export interface BundleLoad {
  /** `this tree` or the baseline's git ref. */
  set: string
  name: string
  bytes: number
  /** Medians: the SDK alone, and the bundle beyond the SDK. */
  sdk: LoadTime
  beyondSdk: LoadTime
  /** (bundle load − SDK require) / SDK require, on CPU time: the median of the per-process ratios. */
  overhead: number
  /** The same on the wall clock, for reference. */
  wallOverhead: number
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

// Runs in the fresh process: times the SDK's require, then the bundle's, prints both and exits at
// once (a loaded SDK may keep handles open).
const LOAD_SDK_THEN_BUNDLE = `
const { performance } = require('node:perf_hooks')
const timed = (file) => {
  const cpu = process.cpuUsage()
  const started = performance.now()
  require(file)
  const used = process.cpuUsage(cpu)
  return { wallMs: performance.now() - started, cpuMs: (used.user + used.system) / 1000 }
}
const sdk = timed(require.resolve('wx-server-sdk', { paths: [process.cwd()] }))
const bundle = timed(process.argv[1])
process.stdout.write(JSON.stringify({ sdk, bundle }))
process.exit(0)
`

function loadInFreshProcess(file: string): LoadSample {
  const output = execFileSync(process.execPath, ['-e', LOAD_SDK_THEN_BUNDLE, file], { cwd: path.dirname(file), env: { PATH: process.env.PATH ?? '' } })
  return JSON.parse(output.toString()) as LoadSample
}

/** Builds the function bundles of `ref` into a temporary tree; resolves its dist folder. */
function buildAtRef(ref: string): { dist: string; remove: () => void } {
  const tree = mkdtempSync(path.join(os.tmpdir(), 'uh-bench-ref-'))
  const archive = spawnSync('git', ['archive', '--format=tar', ref, '--', 'scripts', 'shared', 'cloudfunctions', 'tsconfig.json', 'package.json'], {
    cwd: root,
    maxBuffer: 256 * 1024 * 1024,
  })
  if (archive.status !== 0) throw new Error(`git archive ${ref} failed: ${archive.stderr.toString()}`)
  execFileSync('tar', ['-x', '-C', tree], { input: archive.stdout })
  symlinkSync(path.join(root, 'node_modules'), path.join(tree, 'node_modules'), 'dir')
  // A ref whose bundles are over its own budget still leaves them built; only missing bundles fail.
  spawnSync(process.execPath, ['--import', 'tsx', path.join('scripts', 'build-functions.ts')], { cwd: tree, stdio: 'ignore' })
  const dist = path.join(tree, 'cloudfunctions', 'dist')
  if (!existsSync(dist) || readdirSync(dist).length === 0) throw new Error(`building the functions of ${ref} produced no bundles`)
  return { dist, remove: () => rmSync(tree, { recursive: true, force: true }) }
}

/** Measures every bundle of this tree (and of the baseline), `rounds` fresh processes each. */
export async function benchColdStart(options: { rounds?: number; baseline?: string } = {}) {
  const rounds = options.rounds ?? 11
  const dist = path.join(root, 'cloudfunctions', 'dist')
  if (!existsSync(dist) || readdirSync(dist).length === 0) await buildFunctions()
  const baseline = options.baseline ? buildAtRef(options.baseline) : null
  try {
    const sets = [{ set: 'this tree', dist }, ...(baseline && options.baseline ? [{ set: options.baseline, dist: baseline.dist }] : [])]
    const bundles = sets.flatMap(({ set, dist: folder }) =>
      readdirSync(folder)
        .filter((name) => existsSync(path.join(folder, name, 'index.js')))
        .sort()
        .map((name) => ({ set, name, file: path.join(folder, name, 'index.js') })),
    )
    const samples = bundles.map((): LoadSample[] => [])
    for (let round = 0; round < rounds; round += 1) {
      // Rotate the order so that no bundle always runs right after another.
      for (let i = 0; i < bundles.length; i += 1) {
        const index = (i + round) % bundles.length
        samples[index]!.push(loadInFreshProcess(bundles[index]!.file))
      }
    }
    const medianTime = (times: LoadTime[]): LoadTime => ({ wallMs: median(times.map((t) => t.wallMs)), cpuMs: median(times.map((t) => t.cpuMs)) })
    const loads: BundleLoad[] = bundles.map((b, index) => {
      const own = samples[index]!
      return {
        set: b.set,
        name: b.name,
        bytes: statSync(b.file).size,
        sdk: medianTime(own.map((s) => s.sdk)),
        beyondSdk: medianTime(own.map((s) => s.bundle)),
        overhead: median(own.map((s) => s.bundle.cpuMs / s.sdk.cpuMs)),
        wallOverhead: median(own.map((s) => s.bundle.wallMs / s.sdk.wallMs)),
      }
    })
    const sdk = medianTime(samples.flat().map((s) => s.sdk))
    return { rounds, sdk, loads }
  } finally {
    baseline?.remove()
  }
}

export function formatColdStart({ rounds, sdk, loads }: Awaited<ReturnType<typeof benchColdStart>>): { text: string; ok: boolean } {
  const pct = (ratio: number) => `${ratio >= 0 ? '+' : ''}${(ratio * 100).toFixed(1)} %`
  const ms = (value: number) => `${value.toFixed(1).padStart(7)} ms`
  const lines = [
    `cold-start overhead: fresh process each, SDK then bundle, median of ${rounds}; overhead = (bundle − SDK) / SDK on CPU time, budget ${pct(COLD_START_BUDGET)}`,
    `  ${'bundle'.padEnd(24)} ${'bytes'.padStart(9)}  ${'beyond SDK: CPU'.padStart(15)}  ${'wall'.padStart(10)}  ${'overhead'.padStart(9)}  ${'(wall)'.padStart(9)}`,
    `  ${'wx-server-sdk alone'.padEnd(24)} ${''.padStart(9)}  ${ms(sdk.cpuMs).padStart(15)}  ${ms(sdk.wallMs)}`,
  ]
  let ok = true
  for (const load of loads) {
    // Only this tree's bundles are held to the budget; a baseline is there to compare with.
    const over = load.set === 'this tree' && load.overhead > COLD_START_BUDGET
    ok &&= !over
    lines.push(
      `  ${`${load.set === 'this tree' ? '' : `${load.set}: `}${load.name}`.padEnd(24)} ${`${(load.bytes / 1024).toFixed(1)} KB`.padStart(9)}  ${ms(load.beyondSdk.cpuMs).padStart(15)}  ${ms(load.beyondSdk.wallMs)}  ${pct(load.overhead).padStart(9)}  ${pct(load.wallOverhead).padStart(9)}${over ? '  OVER' : ''}`,
    )
  }
  return { text: lines.join('\n'), ok }
}

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

async function main() {
  const { values } = parseArgs({
    options: { rounds: { type: 'string' }, baseline: { type: 'string' }, cold: { type: 'string' }, warm: { type: 'string' } },
  })
  const coldStart = formatColdStart(await benchColdStart({ rounds: values.rounds ? Number(values.rounds) : undefined, baseline: values.baseline }))
  console.log(coldStart.text)
  const { label, stats } = await benchFunctionInvocations({ cold: values.cold ? Number(values.cold) : undefined, warm: values.warm ? Number(values.warm) : undefined })
  console.log(formatInvocationStats(label, stats))
  if (!coldStart.ok) process.exit(1)
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error)
    process.exit(1)
  })
}
