import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { templateEnvironment, type DeployConfig } from '../../scripts/deploy/config'
import { desiredState, type DesiredState, type SeedSet } from '../../scripts/deploy/desired'
import type { CurrentState } from '../../scripts/deploy/plan'
import type {
  CollectionState,
  DeployTransport,
  FunctionSettings,
  FunctionState,
  IndexState,
  MiniProgramUpload,
  NewFunction,
  SecurityRule,
  StoredDocument,
  TimerTrigger,
} from '../../scripts/deploy/transport'

/**
 * A cloud environment in memory that behaves as the real one does for what a deployment touches,
 * and records every call made to it: reads (`read*`) and changes (everything else).
 */
/** A deep copy, as data that crossed the network would be. */
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T

export class FakeCloud implements DeployTransport {
  readonly calls: Array<{ method: string; args: unknown[] }> = []
  /** A method that throws once when called (a failure halfway through a deployment). */
  failOnce: string | null = null

  constructor(public state: CurrentState = { functions: {}, collections: {}, documents: {} }) {}

  get changes() {
    return this.calls.filter((call) => !call.method.startsWith('read'))
  }

  private record(method: string, ...args: unknown[]) {
    this.calls.push({ method, args })
    if (this.failOnce === method) {
      this.failOnce = null
      throw new Error(`${method} failed (simulated)`)
    }
  }

  private fn(name: string): FunctionState {
    const fn = this.state.functions[name]
    if (!fn) throw new Error(`ResourceNotFound.Function: ${name}`)
    return fn
  }

  private collection(name: string): CollectionState {
    const collection = this.state.collections[name]
    if (!collection) throw new Error(`DATABASE_COLLECTION_NOT_EXIST: ${name}`)
    return collection
  }

  async readFunction(name: string) {
    this.record('readFunction', name)
    return copy(this.state.functions[name] ?? null)
  }

  async readCollection(name: string) {
    this.record('readCollection', name)
    return copy(this.state.collections[name] ?? null)
  }

  async readDocuments(collection: string, ids: string[]) {
    this.record('readDocuments', collection, ids)
    const stored = this.state.documents[collection] ?? {}
    return copy(ids.flatMap((id) => (stored[id] ? [stored[id]] : [])))
  }

  async createFunction(spec: NewFunction) {
    this.record('createFunction', spec)
    if (this.state.functions[spec.name]) throw new Error(`ResourceInUse.Function: ${spec.name}`)
    this.state.functions[spec.name] = {
      runtime: spec.runtime,
      timeoutSeconds: spec.timeoutSeconds,
      memoryMb: spec.memoryMb,
      bundleHash: null,
      environment: { ...spec.environment },
      triggers: [],
    }
  }

  async uploadFunctionCode(name: string, dir: string) {
    this.record('uploadFunctionCode', name, dir)
    this.fn(name)
  }

  async recordBundleHash(name: string, hash: string) {
    this.record('recordBundleHash', name, hash)
    this.fn(name).bundleHash = hash
  }

  async updateFunctionSettings(name: string, settings: FunctionSettings) {
    this.record('updateFunctionSettings', name, settings)
    Object.assign(this.fn(name), { timeoutSeconds: settings.timeoutSeconds, memoryMb: settings.memoryMb, environment: { ...settings.environment } })
  }

  async createTrigger(name: string, trigger: TimerTrigger) {
    this.record('createTrigger', name, trigger)
    const fn = this.fn(name)
    if (fn.triggers.some((existing) => existing.name === trigger.name)) throw new Error(`ResourceInUse.Trigger: ${trigger.name}`)
    fn.triggers.push({ ...trigger })
  }

  async deleteTrigger(name: string, triggerName: string) {
    this.record('deleteTrigger', name, triggerName)
    const fn = this.fn(name)
    fn.triggers = fn.triggers.filter((trigger) => trigger.name !== triggerName)
  }

  async createCollection(name: string) {
    this.record('createCollection', name)
    // A new collection is readable and writable by its creator until a rule is set, as on the cloud.
    this.state.collections[name] ??= { indexes: [], rule: { aclTag: 'PRIVATE', rule: null } }
  }

  async createIndex(collection: string, index: IndexState) {
    this.record('createIndex', collection, index)
    const target = this.collection(collection)
    if (target.indexes.some((existing) => existing.name === index.name)) throw new Error(`index ${index.name} exists`)
    target.indexes.push(copy(index))
  }

  async dropIndex(collection: string, indexName: string) {
    this.record('dropIndex', collection, indexName)
    const target = this.collection(collection)
    target.indexes = target.indexes.filter((index) => index.name !== indexName)
  }

  async setSecurityRule(collection: string, rule: SecurityRule) {
    this.record('setSecurityRule', collection, rule)
    this.collection(collection).rule = { ...rule }
  }

  async writeDocuments(collection: string, documents: StoredDocument[]) {
    this.record('writeDocuments', collection, documents)
    this.collection(collection)
    const stored = (this.state.documents[collection] ??= {})
    for (const document of documents) stored[document._id] = copy(document)
  }

  async uploadMiniProgram(upload: MiniProgramUpload) {
    this.record('uploadMiniProgram', upload)
  }
}

/** A configuration as a union fills it in (values are what tests compare, not real accounts). */
export function testConfig(overrides: Partial<DeployConfig> = {}): DeployConfig {
  return {
    source: '/tmp/deploy.config.json',
    appId: 'wx0123456789abcdef',
    cloudEnv: 'unionhub-test-1a2b',
    region: 'ap-shanghai',
    miniProgram: { version: '1.0.0', description: '首次发布', privateKeyPath: '/tmp/private.key', robot: 1 },
    subscribeTemplates: { joinResult: 'T-JOIN', complaintProgress: 'T-COMPLAINT', activityResult: 'T-ACTIVITY', activityCancelled: 'T-CANCELLED', placeFeedback: 'T-PLACE' },
    functions: {
      account: { timeoutSeconds: 3, memoryMb: 256 },
      complaints: { timeoutSeconds: 20, memoryMb: 256 },
    },
    environment: { UNIONHUB_MINIPROGRAM_STATE: 'formal' },
    secrets: ['UNIONHUB_DATA_KEYS', 'UNIONHUB_CARD_KEY', 'UNIONHUB_SETUP_SECRET'],
    ...overrides,
  }
}

/** The template variables of `testConfig`, as every function gets them. */
export const TEMPLATE_VARIABLES = {
  UNIONHUB_TEMPLATE_JOIN_RESULT: 'T-JOIN',
  UNIONHUB_TEMPLATE_COMPLAINT_PROGRESS: 'T-COMPLAINT',
  UNIONHUB_TEMPLATE_ACTIVITY_RESULT: 'T-ACTIVITY',
  UNIONHUB_TEMPLATE_ACTIVITY_CANCELLED: 'T-CANCELLED',
  UNIONHUB_TEMPLATE_PLACE_FEEDBACK: 'T-PLACE',
}

export const SECRET_VALUES = {
  UNIONHUB_DATA_KEYS: `k1:${Buffer.alloc(32, 7).toString('base64')}`,
  UNIONHUB_CARD_KEY: Buffer.alloc(32, 8).toString('base64'),
  UNIONHUB_SETUP_SECRET: 'setup-secret-for-tests-only',
}

/** Two small function bundles and a weapp build on disk, as the builds leave them. */
export function buildOutputs(): { functionsDir: string; weappDir: string } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'uh-deploy-'))
  const bundles: Record<string, object> = {
    account: { permissions: { openapi: [] } },
    complaints: {
      permissions: { openapi: ['security.msgSecCheck', 'subscribeMessage.send'] },
      triggers: [{ name: 'closeResolved', type: 'timer', config: '0 0 * * * * *' }],
    },
  }
  for (const [name, config] of Object.entries(bundles)) {
    const dir = path.join(root, 'functions', name)
    mkdirSync(dir, { recursive: true })
    writeFileSync(path.join(dir, 'index.js'), `exports.main = async () => ${JSON.stringify(name)}\n`)
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name, dependencies: { 'wx-server-sdk': '4.0.2' } }))
    writeFileSync(path.join(dir, 'config.json'), JSON.stringify(config))
  }
  const weappDir = path.join(root, 'weapp')
  mkdirSync(weappDir)
  writeFileSync(path.join(weappDir, 'app.json'), JSON.stringify({ pages: ['pages/index/index'] }))
  writeFileSync(path.join(weappDir, 'app.js'), 'App({})\n')
  return { functionsDir: path.join(root, 'functions'), weappDir }
}

export function testDesired(options: { config?: DeployConfig; secretValues?: NodeJS.ProcessEnv; seeds?: SeedSet[] } = {}): DesiredState {
  const outputs = buildOutputs()
  const config = options.config ?? testConfig()
  return desiredState({
    config,
    ...outputs,
    extraEnvironment: templateEnvironment(config.subscribeTemplates),
    secretValues: options.secretValues ?? SECRET_VALUES,
    seeds: options.seeds ?? [],
  })
}

/** What a complete deployment of `desired` leaves in the cloud. */
export function stateMatching(desired: DesiredState): CurrentState {
  return {
    functions: Object.fromEntries(
      desired.functions.map((fn): [string, FunctionState] => [
        fn.name,
        {
          runtime: desired.runtime,
          timeoutSeconds: fn.timeoutSeconds,
          memoryMb: fn.memoryMb,
          bundleHash: fn.bundleHash,
          environment: { ...(fn.environment as Record<string, string>) },
          triggers: fn.triggers.map((trigger) => ({ ...trigger })),
        },
      ]),
    ),
    collections: Object.fromEntries(desired.collections.map((c): [string, CollectionState] => [c.name, { indexes: copy(c.indexes), rule: { ...c.rule } }])),
    documents: {
      deployments: {
        miniprogram: { _id: 'miniprogram', ...desired.miniProgram, uploadedAt: '2026-11-27T08:00:00.000Z' },
      },
      ...Object.fromEntries(desired.seeds.map((seed) => [seed.collection, Object.fromEntries(seed.documents.map((d) => [d._id, copy(d)]))])),
    },
  }
}
