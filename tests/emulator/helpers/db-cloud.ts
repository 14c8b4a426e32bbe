import type * as WxServerSdk from 'wx-server-sdk'
import type { CloudDatabase } from '../../../emulator/db'
import { pointSdkAt, startDatabaseServer, type DatabaseServer, type DatabaseServerOptions } from '../../../emulator/db/testing'

export type Cloud = typeof WxServerSdk
export type Database = ReturnType<Cloud['database']>

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

export interface CloudHarness {
  server: DatabaseServer
  cloud: Cloud
  /** `cloud.database({ throwOnNotFound: false })`, what the repositories use. */
  db: Database
  close(): Promise<void>
}

/** A fresh database server on a temp file with the real wx-server-sdk pointed at it. */
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
