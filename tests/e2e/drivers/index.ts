import type { Driver, Target } from '../driver'
import { connectAutomator, createAutomatorDriver } from './automator'
import { createH5Driver } from './h5'

/** Reads a variable the runner (tests/e2e/run.ts) sets; specs started another way fail clearly. */
export function runnerEnv(name: 'E2E_TARGET' | 'E2E_BASE_URL' | 'E2E_DEVTOOLS_WS' | 'E2E_WEAPP_WS'): string {
  const value = process.env[name]
  if (!value) throw new Error(`${name} is not set: run journeys with npm run test:e2e, test:e2e:weapp or test:e2e:devtools`)
  return value
}

export function currentTarget(): Target {
  const target = runnerEnv('E2E_TARGET')
  if (target !== 'h5' && target !== 'devtools' && target !== 'weapp') throw new Error(`E2E_TARGET must be h5, weapp or devtools, not ${target}`)
  return target
}

/** A driver for this run's target; `label` names its artifacts. */
export async function createDriver(target: Target, label: string): Promise<Driver> {
  if (target === 'h5') return createH5Driver({ baseUrl: runnerEnv('E2E_BASE_URL'), label })
  if (target === 'weapp') {
    // Each connection to the headless endpoint launches a fresh app; signIn connects again as that person.
    const endpoint = runnerEnv('E2E_WEAPP_WS')
    const connectAs = (openid: string) => connectAutomator(`${endpoint}/?openid=${encodeURIComponent(openid)}`)
    return createAutomatorDriver({ miniProgram: await connectAutomator(endpoint), target: 'weapp', connectAs, label })
  }
  // The runner launched DevTools once; every journey attaches to it and detaches when done.
  return createAutomatorDriver({ miniProgram: await connectAutomator(runnerEnv('E2E_DEVTOOLS_WS')), label })
}
