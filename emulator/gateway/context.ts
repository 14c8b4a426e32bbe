import type { IncomingMessage, ServerResponse } from 'node:http'
import type { CloudDatabase } from '../db'
import type { FunctionHost } from '../host'
import type { SeedReport } from '../seed'
import type { CloudStorage } from '../storage'
import type { Access } from './guards'
import type { DevSessions } from './session'

/** What the gateway needs from the database server (`emulator/db`). */
export type GatewayDatabase = Pick<CloudDatabase, 'dispatch' | 'reset' | 'snapshot' | 'restore' | 'readCollection' | 'insertDocuments'>

/** Everything a route may use; built once by `startGateway`. */
export interface GatewayContext {
  db: GatewayDatabase
  functions: FunctionHost
  storage: CloudStorage
  sessions: DevSessions
  envId: string
  /** The base URL browsers use, e.g. `http://127.0.0.1:8787` (what the local stand-in QR codes point at). */
  publicUrl: string
  /** False when the gateway listens beyond loopback without `allowDevSignin`. */
  devToolsAllowed: boolean
  /** Where the H5 build lives. */
  h5Dir: string
  log(line: string): void
  /** Empties the database and storage. */
  reset(): Promise<void>
  /** Runs the seed steps against the current (empty) data. */
  seed(): Promise<SeedReport[]>
}

/** One request as a route sees it. */
export interface RouteCall {
  req: IncomingMessage
  res: ServerResponse
  url: URL
  /** For a prefix route: the rest of the path after the prefix, still percent-encoded (`decodePath`). */
  rest: string
}

/**
 * One endpoint of the gateway. `path` is exact (`/admin`) or, ending in `/`, a prefix (`/fn/`);
 * the first route in the gateway's list that matches answers. `access` says who may call it and is
 * checked before the method.
 */
export interface Route {
  path: string
  /** Absent: any method. */
  methods?: readonly string[]
  access: Access
  handle(call: RouteCall): Promise<void>
}
