import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import type { DatabaseSnapshot } from '../db'
import { DEFAULT_ENV_ID, FunctionHost } from '../host'
import { loadOrCreateSecrets, type LocalSecrets } from '../host/secrets'
import { runSeed, SEED_STEPS, type SeedReport, type SeedStep } from '../seed'
import { CloudStorage, StorageRejection } from '../storage'
import type { GatewayContext, GatewayDatabase, Route } from './context'
import { Guards } from './guards'
import { hostForUrl, HttpError, isLoopbackAddress, sendError } from './http'
import { adminRoutes } from './routes/admin'
import { devtoolRoutes } from './routes/devtools'
import { eventFor, functionRoutes } from './routes/functions'
import { staticRoutes } from './routes/static'
import { storageRoutes } from './routes/storage'
import { DevSessions } from './session'

export type { GatewayDatabase } from './context'

export interface GatewayOptions {
  db: GatewayDatabase
  /** Holds `storage/` and `secrets.json`. */
  dataDir: string
  /** Default 8787; 0 picks a free port (tests). */
  port?: number
  /** Default 127.0.0.1. Anything beyond loopback closes the dev tools unless `allowDevSignin`. */
  host?: string
  allowDevSignin?: boolean
  /** Default `cloudfunctions/dist`. */
  functionsDir?: string
  /** Default `dist/h5`. */
  h5Dir?: string
  envId?: string
  /** Keys for functions and the gateway; default read from (or created in) `<dataDir>/secrets.json`. */
  secrets?: LocalSecrets
  /** Base URL browsers use when it is not `http://<host>:<port>` (e.g. behind a LAN address). */
  publicUrl?: string
  maxInstances?: number
  timeoutMs?: number
  /** Per function timeout and memory (see `FunctionHostOptions.functionSettings`). */
  functionSettings?: Record<string, { timeoutMs?: number; memoryMb?: number }>
  idleMs?: number
  /** Lifetime of temporary download URLs; default 2 h. */
  urlTtlSeconds?: number
  seedSteps?: SeedStep[]
  /** Request and invocation log lines; default silent. */
  log?: (line: string) => void
}

export interface Gateway {
  /** Base URL, e.g. `http://127.0.0.1:8787`. */
  url: string
  port: number
  functions: FunctionHost
  storage: CloudStorage
  devToolsAllowed: boolean
  reset(): Promise<void>
  seed(): Promise<SeedReport[]>
  /** The database and stored files as they are now, for `restore` (tests seed once and restore before each test). */
  snapshot(): CloudSnapshot
  /** Replaces the database and stored files with a snapshot's. */
  restore(snapshot: CloudSnapshot): void
  close(): Promise<void>
}

export interface CloudSnapshot {
  database: DatabaseSnapshot
  /** Every stored file's bytes by cloud path. */
  files: ReadonlyMap<string, Buffer>
}

const ROOT = path.resolve(__dirname, '../..')
const METHOD_NOT_ALLOWED = new HttpError(405, 'INVALID_INPUT', '请求方法不正确')

/**
 * Starts the local cloud's one HTTP server: the function gateway, the SDK's `/admin` endpoint,
 * cloud storage, the dev sign-in and test endpoints, and the H5 build. Each family of endpoints is
 * a module in `routes/` that takes the context built here.
 */
export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  const bindHost = options.host ?? '127.0.0.1'
  const envId = options.envId ?? DEFAULT_ENV_ID
  const secrets = options.secrets ?? loadOrCreateSecrets(options.dataDir)
  const devToolsAllowed = isLoopbackAddress(bindHost) || options.allowDevSignin === true
  const log = options.log ?? (() => undefined)

  const server = createServer({ keepAliveTimeout: 5000 })
  const port = await listen(server, options.port ?? 8787, bindHost)
  const localHost = bindHost === '0.0.0.0' ? '127.0.0.1' : bindHost === '::' ? '::1' : bindHost
  const url = options.publicUrl?.replace(/\/+$/, '') ?? `http://${hostForUrl(localHost)}:${port}`

  const functions = new FunctionHost({
    functionsDir: options.functionsDir ?? path.join(ROOT, 'cloudfunctions', 'dist'),
    adminUrl: `http://${hostForUrl(localHost)}:${port}/admin`,
    publicUrl: url,
    secrets: secrets.functions,
    envId,
    maxInstances: options.maxInstances,
    timeoutMs: options.timeoutMs,
    functionSettings: options.functionSettings,
    idleMs: options.idleMs,
    log,
  })
  const storage = new CloudStorage({
    dir: path.join(options.dataDir, 'storage'),
    envId,
    signingKey: secrets.gateway.signingKey,
    publicUrl: url,
    urlTtlSeconds: options.urlTtlSeconds,
  })
  const { db } = options

  const context: GatewayContext = {
    db,
    functions,
    storage,
    sessions: new DevSessions(secrets.gateway.signingKey),
    envId,
    publicUrl: url,
    devToolsAllowed,
    h5Dir: options.h5Dir ?? path.join(ROOT, 'dist', 'h5'),
    log,
    async reset() {
      db.reset()
      storage.reset()
    },
    seed: () =>
      runSeed(
        {
          insertDocuments: (name, documents) => db.insertDocuments(name, documents),
          readCollection: (name) => db.readCollection(name) as object[],
          invoke: async (fn, action, input, openid) => (await functions.invoke(fn, eventFor({ action, input }, openid), { openid })).value,
          hasFunction: (fn) => functions.has(fn),
          now: new Date(),
        },
        options.seedSteps ?? SEED_STEPS,
      ),
  }
  // In order: the first route whose path matches answers; the H5 build takes what is left. A new
  // family of endpoints is one more module in routes/ whose routes go in this list.
  const routes: Route[] = [
    ...functionRoutes(context),
    ...adminRoutes(context),
    ...storageRoutes(context),
    ...devtoolRoutes(context),
    ...staticRoutes(context),
  ]
  const guards = new Guards({ devToolsAllowed, hostNames: [new URL(url).hostname, bindHost], publicOrigin: new URL(url).origin })

  async function dispatch(req: IncomingMessage, res: ServerResponse) {
    const requestUrl = new URL(req.url ?? '/', 'http://gateway.local')
    const { pathname } = requestUrl
    const route = routes.find((candidate) => (candidate.path.endsWith('/') ? pathname.startsWith(candidate.path) : pathname === candidate.path))
    if (!route) throw new HttpError(404, 'NOT_FOUND', '没有这个接口')
    guards.check(route.access, req)
    if (route.methods && !route.methods.includes(req.method ?? '')) throw METHOD_NOT_ALLOWED
    const rest = route.path.endsWith('/') ? pathname.slice(route.path.length) : ''
    await route.handle({ req, res, url: requestUrl, rest })
  }

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    res.setHeader('X-Content-Type-Options', 'nosniff')
    dispatch(req, res).catch((error: unknown) => {
      const known =
        error instanceof HttpError
          ? error
          : error instanceof StorageRejection
            ? new HttpError(error.status, error.code, error.message)
            : null
      if (!known) log(`gateway ${req.method} ${req.url} failed: ${(error as Error)?.stack ?? String(error)}`)
      if (res.headersSent) {
        res.destroy()
        return
      }
      sendError(res, known ?? new HttpError(500, 'INTERNAL', '服务暂时不可用，请稍后再试'))
    })
  })

  return {
    url,
    port,
    functions,
    storage,
    devToolsAllowed,
    reset: context.reset,
    seed: context.seed,
    snapshot: () => ({
      database: db.snapshot(),
      files: new Map(storage.list().map((cloudPath) => [cloudPath, storage.read(cloudPath)!])),
    }),
    restore(snapshot) {
      db.restore(snapshot.database)
      storage.reset()
      for (const [cloudPath, bytes] of snapshot.files) storage.write(cloudPath, bytes)
    },
    async close() {
      await functions.close()
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
    },
  }
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve((server.address() as AddressInfo).port)
    })
  })
}
