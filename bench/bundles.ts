/**
 * Function bundles a bench runs on the local cloud: this tree's, and with `--baseline <git ref>`
 * that commit's, each built into a temporary folder the bench owns, so that neither a stale
 * cloudfunctions/dist nor someone rebuilding it mid-run can change what is measured.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
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

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

/** The time an invocation spent inside its instance (the local cloud's Server-Timing `run`). */
export function runMs(headers: Headers): number {
  return Number(/run;dur=([\d.]+)/.exec(headers.get('server-timing') ?? '')?.[1] ?? NaN)
}
