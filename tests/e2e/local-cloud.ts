/**
 * The test-only endpoints of the local cloud gateway (`/__emulator/*`), for journeys that set up
 * state or assert on what was stored. Only the H5 leg has a local cloud; on DevTools the app talks
 * to the real cloud and journeys get `null` instead of this client.
 */
export interface LocalCloud {
  readonly baseUrl: string
  /** Empties every collection. */
  reset(): Promise<void>
  /** Loads the dev identities and unions (`demo-admin`, `demo-staff`, `demo-member`, `demo-worker`). */
  seed(): Promise<void>
  /** Every document of a collection, as the gateway returns it (EJSON relaxed to JSON). */
  collection<T = Record<string, unknown>>(name: string): Promise<T[]>
}

async function call(baseUrl: string, method: 'GET' | 'POST', route: string): Promise<unknown> {
  const response = await fetch(`${baseUrl}${route}`, { method, headers: { 'content-type': 'application/json' }, body: method === 'POST' ? '{}' : undefined })
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
  }
}
