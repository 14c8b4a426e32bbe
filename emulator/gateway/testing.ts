import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { EXAMPLE_FILE } from '../../config/deployment'
import { functionNames } from '../../scripts/build-functions'
import { hostFunctionSettings, loadLocalConfig } from '../../scripts/deploy/config'
import { loadManifest, openDatabase, type CloudDatabase, type CollectionManifest } from '../db'
import { generateSecrets, type LocalSecrets } from '../host/secrets'
import { startGateway, type Gateway, type GatewayOptions } from '.'

export interface TestCloudOptions extends Partial<Omit<GatewayOptions, 'db' | 'dataDir'>> {
  manifest?: CollectionManifest
  /** Seed the data of `emulator/seed` before returning. */
  seed?: boolean
}

export interface CallReply {
  status: number
  body: unknown
  headers: Headers
}

/** A whole local cloud on a random port with a throw-away data folder, for tests. */
export interface TestCloud {
  url: string
  gateway: Gateway
  db: CloudDatabase
  dataDir: string
  /** The keys the functions and the gateway run with (e.g. the setup secret `staff.bootstrap` asks for). */
  secrets: LocalSecrets
  /** `POST /fn/<fn>` with `{ action, input }` as `openid` (signed in through the dev sign-in), or signed out. */
  call(fn: string, action: string, input?: unknown, options?: { openid?: string | null; requestId?: string }): Promise<CallReply>
  /** The dev session cookie for `openid`. */
  cookieFor(openid: string): Promise<string>
  /** `GET /__emulator/collections/<name>`: documents as plain JSON. */
  collection<T = Record<string, unknown>>(name: string): Promise<T[]>
  /** Everything stored, read directly: every collection's documents and every file's cloud path. */
  contents(): CloudContents
  close(): Promise<void>
}

export interface CloudContents {
  documents: Record<string, unknown[]>
  files: string[]
}

/** Fresh random keys for one test run: tests never read a developer's `.data/secrets.json`. */
export function testSecrets(): LocalSecrets {
  return generateSecrets()
}

/**
 * The function limits of the committed example deployment (never a developer's deploy.config.json),
 * as `npm start` and the cloud use them, unless the test sets a limit of its own: `staff.invite`
 * draws a mini program code and needs the 10 s the deployment gives it, not the 3 s default.
 */
function committedFunctionSettings(options: Partial<GatewayOptions>): GatewayOptions['functionSettings'] {
  if (options.timeoutMs !== undefined) return undefined
  return hostFunctionSettings(loadLocalConfig(functionNames(), {}, EXAMPLE_FILE))
}

/** What a test or a bench does with a running local cloud over HTTP, as a client would. */
export type GatewayClient = Pick<TestCloud, 'call' | 'cookieFor' | 'collection'>

/** A client of the local cloud at `url`: dev sign-in (cookies kept per openid), function calls, collections. */
export function gatewayClient(url: string): GatewayClient {
  const cookies = new Map<string, string>()

  async function cookieFor(openid: string): Promise<string> {
    const known = cookies.get(openid)
    if (known) return known
    const response = await fetch(`${url}/__emulator/signin`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ openid }),
    })
    const setCookie = response.headers.get('set-cookie')
    if (!response.ok || !setCookie) throw new Error(`dev sign-in as ${openid} failed: ${response.status} ${await response.text()}`)
    const cookie = setCookie.split(';')[0]!
    cookies.set(openid, cookie)
    return cookie
  }

  return {
    cookieFor,
    async call(fn, action, input = {}, callOptions = {}) {
      const headers: Record<string, string> = { 'Content-Type': 'application/json' }
      if (callOptions.openid) headers.Cookie = await cookieFor(callOptions.openid)
      const response = await fetch(`${url}/fn/${fn}`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ action, input, ...(callOptions.requestId ? { requestId: callOptions.requestId } : {}) }),
      })
      return { status: response.status, body: await response.json(), headers: response.headers }
    },
    async collection<T>(name: string) {
      const response = await fetch(`${url}/__emulator/collections/${encodeURIComponent(name)}`)
      if (!response.ok) throw new Error(`reading ${name} failed: ${response.status} ${await response.text()}`)
      return (await response.json()) as T[]
    },
  }
}

export async function startTestCloud(options: TestCloudOptions = {}): Promise<TestCloud> {
  const { manifest, seed, ...gatewayOptions } = options
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'uh-cloud-'))
  const db = openDatabase({ file: path.join(dataDir, 'cloud.sqlite'), manifest: manifest ?? loadManifest() })
  const secrets = gatewayOptions.secrets ?? testSecrets()
  let gateway: Gateway
  try {
    gateway = await startGateway({ port: 0, secrets, functionSettings: committedFunctionSettings(gatewayOptions), ...gatewayOptions, db, dataDir })
  } catch (error) {
    db.close()
    rmSync(dataDir, { recursive: true, force: true })
    throw error
  }
  if (seed) await gateway.seed()

  return {
    ...gatewayClient(gateway.url),
    url: gateway.url,
    gateway,
    db,
    dataDir,
    secrets,
    contents() {
      const documents = Object.fromEntries(db.collections().map((name) => [name, db.readCollection(name)]))
      const storageDir = path.join(dataDir, 'storage')
      const files = readdirSync(storageDir, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => path.relative(storageDir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
        .sort()
      return { documents, files }
    },
    async close() {
      await gateway.close()
      db.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
