import type * as WxServerSdk from 'wx-server-sdk'
import { pointSdkAt, startDatabaseServer, type DatabaseServer, type DatabaseServerOptions } from '../../../emulator/db/testing'

export type Cloud = typeof WxServerSdk
export type Database = ReturnType<Cloud['database']>

/** The SDK declares its calls as `Promise<T> | void | string`; every call the tests make returns a promise. */
export function sdk<T>(value: Promise<T> | void | string): Promise<T> {
  if (!(value instanceof Promise)) throw new Error('the SDK call did not return a promise')
  return value
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
  return { server, cloud, db: cloud.database({ throwOnNotFound: false }), close: () => server.close() }
}
