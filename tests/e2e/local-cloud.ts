import type { ActionInput, ActionName, ActionOutput, FunctionName } from '@shared/contract'

/**
 * The test-only endpoints of the local cloud gateway (`/__emulator/*`), for journeys that set up
 * state or assert on what was stored. The H5 and headless weapp legs have a local cloud; on DevTools
 * the app talks to the real cloud and journeys get `null` instead of this client.
 */
export interface LocalCloud {
  readonly baseUrl: string
  /** Empties every collection. */
  reset(): Promise<void>
  /** Loads the dev identities and unions (`demo-admin`, `demo-staff`, `demo-member`, `demo-worker`). */
  seed(): Promise<void>
  /** Every document of a collection, as the gateway returns it (EJSON relaxed to JSON). */
  collection<T = Record<string, unknown>>(name: string): Promise<T[]>
  /**
   * Calls an action as `openid` with a session of its own (the browser's stays signed in as it
   * was), for what a journey's second person does off screen; a failed call throws.
   */
  callAs<F extends FunctionName, A extends ActionName<F>>(openid: string, fn: F, action: A, input: ActionInput<F, A>): Promise<ActionOutput<F, A>>
}

/**
 * The gateway closes a keep-alive connection after 5 s idle, and a journey leaves Node's connection
 * idle that long; on a loaded machine fetch can pick it just as it closes ("other side closed").
 * These test endpoints are idempotent, so that one case is tried once more on a new connection.
 */
async function fetchOnce(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init)
  } catch (error) {
    const code = (error as { cause?: { code?: string } }).cause?.code
    if (code !== 'UND_ERR_SOCKET') throw error
    return fetch(url, init)
  }
}

async function call(baseUrl: string, method: 'GET' | 'POST', route: string): Promise<unknown> {
  const response = await fetchOnce(`${baseUrl}${route}`, { method, headers: { 'content-type': 'application/json' }, body: method === 'POST' ? '{}' : undefined })
  const text = await response.text()
  if (!response.ok) throw new Error(`${method} ${route}: HTTP ${response.status} ${text.slice(0, 300)}`)
  return text ? (JSON.parse(text) as unknown) : undefined
}

export function localCloud(baseUrl: string): LocalCloud {
  const origin = baseUrl.replace(/\/+$/, '')
  return {
    baseUrl: origin,
    async reset() {
      await call(origin, 'POST', '/__emulator/reset')
    },
    async seed() {
      await call(origin, 'POST', '/__emulator/seed')
    },
    async collection<T>(name: string) {
      const body = await call(origin, 'GET', `/__emulator/collections/${encodeURIComponent(name)}`)
      // Accept both a bare array and `{ documents: [...] }`.
      const documents = Array.isArray(body) ? body : (body as { documents?: unknown } | undefined)?.documents
      if (!Array.isArray(documents)) throw new Error(`GET /__emulator/collections/${name}: expected a list of documents`)
      return documents as T[]
    },
    async callAs(openid, fn, action, input) {
      const json = { 'content-type': 'application/json' }
      const signin = await fetch(`${origin}/__emulator/signin`, { method: 'POST', headers: json, body: JSON.stringify({ openid }) })
      const cookie = (signin.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
      const response = await fetch(`${origin}/fn/${fn}`, { method: 'POST', headers: { ...json, cookie }, body: JSON.stringify({ action, input }) })
      const reply = (await response.json()) as { ok: true; data: never } | { ok: false; error: { message: string } }
      if (!reply.ok) throw new Error(`${fn}.${action} as ${openid} failed: ${reply.error.message}`)
      return reply.data
    },
  }
}
