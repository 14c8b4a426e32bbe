/**
 * `npm start`: the whole app on this machine. Builds what is missing, opens the database in `.data/`
 * (kept across restarts; `--fresh` starts clean), seeds an empty one, and serves everything on
 * http://127.0.0.1:8787.
 *
 *   npm start                       start (PORT=8788 npm start for another port)
 *   npm start -- --fresh            delete .data/ first: new database, storage and keys
 *   npm start -- --fresh --no-seed  an empty cloud, set up from nothing through the bootstrap page
 *   npm start -- --host 0.0.0.0     listen beyond this machine (dev sign-in then closed)
 *   npm start -- --allow-dev-signin keep the dev sign-in open beyond loopback (trusted networks only)
 *   npm start -- --public-url http://192.168.1.5:8787   the base URL phones use (file links, QR codes)
 *
 * The gateway answers only to IP addresses, `localhost` and the host names of --host and
 * --public-url, so a web page that rebinds its own name to this machine reads nothing.
 *
 * Functions run with the timeouts, memory, environment and secret names of the deployment
 * configuration (deploy.config.json, or deploy.config.example.json without one); the secrets get
 * local random values kept in the data folder.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { functionNames } from '../scripts/build-functions'
import { ConfigError, hostFunctionSettings, loadLocalConfig, templateEnvironment } from '../scripts/deploy/config'
import { loadManifest, openDatabase } from './db'
import { startGateway, type Gateway } from './gateway'
import { loadOrCreateSecrets } from './host/secrets'
import { hasNoUnions, isSeeded } from './seed'
import { DEV_IDENTITIES } from './seed/identities'

const ROOT = path.resolve(__dirname, '..')
const FUNCTIONS_DIST = path.join(ROOT, 'cloudfunctions', 'dist')
const H5_DIST = path.join(ROOT, 'dist', 'h5')

/** Function settings a developer may override from the shell for one run (the word lists are the local content check's). */
const SHELL_SETTINGS = ['UNIONHUB_BLOCKED_WORDS', 'UNIONHUB_REVIEW_WORDS', 'UNIONHUB_MINIPROGRAM_STATE']

function newestMtime(dir: string): number {
  if (!existsSync(dir)) return 0
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs)
  }
  return newest
}

function runScript(name: string, why: string): boolean {
  console.log(`\n> ${why}: npm run ${name}`)
  const result = spawnSync('npm', ['run', name], { cwd: ROOT, stdio: 'inherit' })
  if (result.status !== 0) console.warn(`! npm run ${name} 失败（退出码 ${result.status}），本地云仍会启动，但相关功能不可用。`)
  return result.status === 0
}

/** Functions are quick to bundle: rebuilt when missing or older than their sources. H5 only when missing. */
function buildWhatIsMissing() {
  const sources = Math.max(newestMtime(path.join(ROOT, 'cloudfunctions', 'src')), newestMtime(path.join(ROOT, 'shared')))
  if (!existsSync(FUNCTIONS_DIST) || readdirSync(FUNCTIONS_DIST).length === 0) runScript('build:functions', '云函数尚未构建')
  else if (newestMtime(FUNCTIONS_DIST) < sources) runScript('build:functions', '云函数源码有更新')
  if (!existsSync(path.join(H5_DIST, 'index.html'))) runScript('build:h5', 'H5 尚未构建（首次约需一两分钟）')
  else if (newestMtime(H5_DIST) < Math.max(sources, newestMtime(path.join(ROOT, 'client', 'src')))) {
    console.log('  提示：H5 构建早于源码，如需最新界面请运行 npm run build:h5')
  }
}

/** Relative to the repository when inside it, absolute otherwise. */
function displayPath(dir: string): string {
  const relative = path.relative(ROOT, dir)
  return relative && !relative.startsWith('..') ? relative : dir
}

/** The page where the first admin sets up the union (docs/administration.md), as a mini program path. */
const SETUP_PAGE = 'subpackages/staff/pages/setup/index'

/**
 * While no one is admin, how to become the first one: the setup page of the H5 build and the
 * secret it asks for (the local value of UNIONHUB_SETUP_SECRET, kept in the data folder).
 */
function setupLines(gateway: Gateway, dataDir: string, secret: string | undefined): string {
  return `
  尚无管理员：先在开发登录页选一个身份（或输入任意 openid），再打开初始化页面，
  填写初始化口令、根工会（如“××市总工会”）和你的姓名，成为首位管理员（docs/administration.md）
    初始化页面 ${gateway.url}/#/${SETUP_PAGE}（小程序里是页面 ${SETUP_PAGE}）
    初始化口令 ${secret ?? '（未设置 UNIONHUB_SETUP_SECRET）'}（${displayPath(path.join(dataDir, 'secrets.json'))} 里的 UNIONHUB_SETUP_SECRET）
`
}

function printBanner(gateway: Gateway, dataDir: string, configSource: string, setup: string, demo: boolean) {
  const functions = gateway.functions.functions()
  const width = Math.max(...DEV_IDENTITIES.map((identity) => identity.openid.length))
  console.log(`
工会通 · 本地云已启动
  H5 应用    ${gateway.url}/
  开发登录   ${gateway.url}/__emulator/signin${gateway.devToolsAllowed ? '' : '（已关闭：监听在非本机地址）'}
  云函数     ${functions.length > 0 ? functions.join(', ') : '（无，请运行 npm run build:functions）'}
  数据目录   ${displayPath(dataDir)}（重启后保留；npm start -- --fresh 清空重来）
  部署配置   ${displayPath(configSource)}（云函数超时、内存、环境变量与密钥名称与云端一致）
${setup}
  开发身份（在开发登录页选择）${demo ? '' : '：数据库里没有演示数据，它们只是可选的 openid'}：
${DEV_IDENTITIES.map((identity) => `    ${identity.openid.padEnd(width)}  ${identity.name}  ${identity.label}`).join('\n')}

按 Ctrl+C 停止。
`)
}

async function main() {
  const { values } = parseArgs({
    options: {
      fresh: { type: 'boolean', default: false },
      'no-seed': { type: 'boolean', default: false },
      port: { type: 'string' },
      host: { type: 'string' },
      'allow-dev-signin': { type: 'boolean', default: false },
      'data-dir': { type: 'string' },
      'public-url': { type: 'string' },
      'skip-build': { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  if (values.help) {
    console.log(`npm start -- [options]
  --fresh              delete .data/ first: new database, storage and keys
  --no-seed            leave an empty database empty (no demo data): set it up through the bootstrap
                       page it prints, as a union does after deploying
  --port N             listen on port N (default 8787, or PORT; 0 picks a free port)
  --host ADDR          listen address (default 127.0.0.1); beyond loopback the dev sign-in is closed
  --allow-dev-signin   keep the dev sign-in and test endpoints open on a non-loopback address
  --public-url URL     base URL phones on a LAN use for file links and QR codes (the local cloud
                       answers only to IP addresses, localhost and the names in --host and this)
  --data-dir DIR       where the database, storage and keys live (default .data)
  --skip-build         start without building missing or stale bundles
  --quiet              no request log`)
    return
  }
  const port = Number(values.port ?? process.env.PORT ?? 8787)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`端口不正确：${values.port ?? process.env.PORT}`)
  const host = values.host ?? process.env.HOST ?? '127.0.0.1'
  const dataDir = path.resolve(ROOT, values['data-dir'] ?? '.data')

  if (values.fresh) {
    rmSync(dataDir, { recursive: true, force: true })
    console.log(`已清空 ${displayPath(dataDir)}`)
  }
  if (!values['skip-build']) buildWhatIsMissing()

  // The deployment configuration (deploy.config.json, or the committed example): the same function
  // limits, environment and secret names as the cloud, with local values for the secrets.
  const config = loadLocalConfig(functionNames())
  const secrets = loadOrCreateSecrets(dataDir, config.secrets)
  secrets.functions = { ...config.environment, ...templateEnvironment(config.subscribeTemplates), ...secrets.functions }
  for (const name of SHELL_SETTINGS) {
    const value = process.env[name]
    if (value !== undefined) secrets.functions[name] = value
  }
  const functionSettings = hostFunctionSettings(config)
  const db = openDatabase({ file: path.join(dataDir, 'cloud.sqlite'), manifest: loadManifest() })
  const time = () => new Date().toTimeString().slice(0, 8)
  let gateway: Gateway
  try {
    gateway = await startGateway({
      db,
      dataDir,
      port,
      host,
      allowDevSignin: values['allow-dev-signin'],
      publicUrl: values['public-url'],
      secrets,
      functionSettings,
      log: values.quiet ? undefined : (line) => console.log(`${time()} ${line}`),
    })
  } catch (error) {
    db.close()
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      console.error(`端口 ${port} 已被占用（也许本地云已在运行）。换一个端口：PORT=${port + 1} npm start`)
      process.exit(1)
    }
    throw error
  }

  const readCollection = (name: string) => db.readCollection(name) as object[]
  if (!values['no-seed'] && (await hasNoUnions({ readCollection }))) {
    const reports = await gateway.seed()
    console.log(`已写入种子数据：${reports.map((report) => `${report.name}${report.status === 'skipped' ? '（跳过）' : ''}`).join('；')}`)
  }
  const hasAdmin = (readCollection('staff') as Array<{ role?: unknown }>).some((record) => record.role === 'admin')
  const demo = await isSeeded({ readCollection })
  printBanner(gateway, dataDir, config.source, hasAdmin ? '' : setupLines(gateway, dataDir, secrets.functions.UNIONHUB_SETUP_SECRET), demo)

  let stopping = false
  const stop = async () => {
    if (stopping) return
    stopping = true
    console.log('\n正在停止本地云…')
    await gateway.close()
    db.close()
    process.exit(0)
  }
  process.on('SIGINT', () => void stop())
  process.on('SIGTERM', () => void stop())
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(`部署配置有误，本地云未启动：\n${error.problems.map((problem) => `  ✗ ${problem}`).join('\n')}`)
  else console.error(error)
  process.exit(1)
})
