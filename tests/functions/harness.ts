import { createHash, randomBytes, randomUUID } from 'node:crypto'
import type { ActionInput, ActionName, ActionOutput, FunctionName } from '@shared/contract'
import type { Result } from '@shared/result'
import { uploadFolderFromDigest, uploadPath } from '@shared/rules/cloud-files'
import type { CloudSnapshot } from '../../emulator/gateway'
import { startTestCloud, type TestCloud } from '../../emulator/gateway/testing'
import type { LocalSecrets } from '../../emulator/host/secrets'

/**
 * A local cloud for function tests: the built bundles in real instances behind the gateway, the
 * real SDK against the SQLite database server, identities through the dev sign-in.
 */
export interface LocalCloud {
  /** Calls an action as `as` (an openid), or signed out when `as` is null or omitted. */
  call<F extends FunctionName, A extends ActionName<F>>(
    fn: F,
    action: A,
    input: ActionInput<F, A>,
    options?: { as?: string | null; requestId?: string },
  ): Promise<Result<ActionOutput<F, A>>>
  /** Posts any event body, for malformed and hostile calls the typed `call` cannot express. */
  send(fn: string, event: unknown, options?: { as?: string | null }): Promise<Result<unknown>>
  /**
   * Fires a timer trigger as the platform does: the trigger's event straight to the function, with
   * no caller and none of what the gateway adds to a client's call.
   */
  timer(fn: string, triggerName: string): Promise<Result<unknown>>
  /** Stored documents, as the database holds them (for "nothing was stored" checks). */
  collection<T = Record<string, unknown>>(name: string): Promise<T[]>
  /** Inserts documents directly, for states that no action can reach quickly. */
  insert(collection: string, docs: object[]): Promise<void>
  reset(): Promise<void>
  seed(): Promise<void>
  close(): Promise<void>
  cloud: TestCloud
}

export interface LocalCloudOptions {
  /** Seed the demo data (default); false starts from an empty database, as a fresh deployment does. */
  seed?: boolean
  maxInstances?: number
  timeoutMs?: number
  /** The functions' keys; fresh random ones by default. */
  secrets?: LocalSecrets
  /** Every invocation's log line and the functions' console output. */
  log?: (line: string) => void
}

export async function startLocalCloud(options: LocalCloudOptions = {}): Promise<LocalCloud> {
  const cloud = await startTestCloud({
    seed: options.seed ?? true,
    ...(options.secrets ? { secrets: options.secrets } : {}),
    ...(options.log ? { log: options.log } : {}),
    // This run's own bundles (see global-setup.ts); cloudfunctions/dist when run without it.
    functionsDir: process.env.UNIONHUB_TEST_FUNCTIONS_DIR,
    maxInstances: options.maxInstances,
    // The cloud's limit is 3 s; a 2-core machine running jest beside the instances starts cold ones
    // more slowly than that under load. The limit itself is tested in tests/emulator/host-instances.
    timeoutMs: options.timeoutMs ?? 10_000,
  })

  async function send(fn: string, event: unknown, { as = null }: { as?: string | null } = {}): Promise<Result<unknown>> {
    const headers: Record<string, string> = { 'Content-Type': 'application/json' }
    if (as) headers.Cookie = await cloud.cookieFor(as)
    const response = await fetch(`${cloud.url}/fn/${fn}`, { method: 'POST', headers, body: JSON.stringify(event) })
    return (await response.json()) as Result<unknown>
  }

  return {
    cloud,
    async call(fn, action, input, { as = null, requestId } = {}) {
      return (await send(fn, { action, input, ...(requestId ? { requestId } : {}) }, { as })) as Result<never>
    },
    send,
    async timer(fn, triggerName) {
      const event = { Type: 'Timer', TriggerName: triggerName, Time: new Date().toISOString() }
      return (await cloud.gateway.functions.invoke(fn, event, { openid: null })).value as Result<unknown>
    },
    collection: (name) => cloud.collection(name),
    async insert(collection, docs) {
      cloud.db.insertDocuments(collection, docs)
    },
    async reset() {
      await cloud.gateway.reset()
    },
    async seed() {
      await cloud.gateway.seed()
    },
    close: () => cloud.close(),
  }
}

/**
 * The local cloud of one test file (or `describe`): started before its tests, closed after them;
 * `prepare` adds what the tests need beyond the seed. With `freshEachTest`, every test starts from
 * the seed again (and `prepare`). The returned object stands for the running cloud.
 */
export function localCloudForTests(
  options: Omit<LocalCloudOptions, 'timeoutMs'> & { prepare?: (cloud: LocalCloud) => Promise<void>; freshEachTest?: boolean } = {},
): LocalCloud {
  let running: LocalCloud | undefined
  const current = () => {
    if (!running) throw new Error('the local cloud is not running: use it inside a test')
    return running
  }
  // The seeded state, taken once: seeding goes through the functions (about a second), putting its
  // documents and files back takes milliseconds, and leaves the same data.
  let seeded: CloudSnapshot | undefined
  beforeAll(async () => {
    const { prepare: _prepare, freshEachTest: _fresh, ...cloudOptions } = options
    running = await startLocalCloud(cloudOptions)
    if (options.freshEachTest) seeded = running.cloud.gateway.snapshot()
    else await options.prepare?.(running)
  })
  afterAll(() => running?.close())
  if (options.freshEachTest) {
    beforeEach(async () => {
      current().cloud.gateway.restore(seeded!)
      await options.prepare?.(current())
    })
  }
  return {
    get cloud() {
      return current().cloud
    },
    call: (fn, action, input, callOptions) => current().call(fn, action, input, callOptions),
    send: (fn, event, sendOptions) => current().send(fn, event, sendOptions),
    timer: (fn, triggerName) => current().timer(fn, triggerName),
    collection: (name) => current().collection(name),
    insert: (collection, docs) => current().insert(collection, docs),
    reset: () => current().reset(),
    seed: () => current().seed(),
    close: () => current().close(),
  }
}

/** Unwraps an ok envelope or fails the test with the error it carried. */
export function expectOk<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`)
  return result.data
}

/** A fresh requestId per call, as the client makes one per tap. */
export function requestId(): string {
  return randomUUID().replace(/-/g, '')
}

/** A person's upload folder, computed here as the server and the local cloud do (SHA-256 of the openid). */
export function uploadFolderFor(openid: string): string {
  return uploadFolderFromDigest(createHash('sha256').update(openid).digest('hex'))
}

/** Where the client puts a person's upload into `dir`: their own folder, a random name. */
export function ownUploadPath(openid: string, dir: string, extension = 'png'): string {
  return uploadPath(dir, uploadFolderFor(openid), randomBytes(12).toString('hex'), extension)
}

/** Uploads a file the way the H5 client does (multipart to the local cloud, into the person's folder unless `cloudPath` says otherwise). */
export async function uploadAs(cloud: LocalCloud, openid: string, dir: string, file: Buffer, cloudPath = ownUploadPath(openid, dir)) {
  const form = new FormData()
  form.append('cloudPath', cloudPath)
  form.append('file', new Blob([file]), 'photo.png')
  const response = await fetch(`${cloud.cloud.url}/__storage/upload`, { method: 'POST', body: form, headers: { Cookie: await cloud.cloud.cookieFor(openid) } })
  const body = (await response.json()) as { fileID?: string; error?: { message: string } }
  return { status: response.status, fileID: body.fileID, message: body.error?.message }
}
