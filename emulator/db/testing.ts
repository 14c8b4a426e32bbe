import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type * as WxServerSdk from 'wx-server-sdk'
import { loadManifest, openDatabase, type CloudDatabase, type CollectionManifest } from './index'

export interface DatabaseServer {
  /** The SDK endpoint, `http://127.0.0.1:PORT/admin`. */
  url: string
  port: number
  db: CloudDatabase
  close(): Promise<void>
}

export interface DatabaseServerOptions {
  /** SQLite file; default a fresh temporary file that is deleted on close. */
  file?: string
  /** Default: cloudfunctions/collections.json. */
  manifest?: CollectionManifest
  /** Default 0: a random free port. */
  port?: number
  /** See OpenDatabaseOptions.transactionTimeoutMs. */
  transactionTimeoutMs?: number
}

/** Serves a database on a loopback port, answering the SDK at `/admin`. */
export async function startDatabaseServer(opts: DatabaseServerOptions = {}): Promise<DatabaseServer> {
  const tmpDir = opts.file ? undefined : mkdtempSync(path.join(tmpdir(), 'unionhub-db-'))
  const file = opts.file ?? path.join(tmpDir as string, 'db.sqlite')
  const db = openDatabase({
    file,
    manifest: opts.manifest ?? loadManifest(),
    transactionTimeoutMs: opts.transactionTimeoutMs,
  })
  const server = createServer((req, res) => {
    if ((req.url ?? '').startsWith('/admin')) {
      db.handleHttp(req, res)
      return
    }
    res.writeHead(404, { 'content-type': 'application/json' })
    res.end(JSON.stringify({ code: 'NOT_FOUND', message: 'the database answers at /admin' }))
  })
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(opts.port ?? 0, '127.0.0.1', () => resolve())
    })
  } catch (e) {
    db.close()
    throw e
  }
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}/admin`,
    port,
    db,
    close: async () => {
      // The SDK keeps connections alive; close them so the server can stop at once.
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      db.close()
      if (tmpDir) rmSync(tmpDir, { recursive: true, force: true })
    },
  }
}

export const DEFAULT_TEST_OPENID = 'test-openid'
export const LOCAL_APPID = 'wx0000000000000000'

/**
 * The environment that makes wx-server-sdk talk to the database at `url` with `openid` as the
 * caller. `TENCENTCLOUD=true` stops the SDK from probing Tencent's metadata server before every
 * call (a DNS lookup that leaves the machine and adds ~30 ms per call when it times out).
 */
export function sdkEnvironment(url: string, openid: string = DEFAULT_TEST_OPENID): Record<string, string> {
  const endpoint = new URL(url)
  if (endpoint.pathname === '/' || endpoint.pathname === '') endpoint.pathname = '/admin'
  return {
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: endpoint.toString() }),
    TCB_ENV: 'local',
    TENCENTCLOUD_SECRETID: 'local-secret-id',
    TENCENTCLOUD_SECRETKEY: 'local-secret-key',
    TENCENTCLOUD: 'true',
    WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID',
    WX_OPENID: openid,
    WX_APPID: LOCAL_APPID,
  }
}

/**
 * Points an in-process `require('wx-server-sdk')` + `cloud.init({ env: 'local' })` at the database.
 * Call it before the first SDK call: offline SDK calls leave rejections that kill Node 20.
 */
export function pointSdkAt(url: string, openid?: string): void {
  Object.assign(process.env, sdkEnvironment(url, openid))
}

export type Cloud = typeof WxServerSdk
export type Database = ReturnType<Cloud['database']>

export interface CloudHarness {
  server: DatabaseServer
  cloud: Cloud
  /** `cloud.database({ throwOnNotFound: false })`, what the repositories use. */
  db: Database
  close(): Promise<void>
}

/** A fresh database server on a temp file with the real wx-server-sdk of this process pointed at it. */
export async function startCloud(options: DatabaseServerOptions = {}): Promise<CloudHarness> {
  const server = await startDatabaseServer(options)
  pointSdkAt(server.url)
  // Required only after pointSdkAt: the SDK must never run without a server to talk to.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cloud = require('wx-server-sdk') as Cloud
  cloud.init({ env: 'local' })
  // throwOnNotFound is read by the SDK at run time; its typings only declare `env`.
  const config: Parameters<Cloud['database']>[0] & { throwOnNotFound: boolean } = { throwOnNotFound: false }
  return { server, cloud, db: cloud.database(config), close: () => server.close() }
}
