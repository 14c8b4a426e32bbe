/**
 * What the benches on the local cloud share. The function bundles they run: this tree's, and with
 * `--baseline <git ref>` that commit's, each built into a temporary folder the bench owns, so that
 * neither a stale cloudfunctions/dist nor someone rebuilding it mid-run can change what is measured.
 * Rounds that alternate the cases and the bundle sets, so that each ratio compares runs a moment
 * apart on the same (shared, noisy) machine.
 */
import { execFileSync, fork, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { gatewayClient, type GatewayClient } from '../emulator/gateway/testing'
import type { CloudProcessMessage } from './cloud-process'
import { buildFunctions } from '../scripts/build-functions'

const root = path.resolve(__dirname, '..')

export interface BundleSet {
  /** `this tree`, or the baseline's git ref. */
  label: string
  /** A folder with one built function per subfolder, as the local cloud's `functionsDir`. */
  functionsDir: string
  remove(): void
}

/** A temporary folder whose bundles find the SDK in this checkout's node_modules. */
function workFolder(): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'uh-bench-'))
  symlinkSync(path.join(root, 'node_modules'), path.join(folder, 'node_modules'), 'dir')
  return folder
}

export async function buildThisTree(): Promise<BundleSet> {
  const folder = workFolder()
  const functionsDir = path.join(folder, 'functions')
  await buildFunctions(functionsDir)
  return { label: 'this tree', functionsDir, remove: () => rmSync(folder, { recursive: true, force: true }) }
}

/** The bundles of `ref`, built by that commit's own build script from its own sources. */
export function buildAtRef(ref: string): BundleSet {
  const folder = workFolder()
  const archive = spawnSync('git', ['archive', '--format=tar', ref, '--', 'scripts', 'shared', 'cloudfunctions', 'tsconfig.json', 'package.json'], {
    cwd: root,
    maxBuffer: 256 * 1024 * 1024,
  })
  if (archive.status !== 0) throw new Error(`git archive ${ref} failed: ${archive.stderr.toString()}`)
  execFileSync('tar', ['-x', '-C', folder], { input: archive.stdout })
  // A ref whose bundles are over its own size budget still leaves them built; only missing bundles fail.
  spawnSync(process.execPath, ['--import', 'tsx', path.join('scripts', 'build-functions.ts')], { cwd: folder, stdio: 'ignore' })
  const functionsDir = path.join(folder, 'cloudfunctions', 'dist')
  if (!existsSync(functionsDir) || readdirSync(functionsDir).length === 0) throw new Error(`building the functions of ${ref} produced no bundles`)
  return { label: ref, functionsDir, remove: () => rmSync(folder, { recursive: true, force: true }) }
}

/** A bench target's local cloud, in its own process (bench/cloud-process.ts), reached over HTTP. */
export interface BenchCloud extends GatewayClient {
  url: string
  /** CPU time the cloud's process has used so far, every thread included, in ms. */
  cpuMs(): Promise<number>
  close(): Promise<void>
}

export interface Target {
  set: BundleSet
  cloud: BenchCloud
  /** Openids of active members of the courier federation, signed in. */
  members: string[]
}

/** Starts bench/cloud-process.ts for `functionsDir` and waits until its cloud answers. */
async function startCloudProcess(functionsDir: string, members: string[]): Promise<BenchCloud> {
  const child = fork(path.join(__dirname, 'cloud-process.ts'), [JSON.stringify({ functionsDir, members })], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the bench cloud for ${functionsDir} exited (${code}) before it was ready`)))
    child.on('message', (message: CloudProcessMessage) => {
      if (message.type === 'ready') resolve(message.url)
      if (message.type === 'failed') reject(new Error(`the bench cloud for ${functionsDir} failed: ${message.message}`))
    })
  })
  return {
    ...gatewayClient(url),
    url,
    cpuMs: () =>
      new Promise<number>((resolve) => {
        const answer = (message: CloudProcessMessage) => {
          if (message.type !== 'cpu') return
          child.off('message', answer)
          resolve(message.micros / 1000)
        }
        child.on('message', answer)
        child.send({ type: 'cpu' })
      }),
    async close() {
      if (child.connected) child.disconnect()
      await exited
    },
  }
}

/**
 * A local cloud on `set`'s bundles as the cloud would scale them (8 instances, the 20 s limit the
 * deployment guides ask for), in a process of its own, seeded, with `count` members signed in, and
 * its instances warmed by calls of `warm` (the figures are for the case, not for start-up).
 */
export async function startTarget(set: BundleSet, count: number, warm: { fn: string; action: string; input?: object }): Promise<Target> {
  const members = Array.from({ length: count }, (_, i) => `bench-m-${i + 1}`)
  const cloud = await startCloudProcess(set.functionsDir, members)
  for (const openid of members) await cloud.cookieFor(openid)
  await Promise.all(Array.from({ length: 16 }, (_, i) => cloud.call(warm.fn, warm.action, warm.input ?? {}, { openid: members[i % count]! })))
  return { set, cloud, members }
}

/**
 * Builds this tree's bundles (and the baseline's), starts one target per set, and runs `rounds`
 * rounds in which every set runs every case once, in turn; cleans up whatever happens.
 */
export async function alternatingRounds<Figures>(
  options: { rounds: number; baseline?: string },
  start: (set: BundleSet) => Promise<Target>,
  cases: Array<(target: Target, round: number) => Promise<Figures>>,
): Promise<Figures[]> {
  const sets = [await buildThisTree(), ...(options.baseline ? [buildAtRef(options.baseline)] : [])]
  const targets: Target[] = []
  try {
    for (const set of sets) targets.push(await start(set))
    const figures: Figures[] = []
    for (let round = 1; round <= options.rounds; round++) {
      for (const target of targets) for (const run of cases) figures.push(await run(target, round))
    }
    return figures
  } finally {
    for (const target of targets) await target.cloud.close()
    for (const set of sets) set.remove()
  }
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

/**
 * Runs `work` against `cloud` and measures it: wall time, and the CPU time of the cloud's process
 * (gateway, database, every instance's thread) and of the bench's own client per item, which does
 * not depend on how much of the shared machine the run happened to get.
 */
export async function timed(items: number, cloud: BenchCloud, work: () => Promise<void>): Promise<{ elapsedMs: number; cpuMsEach: number }> {
  const client = process.cpuUsage()
  const cloudBefore = await cloud.cpuMs()
  const started = performance.now()
  await work()
  const elapsedMs = performance.now() - started
  const used = process.cpuUsage(client)
  const cpuMs = (used.user + used.system) / 1000 + ((await cloud.cpuMs()) - cloudBefore)
  return { elapsedMs, cpuMsEach: cpuMs / items }
}

/**
 * A figure of the local cloud's Server-Timing header, in ms: `handler`, the function's own time by
 * its instance's clock (what the benches call "in an instance"), or `run`, from handing the event to
 * an instance to having its answer back, as the host sees it (adds the emulator's hand-over, which
 * waits for the one thread that also serves the database and takes in every request).
 */
export function serverTiming(headers: Headers, name: 'handler' | 'run'): number {
  return Number(new RegExp(`(?:^|[ ,])${name};dur=([\\d.]+)`).exec(headers.get('server-timing') ?? '')?.[1] ?? NaN)
}
