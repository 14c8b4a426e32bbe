/**
 * The headless runtime as a standing endpoint for your own miniprogram-automator scripts:
 *   npm run weapp:headless -- [--port 9420] [--cloud http://127.0.0.1:8787] [--dist dist/weapp] [--openid demo-worker]
 * Without --cloud it starts a fresh, seeded local cloud of its own, as the journey runner does.
 * Then: automator.connect({ wsEndpoint: 'ws://127.0.0.1:9420/?openid=demo-worker' }).
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { startTestCloud } from '../../emulator/gateway/testing'
import { DEFAULT_OPENID, startEndpoint } from './endpoint'

const ROOT = path.resolve(__dirname, '..', '..')

const USAGE = `usage: npm run weapp:headless -- [--port 9420] [--cloud <local cloud URL>] [--dist dist/weapp] [--openid ${DEFAULT_OPENID}]
  --port    where the automation endpoint listens (default 9420, DevTools' own default)
  --cloud   a running local cloud (npm start); default: a fresh seeded one for this run only
  --dist    the weapp build to run (default dist/weapp: npm run build:weapp)
  --openid  who a connection is when its URL names nobody (default ${DEFAULT_OPENID}, a person the cloud has never seen)
`

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { port: { type: 'string', default: '9420' }, cloud: { type: 'string' }, dist: { type: 'string', default: 'dist/weapp' }, openid: { type: 'string' }, help: { type: 'boolean' } },
  })
  if (values.help) return void process.stdout.write(USAGE)
  const port = Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port ${values.port} is not a port number\n${USAGE}`)
  const distDir = path.resolve(ROOT, values.dist)
  if (!existsSync(path.join(distDir, 'app.js'))) throw new Error(`${values.dist} has no app.js: build it first with npm run build:weapp`)

  let stopCloud: () => Promise<void> = async () => undefined
  let cloudUrl = values.cloud
  if (!cloudUrl) {
    const functionsDir = path.join(ROOT, 'cloudfunctions', 'dist')
    if (!existsSync(functionsDir)) throw new Error('cloudfunctions/dist is missing: npm run build:functions (or pass --cloud to use a running npm start)')
    const cloud = await startTestCloud({ functionsDir, seed: true })
    cloudUrl = cloud.url
    stopCloud = () => cloud.close()
  }
  const endpoint = await startEndpoint({ distDir, cloudUrl, port, defaultOpenid: values.openid, log: (line) => process.stderr.write(`${line}\n`) })
  process.stdout.write(
    `headless weapp runtime for ${path.relative(ROOT, distDir)} on ${endpoint.url}, cloud ${cloudUrl}${values.cloud ? '' : ' (fresh, seeded: demo-admin, demo-staff, demo-member, demo-worker)'}\n` +
      `connect: automator.connect({ wsEndpoint: '${endpoint.url}/?openid=demo-worker' })  ·  Ctrl-C stops\n`,
  )
  const stop = async () => {
    await endpoint.close()
    await stopCloud()
    process.exit(0)
  }
  process.once('SIGINT', () => void stop())
  process.once('SIGTERM', () => void stop())
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
})
