/**
 * Runs every journey (tests/e2e/journeys/*.journey.ts) on one target, with jest:
 *   tsx tests/e2e/run.ts h5 [jest args]        (npm run test:e2e)
 *   tsx tests/e2e/run.ts h5 --large-text [jest args]  (npm run test:e2e:large-text: 长辈模式, screens in h5-large-text/)
 *   tsx tests/e2e/run.ts weapp [jest args]     (npm run test:e2e:weapp)
 *   tsx tests/e2e/run.ts devtools [jest args]  (npm run test:e2e:devtools)
 * H5: (re)builds the test H5 build and the functions when missing or older than their sources,
 * starts the local cloud on a random loopback port with a fresh data dir, runs the specs in
 * Chromium. Weapp: the same with the weapp build, run by the headless runtime
 * (tests/weapp-runtime) behind its automator endpoint. DevTools: needs WECHAT_DEVTOOLS_CLI, else
 * prints one line and exits 1 (not a pass).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { artifactDir, ARTIFACTS_ROOT, largeTextRun, REPO_ROOT, type Target } from './driver'
import { connectAutomator, devtoolsLaunchOptions, launchDevtools } from './drivers/automator'
import { CHROMIUM_PATH } from './drivers/h5'

const H5_DIR = path.join(REPO_ROOT, 'dist', 'h5-e2e')
const WEAPP_DIR = path.join(REPO_ROOT, 'dist', 'weapp')
const FUNCTIONS_SRC = path.join(REPO_ROOT, 'cloudfunctions', 'src')
const FUNCTIONS_DIST = path.join(REPO_ROOT, 'cloudfunctions', 'dist')

/** What the client build depends on; a change to any of these makes the build stale. */
const CLIENT_INPUTS = ['client/src', 'config', 'shared', 'package.json', 'tsconfig.json', 'babel.config.js', '.env', '.env.production']
const FUNCTION_INPUTS = ['cloudfunctions/src', 'shared', 'scripts/build-functions.ts', 'package.json']

function log(line: string): void {
  process.stdout.write(`[e2e] ${line}\n`)
}

/** Newest modification time under the given repo paths (files or folders, missing ones ignored). */
function newestMtime(paths: string[]): number {
  let newest = 0
  const visit = (file: string) => {
    let stat
    try {
      stat = statSync(file)
    } catch {
      return
    }
    if (stat.isDirectory()) {
      for (const entry of readdirSync(file)) if (entry !== 'node_modules') visit(path.join(file, entry))
    } else newest = Math.max(newest, stat.mtimeMs)
  }
  for (const item of paths) visit(path.resolve(REPO_ROOT, item))
  return newest
}

function mtime(file: string): number | undefined {
  try {
    return statSync(file).mtimeMs
  } catch {
    return undefined
  }
}

/**
 * Runs an npm script with its output in `.artifacts/e2e/<script>.log` (a Taro build prints a
 * screenful); on failure the end of that log is shown.
 */
async function npmRun(script: string, env: NodeJS.ProcessEnv = {}): Promise<void> {
  const logFile = path.join(ARTIFACTS_ROOT, `${script.replace(/[^\w.-]+/g, '-')}.log`)
  mkdirSync(ARTIFACTS_ROOT, { recursive: true })
  const out = openSync(logFile, 'w')
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', script], { cwd: REPO_ROOT, stdio: ['ignore', out, out], env: { ...process.env, ...env } })
    child.on('error', reject)
    child.on('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0)))
  })
  closeSync(out)
  if (code !== 0) {
    process.stderr.write(readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n'))
    throw new Error(`npm run ${script} failed (exit ${code}); whole output in ${path.relative(REPO_ROOT, logFile)}`)
  }
}

async function ensureClientBuild(marker: string, script: string, env: NodeJS.ProcessEnv, label: string): Promise<void> {
  const built = mtime(marker)
  const sources = newestMtime(CLIENT_INPUTS)
  if (built !== undefined && built >= sources) return log(`${label} build is up to date`)
  log(`${built === undefined ? 'building' : 'rebuilding (sources changed)'} ${label}: npm run ${script}`)
  await npmRun(script, env)
  if (!existsSync(marker)) throw new Error(`npm run ${script} finished but ${path.relative(REPO_ROOT, marker)} is missing`)
}

async function ensureFunctions(): Promise<void> {
  const names = existsSync(FUNCTIONS_SRC)
    ? readdirSync(FUNCTIONS_SRC).filter((name) => !name.startsWith('_') && existsSync(path.join(FUNCTIONS_SRC, name, 'index.ts')))
    : []
  const bundles = names.map((name) => mtime(path.join(FUNCTIONS_DIST, name, 'index.js')))
  const oldest = bundles.some((time) => time === undefined) ? undefined : Math.min(...(bundles as number[]))
  if (oldest !== undefined && oldest >= newestMtime(FUNCTION_INPUTS)) return log('function bundles are up to date')
  log(`${oldest === undefined ? 'building' : 'rebuilding (sources changed)'} cloud functions: npm run build:functions`)
  await npmRun('build:functions')
}

let jestChild: ChildProcess | undefined

interface JestSummary {
  numPassedTests: number
  numFailedTests: number
  numPendingTests: number
  numRuntimeErrorTestSuites: number
}

/** The closing line of a run: how many journeys passed and failed, and where their screens are. */
function closingLine(target: Target, summary: JestSummary | undefined, exitCode: number): string {
  if (!summary) return `e2e journeys on ${target}: no results (jest exited with ${exitCode}); 0 passed, counted as failed`
  const failed = summary.numFailedTests + summary.numRuntimeErrorTestSuites
  const skipped = summary.numPendingTests > 0 ? `, ${summary.numPendingTests} skipped` : ''
  const leg = largeTextRun() ? `${target} in large-text mode` : target
  const screens = path.relative(REPO_ROOT, artifactDir(target))
  const broken = summary.numRuntimeErrorTestSuites > 0 ? ` (${summary.numRuntimeErrorTestSuites} journey file(s) did not load)` : ''
  return `e2e journeys on ${leg}: ${summary.numPassedTests} passed, ${failed} failed${skipped}${broken}; screenshots in ${screens}/`
}

/** Runs jest over the journeys; jest's own report goes to the terminal, the counts come back from its JSON. */
async function runJest(target: Target, env: NodeJS.ProcessEnv, args: string[]): Promise<number> {
  const resultsDir = mkdtempSync(path.join(os.tmpdir(), 'unionhub-e2e-results-'))
  cleanups.push(() => rmSync(resultsDir, { recursive: true, force: true }))
  const resultsFile = path.join(resultsDir, 'results.json')
  const jestBin = require.resolve('jest/bin/jest')
  const jestArgs = [jestBin, '-c', path.join('tests', 'e2e', 'jest.config.js'), '--json', `--outputFile=${resultsFile}`, ...args]
  const code = await new Promise<number>((resolve, reject) => {
    jestChild = spawn(process.execPath, jestArgs, { cwd: REPO_ROOT, stdio: 'inherit', env: { ...process.env, E2E_TARGET: target, ...env } })
    jestChild.on('error', reject)
    jestChild.on('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0)))
  })
  const summary = existsSync(resultsFile) ? (JSON.parse(readFileSync(resultsFile, 'utf8')) as JestSummary) : undefined
  process.stdout.write(`\n${closingLine(target, summary, code)}\n`)
  if (!summary) return code === 0 ? 1 : code
  return code
}

/** Cleanups to run on exit and on Ctrl-C, newest first. */
const cleanups: Array<() => Promise<void> | void> = []

async function cleanUp(): Promise<void> {
  while (cleanups.length > 0) {
    const cleanup = cleanups.pop()
    try {
      await cleanup?.()
    } catch (error) {
      log(`cleanup failed: ${(error as Error).message}`)
    }
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    if (jestChild?.pid && jestChild.exitCode === null) jestChild.kill('SIGTERM')
    void cleanUp().then(() => process.exit(130))
  })
}

function freshArtifacts(target: Target): void {
  // Screens from an earlier run would pass for this run's; start the target's folder empty.
  rmSync(artifactDir(target), { recursive: true, force: true })
}

/** Without a CJK font Chromium draws every Chinese character as a box, and screenshots say nothing. */
function warnWithoutChineseFont(): void {
  const fonts = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' })
  if (fonts.status === 0 && fonts.stdout.trim() === '') {
    log('warning: no Chinese font installed, screenshots will show boxes; apt-get install -y fonts-wqy-zenhei')
  }
}

/**
 * Taro inlines only variables the config lists under `env`; where it did not, the bundle still
 * reads `process.env.TARO_APP_E2E` at run time, finds nothing, and native stubs stay off.
 */
function warnIfStubsAreOff(): void {
  const jsDir = path.join(H5_DIR, 'js')
  const files = existsSync(jsDir) ? readdirSync(jsDir).filter((name) => name.endsWith('.js')) : []
  if (files.some((name) => readFileSync(path.join(jsDir, name), 'utf8').includes('process.env.TARO_APP_E2E'))) {
    log("warning: native stubs are off in dist/h5-e2e: config/index.ts must define env: { TARO_APP_E2E: JSON.stringify(isE2E ? '1' : '') }")
  }
}

async function runH5(jestArgs: string[]): Promise<number> {
  if (!existsSync(CHROMIUM_PATH)) {
    process.stderr.write(`Chromium not found at ${CHROMIUM_PATH}: install it with apt-get install -y chromium (or set E2E_CHROMIUM to a Chrome/Chromium binary).\n`)
    return 1
  }
  warnWithoutChineseFont()
  await ensureClientBuild(path.join(H5_DIR, 'index.html'), 'build:h5', { TARO_APP_E2E: '1' }, 'test H5 (dist/h5-e2e)')
  warnIfStubsAreOff()
  await ensureFunctions()
  freshArtifacts('h5')
  // Loaded here so the DevTools leg never opens SQLite or the function host.
  const { startLocalCloud } = await import('./local-cloud-server')
  const cloud = await startLocalCloud({ h5Dir: H5_DIR, functionsDir: FUNCTIONS_DIST })
  cleanups.push(() => cloud.stop())
  log(`local cloud on ${cloud.baseUrl} (fresh data in ${cloud.dataDir}, seeded)`)
  return runJest('h5', { E2E_BASE_URL: cloud.baseUrl, E2E_SETUP_SECRET: cloud.setupSecret }, jestArgs)
}

async function runDevtools(jestArgs: string[]): Promise<number> {
  const setup = devtoolsLaunchOptions()
  if (!setup.ok) {
    process.stderr.write(`${setup.message}\n`)
    return 1
  }
  if (!existsSync(path.join(REPO_ROOT, 'project.config.json'))) throw new Error('project.config.json is missing at the repo root; DevTools opens that folder')
  await ensureClientBuild(path.join(WEAPP_DIR, 'app.js'), 'build:weapp', {}, 'weapp (dist/weapp)')
  await ensureFunctions()
  freshArtifacts('devtools')
  log(`launching WeChat DevTools (${setup.options.cliPath}, automation port ${setup.options.port})`)
  const launched = await launchDevtools(setup.options)
  // Journeys attach one by one to this DevTools; the runner closes it at the end.
  launched.disconnect()
  const wsEndpoint = `ws://127.0.0.1:${setup.options.port}`
  cleanups.push(async () => {
    const session = await connectAutomator(wsEndpoint)
    await session.close()
  })
  return runJest('devtools', { E2E_DEVTOOLS_WS: wsEndpoint }, jestArgs)
}

async function runWeapp(jestArgs: string[]): Promise<number> {
  // The build that ships, which npm test has just made: a TARO_APP_E2E build differs from it only in
  // a constant no weapp code reads (stubs there are mockWxMethod), and would cost a second Taro build.
  await ensureClientBuild(path.join(WEAPP_DIR, 'app.js'), 'build:weapp', {}, 'weapp (dist/weapp)')
  await ensureFunctions()
  freshArtifacts('weapp')
  // Loaded here so the DevTools leg never opens SQLite or the function host.
  const { startLocalCloud } = await import('./local-cloud-server')
  const { startEndpoint } = await import('../weapp-runtime/endpoint')
  const cloud = await startLocalCloud({ h5Dir: H5_DIR, functionsDir: FUNCTIONS_DIST })
  cleanups.push(() => cloud.stop())
  const endpoint = await startEndpoint({ distDir: WEAPP_DIR, cloudUrl: cloud.baseUrl, log })
  cleanups.push(() => endpoint.close())
  log(`local cloud on ${cloud.baseUrl} (fresh data in ${cloud.dataDir}, seeded); headless weapp runtime on ${endpoint.url}`)
  return runJest('weapp', { E2E_BASE_URL: cloud.baseUrl, E2E_WEAPP_WS: endpoint.url, E2E_SETUP_SECRET: cloud.setupSecret }, jestArgs)
}

async function main(): Promise<number> {
  const [target, ...rest] = process.argv.slice(2)
  // The large-text pass is the H5 leg again with the browser's font size raised; drivers and specs read the variable.
  if (rest.includes('--large-text')) {
    if (target !== 'h5') {
      process.stderr.write('--large-text needs a browser: it runs on the h5 target only\n')
      return 2
    }
    process.env.E2E_LARGE_TEXT = '1'
  }
  const jestArgs = rest.filter((arg) => arg !== '--large-text')
  if (target !== 'h5' && target !== 'weapp' && target !== 'devtools') {
    process.stderr.write('usage: tsx tests/e2e/run.ts <h5|weapp|devtools> [--large-text] [jest args]\n')
    return 2
  }
  try {
    if (target === 'h5') return await runH5(jestArgs)
    return target === 'weapp' ? await runWeapp(jestArgs) : await runDevtools(jestArgs)
  } finally {
    await cleanUp()
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`[e2e] ${error instanceof Error ? error.message : String(error)}\n`)
    void cleanUp().then(() => process.exit(1))
  },
)
