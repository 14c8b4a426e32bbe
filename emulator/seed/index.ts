import { activities, STAFF, UNIONS } from './data'
import { DEMO_MEMBER_JOINS } from './membership'
import { DEMO_STAFF_JOINS } from './staff'
import { seedPlaceFeedback, seedPlaceRatings, seedPlaces } from './places'

export { DEV_IDENTITIES, type DevIdentity } from './identities'
export { activities, CITY, STAFF, UNIONS } from './data'
export { seedPlaceFeedback, seedPlaceRatings, seedPlaces } from './places'

/** What a seed step may use: the database directly, and the deployed functions as a person would. */
export interface SeedContext {
  /** Writes documents as they are (Dates stay Dates), bypassing the functions. */
  insertDocuments(collection: string, documents: object[]): unknown
  readCollection(collection: string): Promise<object[]> | object[]
  /** Calls `fn` with `{ action, input }` as `openid` and resolves its return value (the `Result` envelope). */
  invoke(fn: string, action: string, input: unknown, openid: string | null): Promise<unknown>
  hasFunction(fn: string): boolean
  now: Date
}

/**
 * One step of the seed. Steps that go through functions (e.g. `demo-member` applying and being
 * approved) name them in `functions`; they are skipped while those bundles are not built yet.
 */
export interface SeedStep {
  name: string
  functions?: string[]
  run(context: SeedContext): Promise<void>
}

export interface SeedReport {
  name: string
  status: 'done' | 'skipped'
  reason?: string
}

/** Throws unless a function's reply is a successful `Result`; returns its `data`. */
export function expectOk(reply: unknown, what: string): unknown {
  const envelope = reply as { ok?: unknown; data?: unknown; error?: { code?: string; message?: string } }
  if (envelope?.ok !== true) {
    throw new Error(`seed: ${what} failed: ${envelope?.error?.code ?? 'no envelope'} ${envelope?.error?.message ?? JSON.stringify(reply)}`)
  }
  return envelope.data
}

export const SEED_STEPS: SeedStep[] = [
  {
    name: 'union tree of 示范市',
    run: async ({ insertDocuments }) => {
      await insertDocuments('unions', UNIONS)
    },
  },
  {
    name: 'the city federation admin (demo-admin)',
    run: async ({ insertDocuments }) => {
      await insertDocuments('staff', STAFF)
    },
  },
  DEMO_STAFF_JOINS,
  DEMO_MEMBER_JOINS,
  {
    name: 'published activities',
    run: async ({ insertDocuments, now }) => {
      await insertDocuments('activities', activities(now))
    },
  },
  {
    name: '服务阵地: 40 places, ratings, an open report and suggestion',
    run: async ({ insertDocuments, now }) => {
      await insertDocuments('places', seedPlaces(now))
      await insertDocuments('placeRatings', seedPlaceRatings(now))
      await insertDocuments('placeFeedback', seedPlaceFeedback(now))
    },
  },
]

/** Runs the steps in order; a step whose functions are not deployed is reported as skipped. */
export async function runSeed(context: SeedContext, steps: SeedStep[] = SEED_STEPS): Promise<SeedReport[]> {
  const reports: SeedReport[] = []
  for (const step of steps) {
    const missing = (step.functions ?? []).filter((fn) => !context.hasFunction(fn))
    if (missing.length > 0) {
      reports.push({ name: step.name, status: 'skipped', reason: `not built yet: ${missing.join(', ')}` })
      continue
    }
    await step.run(context)
    reports.push({ name: step.name, status: 'done' })
  }
  return reports
}

/** True when the seed's first document is present, so the seed endpoint does not seed twice. */
export async function isSeeded(context: Pick<SeedContext, 'readCollection'>): Promise<boolean> {
  const unions = (await context.readCollection('unions')) as Array<{ _id?: unknown }>
  return unions.some((doc) => doc._id === UNIONS[0]!._id)
}

/**
 * True when no union exists yet: `npm start` seeds only then, so a database set up from nothing
 * (`--no-seed`, then bootstrap) never gets the demo tree mixed into it on a later start.
 */
export async function hasNoUnions(context: Pick<SeedContext, 'readCollection'>): Promise<boolean> {
  return ((await context.readCollection('unions')) as unknown[]).length === 0
}
