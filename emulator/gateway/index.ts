import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import type { CloudDatabase } from '../db'
import { DEFAULT_APP_ID, DEFAULT_ENV_ID, FunctionHost, FunctionNotFoundError } from '../host'
import { loadOrCreateSecrets, type LocalSecrets } from '../host/secrets'
import { isSeeded, runSeed, SEED_STEPS, type SeedReport, type SeedStep } from '../seed'
import { DEV_IDENTITIES } from '../seed/identities'
import { CloudStorage, contentTypeOf, StorageRejection, tooLargeMessage } from '../storage'
import { hostForUrl, HttpError, isLoopbackAddress, readBody, readJsonObject, sendError, sendHtml, sendJson } from './http'
import { DevSessions, isValidOpenid } from './session'
import { renderSigninPage, type OutboxMessage } from './signin-page'
import { serveStatic } from './static'

/** What the gateway needs from the database server (`emulator/db`). */
export type GatewayDatabase = Pick<CloudDatabase, 'dispatch' | 'reset' | 'readCollection' | 'insertDocuments'>

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
  close(): Promise<void>
}

const ROOT = path.resolve(__dirname, '../..')
const FUNCTION_BODY_LIMIT = 5 * 1024 * 1024
const ADMIN_BODY_LIMIT = 64 * 1024 * 1024
const DEV_BODY_LIMIT = 64 * 1024
const MULTIPART_OVERHEAD = 256 * 1024

const DEV_TOOLS_CLOSED = new HttpError(403, 'FORBIDDEN', '网关监听在非本机地址，开发登录与测试接口已关闭；如确需开启，请使用 --allow-dev-signin')
const NOT_LOCAL = new HttpError(403, 'FORBIDDEN', '该接口只接受本机请求')
const METHOD_NOT_ALLOWED = new HttpError(405, 'INVALID_INPUT', '请求方法不正确')
const FOREIGN_ORIGIN = new HttpError(403, 'FORBIDDEN', '不接受来自其他网站的请求')

/**
 * Starts the local cloud's one HTTP server: the function gateway, the SDK's `/admin` endpoint,
 * cloud storage, the dev sign-in and test endpoints, and the H5 build.
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
  const sessions = new DevSessions(secrets.gateway.signingKey)
  const h5Dir = options.h5Dir ?? path.join(ROOT, 'dist', 'h5')
  const { db } = options

  const invoke = async (fn: string, action: string, input: unknown, openid: string | null) =>
    (await functions.invoke(fn, eventFor({ action, input }, openid), { openid })).value
  const reset = async () => {
    db.reset()
    storage.reset()
  }
  const seed = async () =>
    runSeed(
      {
        insertDocuments: (name, documents) => db.insertDocuments(name, documents),
        readCollection: (name) => db.readCollection(name) as object[],
        invoke,
        hasFunction: (fn) => functions.has(fn),
        now: new Date(),
      },
      options.seedSteps ?? SEED_STEPS,
    )

  /** What WeChat adds to the event of a call from the mini program. */
  function eventFor(body: Record<string, unknown>, openid: string | null) {
    return { ...body, userInfo: openid ? { appId: DEFAULT_APP_ID, openId: openid } : { appId: DEFAULT_APP_ID } }
  }

  function requireDevTools() {
    if (!devToolsAllowed) throw DEV_TOOLS_CLOSED
  }

  /** Requests from this machine only: the SDK inside instances, and storage's signed upload URLs. */
  function requireLocal(req: IncomingMessage) {
    const { remoteAddress, localAddress } = req.socket
    if (!isLoopbackAddress(remoteAddress) && remoteAddress !== localAddress) throw NOT_LOCAL
  }

  /** A page from another site must not drive the gateway with the developer's cookie. */
  function requireSameOrigin(req: IncomingMessage) {
    const origin = req.headers.origin
    if (!origin || origin === 'null') return
    let parsed: URL
    try {
      parsed = new URL(origin)
    } catch {
      throw FOREIGN_ORIGIN
    }
    if (parsed.host !== req.headers.host && !isLoopbackAddress(parsed.hostname.replace(/^\[|\]$/g, ''))) throw FOREIGN_ORIGIN
  }

  async function callFunction(req: IncomingMessage, res: ServerResponse, name: string) {
    if (req.method !== 'POST') throw METHOD_NOT_ALLOWED
    requireSameOrigin(req)
    const body = await readJsonObject(req, FUNCTION_BODY_LIMIT)
    if (!functions.has(name)) {
      throw new HttpError(404, 'NOT_FOUND', `云函数 ${name} 尚未部署，请先运行 npm run build:functions`)
    }
    const openid = sessions.openidOf(req)
    let invocation
    try {
      invocation = await functions.invoke(name, eventFor(body, openid), { openid })
    } catch (error) {
      if (error instanceof FunctionNotFoundError) throw new HttpError(404, 'NOT_FOUND', `云函数 ${name} 尚未部署，请先运行 npm run build:functions`)
      throw error
    }
    const timing = [`queue;dur=${invocation.queuedMs.toFixed(1)}`, `run;dur=${invocation.runMs.toFixed(1)}`]
    if (invocation.coldStartMs !== undefined) timing.push(`coldstart;dur=${invocation.coldStartMs.toFixed(1)}`)
    sendJson(res, 200, invocation.value, {
      'X-Function-Start': invocation.start,
      'X-Function-Instance': invocation.instanceId,
      'X-Function-Outcome': invocation.outcome,
      'Server-Timing': timing.join(', '),
    })
  }

  async function admin(req: IncomingMessage, res: ServerResponse) {
    if (req.method !== 'POST') throw METHOD_NOT_ALLOWED
    requireLocal(req)
    // One endpoint, routed by action prefix; errors travel as `{ code, message }` with status 200,
    // because the SDK reads the code from the body.
    let params: Record<string, unknown>
    try {
      params = JSON.parse((await readBody(req, ADMIN_BODY_LIMIT)).toString('utf8')) as Record<string, unknown>
    } catch (error) {
      if (error instanceof HttpError) throw error
      sendJson(res, 200, { code: 'INVALID_PARAM', message: 'request body is not JSON' })
      return
    }
    const action = typeof params?.action === 'string' ? params.action : ''
    sendJson(res, 200, action.startsWith('storage.') ? storage.handleAdmin(params) : db.dispatch(params))
  }

  async function signin(req: IncomingMessage, res: ServerResponse) {
    requireDevTools()
    if (req.method === 'GET') {
      const current = sessions.openidOf(req)
      let outbox: OutboxMessage[] | null = null
      if (current) {
        try {
          outbox = (db.readCollection('outbox') as OutboxMessage[])
            .filter((message) => message.toOpenid === current)
            .sort((a, b) => timeOf(b.createdAt) - timeOf(a.createdAt))
        } catch {
          outbox = null
        }
      }
      sendHtml(res, 200, renderSigninPage({ identities: DEV_IDENTITIES, current, outbox }))
      return
    }
    if (req.method !== 'POST') throw METHOD_NOT_ALLOWED
    requireSameOrigin(req)
    const { openid } = await readJsonObject(req, DEV_BODY_LIMIT)
    if (!isValidOpenid(openid)) throw new HttpError(400, 'INVALID_INPUT', 'openid 只能包含字母、数字、- 和 _，最长 64 位')
    sendJson(res, 200, { ok: true, data: { openid } }, { 'Set-Cookie': sessions.cookieFor(openid) })
  }

  async function devPost(req: IncomingMessage, res: ServerResponse, run: (body: Record<string, unknown>) => Promise<unknown>) {
    requireDevTools()
    if (req.method !== 'POST') throw METHOD_NOT_ALLOWED
    requireSameOrigin(req)
    const body = await readJsonObject(req, DEV_BODY_LIMIT)
    sendJson(res, 200, { ok: true, data: (await run(body)) ?? null })
  }

  async function readCollection(req: IncomingMessage, res: ServerResponse, name: string) {
    requireDevTools()
    if (req.method !== 'GET') throw METHOD_NOT_ALLOWED
    let documents: unknown
    try {
      documents = db.readCollection(name)
    } catch (error) {
      if ((error as { code?: unknown }).code === 'DATABASE_COLLECTION_NOT_EXIST') {
        throw new HttpError(404, 'NOT_FOUND', `集合 ${name} 不存在（请在 cloudfunctions/collections.json 中声明）`)
      }
      throw error
    }
    sendJson(res, 200, documents)
  }

  async function storageRoute(req: IncomingMessage, res: ServerResponse, requestUrl: URL) {
    const { pathname, searchParams } = requestUrl
    if (pathname === '/__storage/upload') {
      if (req.method !== 'POST') throw METHOD_NOT_ALLOWED
      requireSameOrigin(req)
      await clientUpload(req, res)
      return
    }
    if (pathname.startsWith('/__storage/file/')) {
      if (req.method !== 'GET' && req.method !== 'HEAD') throw METHOD_NOT_ALLOWED
      const cloudPath = storage.verify('get', pathname, searchParams)
      const data = storage.read(cloudPath)
      if (!data) throw new HttpError(404, 'NOT_FOUND', '文件不存在或已删除')
      res.writeHead(200, {
        'Content-Type': contentTypeOf(cloudPath),
        'Content-Length': String(data.length),
        'Cache-Control': 'private, max-age=600',
        'X-Content-Type-Options': 'nosniff',
      })
      res.end(req.method === 'HEAD' ? undefined : data)
      return
    }
    if (pathname.startsWith('/__storage/put/')) {
      if (req.method !== 'PUT') throw METHOD_NOT_ALLOWED
      requireLocal(req)
      const cloudPath = storage.verify('put', pathname, searchParams)
      const data = await readBody(req, storage.sdkMaxBytes, tooLargeMessage(storage.sdkMaxBytes))
      storage.write(cloudPath, data)
      // COS answers a successful PUT with an empty body; the SDK parses it as XML.
      res.writeHead(200, { 'Content-Length': '0', ETag: `"${data.length}"` }).end()
      return
    }
    throw new HttpError(404, 'NOT_FOUND', '文件不存在或已删除')
  }

  /** `Taro.uploadFile` on H5: multipart with the file and any `formData` fields. */
  async function clientUpload(req: IncomingMessage, res: ServerResponse) {
    const openid = sessions.openidOf(req)
    if (!openid) throw new HttpError(401, 'UNAUTHENTICATED', '请先登录')
    const contentType = req.headers['content-type'] ?? ''
    if (!/^multipart\/form-data\b/i.test(contentType)) throw new HttpError(415, 'INVALID_INPUT', '请以 multipart/form-data 上传文件')
    const body = await readBody(req, storage.clientMaxBytes + MULTIPART_OVERHEAD, tooLargeMessage(storage.clientMaxBytes))
    let form: FormData
    try {
      form = await new Response(body, { headers: { 'Content-Type': contentType } }).formData()
    } catch {
      throw new HttpError(400, 'INVALID_INPUT', '上传内容格式不正确')
    }
    let file: File | null = null
    const fields: Record<string, string> = {}
    form.forEach((value, key) => {
      if (typeof value === 'string') fields[key] = value
      else file ??= value
    })
    if (!file) throw new HttpError(400, 'INVALID_INPUT', '没有收到文件，请重新选择')
    const data = new Uint8Array(await (file as File).arrayBuffer())
    const fileID = storage.acceptClientUpload(data, { cloudPath: fields.cloudPath, dir: fields.dir })
    log(`storage upload ${fileID} ${data.length}B by ${openid}`)
    sendJson(res, 200, { fileID })
  }

  async function route(req: IncomingMessage, res: ServerResponse) {
    const requestUrl = new URL(req.url ?? '/', 'http://gateway.local')
    const { pathname } = requestUrl
    if (pathname.startsWith('/fn/')) return callFunction(req, res, decodePath(pathname.slice(4)))
    if (pathname === '/admin') return admin(req, res)
    if (pathname.startsWith('/__storage/')) return storageRoute(req, res, requestUrl)
    if (pathname === '/__emulator/health') {
      sendJson(res, 200, { ok: true, data: { envId, functions: functions.functions(), instances: functions.stats(), devSignin: devToolsAllowed } })
      return
    }
    if (pathname === '/__emulator/signin') return signin(req, res)
    if (pathname === '/__emulator/signout') {
      return devPost(req, res, async () => {
        res.setHeader('Set-Cookie', sessions.clearCookie())
        return null
      })
    }
    if (pathname === '/__emulator/reset') return devPost(req, res, reset)
    if (pathname === '/__emulator/seed') {
      return devPost(req, res, async (body) => {
        if (body.reset === true) await reset()
        else if (await isSeeded({ readCollection: (name) => db.readCollection(name) as object[] })) {
          throw new HttpError(409, 'CONFLICT', '已有种子数据；请先 POST /__emulator/reset，或提交 { "reset": true }')
        }
        return seed()
      })
    }
    if (pathname.startsWith('/__emulator/collections/')) return readCollection(req, res, decodePath(pathname.slice('/__emulator/collections/'.length)))
    if (pathname.startsWith('/__emulator/')) throw new HttpError(404, 'NOT_FOUND', '没有这个接口')
    if (req.method !== 'GET' && req.method !== 'HEAD') throw METHOD_NOT_ALLOWED
    serveStatic(req, res, h5Dir, pathname)
  }

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    res.setHeader('X-Content-Type-Options', 'nosniff')
    route(req, res).catch((error: unknown) => {
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
    reset,
    seed,
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

function decodePath(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    throw new HttpError(400, 'INVALID_INPUT', '请求地址不正确')
  }
}

function timeOf(value: unknown): number {
  return value instanceof Date ? value.getTime() : typeof value === 'string' ? Date.parse(value) || 0 : 0
}
