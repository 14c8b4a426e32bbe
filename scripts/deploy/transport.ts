import type { Result } from '@shared/result'
import type { RotateKeysJob, RotateKeysReply } from '../../cloudfunctions/src/maintenance/jobs'

/**
 * What a deployment needs from WeChat's and Tencent's servers, as one narrow interface. The real
 * implementation (`cloud-transport.ts`) is a thin layer over `miniprogram-ci` and
 * `@cloudbase/manager-node`; tests use a fake that keeps the state in memory and records each call.
 * Reads never change anything: a dry run makes only `read*` calls.
 */

export interface TimerTrigger {
  name: string
  /** Seven-field cron as in a function's config.json, e.g. `0 0 * * * * *`. */
  config: string
}

/** A function as the cloud has it. */
export interface FunctionState {
  runtime: string
  timeoutSeconds: number
  memoryMb: number
  /** The bundle hash the last deployment recorded on the function; null if none was recorded. */
  bundleHash: string | null
  environment: Record<string, string>
  triggers: TimerTrigger[]
}

export interface IndexKey {
  field: string
  /** Ascending, descending, or a geo index (the console's 地理位置索引). */
  direction: 1 | -1 | '2dsphere'
}

export interface IndexState {
  name: string
  keys: IndexKey[]
  unique: boolean
}

/** Who may read and write a collection from the client: a simple permission, or a custom rule. */
export interface SecurityRule {
  aclTag: 'READONLY' | 'PRIVATE' | 'ADMINWRITE' | 'ADMINONLY' | 'CUSTOM'
  /** The rule as JSON text when `aclTag` is CUSTOM. */
  rule: string | null
}

/** A collection as the cloud has it. The default `_id_` index is never listed. */
export interface CollectionState {
  indexes: IndexState[]
  rule: SecurityRule
}

export type StoredDocument = { _id: string } & Record<string, unknown>

/** A function to create, with the settings only creation can choose. */
export interface NewFunction {
  name: string
  /** The bundle folder (index.js, package.json, config.json). */
  dir: string
  runtime: string
  timeoutSeconds: number
  memoryMb: number
  environment: Record<string, string>
}

export interface FunctionSettings {
  timeoutSeconds: number
  memoryMb: number
  /** The whole environment: variables not listed are removed. */
  environment: Record<string, string>
}

/** The weapp build (dist/weapp) under a version; the transport stages it with the AppID. */
export interface MiniProgramUpload {
  version: string
  description: string
  robot: number
}

export interface DeployTransport {
  readFunction(name: string): Promise<FunctionState | null>
  readCollection(name: string): Promise<CollectionState | null>
  /** The documents of `collection` with these ids that exist. */
  readDocuments(collection: string, ids: string[]): Promise<StoredDocument[]>

  createFunction(spec: NewFunction): Promise<void>
  /** Uploads the bundle folder the way DevTools does (dependencies installed in the cloud). */
  uploadFunctionCode(name: string, dir: string): Promise<void>
  recordBundleHash(name: string, hash: string): Promise<void>
  updateFunctionSettings(name: string, settings: FunctionSettings): Promise<void>
  createTrigger(name: string, trigger: TimerTrigger): Promise<void>
  deleteTrigger(name: string, triggerName: string): Promise<void>

  createCollection(name: string): Promise<void>
  createIndex(collection: string, index: IndexState): Promise<void>
  dropIndex(collection: string, indexName: string): Promise<void>
  setSecurityRule(collection: string, rule: SecurityRule): Promise<void>
  /** Creates or replaces each document by `_id`. */
  writeDocuments(collection: string, documents: StoredDocument[]): Promise<void>

  uploadMiniProgram(upload: MiniProgramUpload): Promise<void>
}

/** Where the maintenance function runs: the deployment (management API) or a local cloud. */
export interface MaintenanceTarget {
  name: string
  invoke(job: RotateKeysJob): Promise<Result<RotateKeysReply>>
}
