import type { CloudDatabase } from '../../../emulator/db'
import { startCloud, type CloudHarness, type Database } from '../../../emulator/db/testing'

/** The SDK declares its calls as `Promise<T> | void | string`; every call the tests make returns a promise. */
export function sdk<T>(value: Promise<T> | void | string): Promise<T> {
  if (!(value instanceof Promise)) throw new Error('the SDK call did not return a promise')
  return value
}

/** A single document read (doc.get) typed as the test expects it. */
export async function readDoc<T>(value: Promise<{ data: unknown }> | void | string): Promise<T> {
  return (await sdk(value)).data as T
}

/** `db.serverDate({ offset })`: the SDK supports the option, its typings do not declare it. */
export function serverDate(db: Database, offset?: number): ReturnType<Database['serverDate']> {
  return (db.serverDate as (opts?: { offset: number }) => ReturnType<Database['serverDate']>)(
    offset === undefined ? undefined : { offset },
  )
}

/** What the SDK rejects with (a CloudSDKError, or the raw TcbError a transaction commit throws). */
export interface SdkError {
  errCode?: number
  errMsg?: string
  code?: string
  message?: string
}

/** Awaits a call that must fail and returns its error. */
export async function failure(value: Promise<unknown> | void | string): Promise<SdkError> {
  try {
    await sdk(value)
  } catch (e) {
    return e as SdkError
  }
  throw new Error('expected the SDK call to fail')
}

/**
 * The set-up of a contract test file: one server and SDK for the file, emptied (then filled by
 * `fill`) before each test and closed after the last. The harness is filled in once `beforeAll` ran.
 */
export function cloudForEachTest(fill?: (db: CloudDatabase) => void): CloudHarness {
  const harness = {} as CloudHarness
  beforeAll(async () => {
    Object.assign(harness, await startCloud())
  })
  afterAll(() => harness.close())
  beforeEach(() => {
    harness.server.db.reset()
    fill?.(harness.server.db)
  })
  return harness
}
