import path from 'node:path'
import { artifactName, REPO_ROOT, type Driver } from './driver'
import { createDriver, currentTarget, runnerEnv } from './drivers'
import { localCloud, type LocalCloud } from './local-cloud'

export interface JourneyContext {
  driver: Driver
  /**
   * One thing a person does or sees, named in their words. When it throws, the screen is saved as
   * `<journey>--failed-<n>-<step>.png` and the error names the step and the file.
   */
  step<T>(name: string, body: () => Promise<T>): Promise<T>
  /** The local cloud's test endpoints on H5 and headless weapp (reset and seeded before the journey); null on DevTools. */
  cloud: LocalCloud | null
}

/** Per-journey time limit; DevTools' route changes alone take seconds each. */
const JOURNEY_TIMEOUT_MS = Number(process.env.E2E_JOURNEY_TIMEOUT_MS) || 180_000

function relative(file: string): string {
  return path.relative(REPO_ROOT, file)
}

/** Rewrites the message but keeps the original stack frames, which point at the failing spec line. */
function annotate(error: unknown, message: string): Error {
  const original = error instanceof Error ? error : new Error(String(error))
  const wrapped = new Error(`${message}: ${original.message}`)
  wrapped.stack = [wrapped.message, ...(original.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line))].join('\n')
  return wrapped
}

export interface JourneyOptions {
  /** Seed the demo data first (default); false starts from an empty local cloud, as a fresh deployment does. */
  seed?: boolean
  /** Why this journey cannot run here (something it needs is missing); it is then reported as skipped with this reason. */
  skipReason?: string | null
  /** This journey's time limit when it is longer than E2E_JOURNEY_TIMEOUT_MS (a sweep over every page). */
  timeoutMs?: number
}

/**
 * Declares a journey: one jest test that gets a fresh driver on this run's target (and, on H5 and
 * headless weapp, a freshly seeded local cloud). Its last screen is always saved as `<journey>--last.png`
 * (`.html` headless).
 */
export function journey(name: string, body: (context: JourneyContext) => Promise<void>, options: JourneyOptions = {}): void {
  if (options.skipReason) {
    test.skip(`${name} (skipped: ${options.skipReason})`, () => undefined)
    return
  }
  test(
    name,
    async () => {
      const target = currentTarget()
      const cloud = target === 'devtools' ? null : localCloud(runnerEnv('E2E_BASE_URL'))
      if (cloud) {
        await cloud.reset()
        if (options.seed ?? true) await cloud.seed()
      }
      const slug = artifactName(name)
      const driver = await createDriver(target, slug)
      let stepCount = 0
      let failedInStep = false
      const step = async <T>(stepName: string, run: () => Promise<T>): Promise<T> => {
        stepCount += 1
        const number = stepCount
        try {
          return await run()
        } catch (error) {
          failedInStep = true
          const shot = await driver.screenshot(`${slug}--failed-${number}-${stepName}`).then(relative, (e: Error) => `none (${e.message})`)
          throw annotate(error, `step ${number} "${stepName}" failed (screenshot: ${shot})`)
        }
      }
      try {
        await body({ driver, step, cloud })
        const undrawn = driver.undrawn()
        if (undrawn.length > 0) throw new Error(`the pages drew nothing for ${undrawn.length} node(s) of the build, e.g. ${undrawn[0]}`)
      } catch (error) {
        if (failedInStep) throw error
        const shot = await driver.screenshot(`${slug}--failed`).then(relative, (e: Error) => `none (${e.message})`)
        throw annotate(error, `journey failed outside a step (screenshot: ${shot})`)
      } finally {
        await driver.screenshot(`${slug}--last`).catch(() => undefined)
        await driver.close()
      }
    },
    Math.max(JOURNEY_TIMEOUT_MS, options.timeoutMs ?? 0),
  )
}
