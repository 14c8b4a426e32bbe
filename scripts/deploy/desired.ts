import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { loadManifest, type CollectionManifest } from '../../emulator/db/manifest'
import { ConfigError, FUNCTION_RUNTIME, type DeployConfig } from './config'
import type { IndexState, SecurityRule, StoredDocument, TimerTrigger } from './transport'

/**
 * What the environment should look like after a deployment, built from the configuration and the
 * repository: the function bundles (cloudfunctions/dist), the collection manifest, the data sets
 * to seed and the weapp build.
 */

export interface DesiredFunction {
  name: string
  dir: string
  bundleHash: string
  timeoutSeconds: number
  memoryMb: number
  /** Every variable; a secret's value is null when this machine does not have it (dry runs only). */
  environment: Record<string, string | null>
  triggers: TimerTrigger[]
  openapi: string[]
}

export interface DesiredCollection {
  name: string
  indexes: IndexState[]
  rule: SecurityRule
}

/** A data-seeding step: documents the deployment writes, compared with the cloud by `_id` and content. */
export interface SeedSet {
  name: string
  collection: string
  documents: StoredDocument[]
}

export interface DesiredMiniProgram {
  version: string
  description: string
  robot: number
  /** Hash of the weapp build, so an unchanged build under the same version is not uploaded again. */
  buildHash: string
}

export interface DesiredState {
  runtime: string
  functions: DesiredFunction[]
  collections: DesiredCollection[]
  seeds: SeedSet[]
  miniProgram: DesiredMiniProgram
  /** Variable names whose values are never printed. */
  secretNames: string[]
}

/** Where deployments record what they uploaded that the cloud cannot tell (`_lib/records/deployments.ts`). */
export const DEPLOYMENTS_COLLECTION = 'deployments'
export const MINI_PROGRAM_RECORD = 'miniprogram'

function files(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name)
      return statSync(full).isDirectory() ? files(full) : [full]
    })
}

/** sha256 over every file's relative path and content: equal folders, equal hashes, on any machine. */
export function hashFolder(dir: string): string {
  const hash = createHash('sha256')
  for (const file of files(dir)) hash.update(`${path.relative(dir, file).split(path.sep).join('/')}\0`).update(readFileSync(file)).update('\0')
  return hash.digest('hex')
}

interface FunctionConfigJson {
  permissions?: { openapi?: string[] }
  triggers?: Array<{ name: string; type: string; config: string }>
}

/** The manifest's client rule: deny-all is the simple permission 仅管理端可读写 (ADMINONLY). */
export function ruleOf(manifest: CollectionManifest): SecurityRule {
  const rules = manifest.securityRules ?? { read: false, write: false }
  return !rules.read && !rules.write ? { aclTag: 'ADMINONLY', rule: null } : { aclTag: 'CUSTOM', rule: JSON.stringify(rules) }
}

export function desiredCollections(manifest: CollectionManifest = loadManifest()): DesiredCollection[] {
  const rule = ruleOf(manifest)
  return manifest.collections.map((collection) => ({
    name: collection.name,
    indexes: collection.indexes.map((index) => ({ name: index.name, keys: index.keys, unique: index.unique ?? false })),
    rule,
  }))
}

export interface DesiredInputs {
  config: DeployConfig
  /** cloudfunctions/dist (or a test's copy). */
  functionsDir: string
  /** dist/weapp. */
  weappDir: string
  /** Variables the functions get besides the configuration's `environment` and secrets (template ids). */
  extraEnvironment: Record<string, string>
  /** Where secret values come from: the environment of the machine that deploys. */
  secretValues: NodeJS.ProcessEnv
  seeds: SeedSet[]
  manifest?: CollectionManifest
}

export function desiredState(inputs: DesiredInputs): DesiredState {
  const { config } = inputs
  const secrets = Object.fromEntries(config.secrets.map((name) => [name, inputs.secretValues[name] ?? null]))
  const environment = { ...config.environment, ...inputs.extraEnvironment, ...secrets }
  const functions = Object.entries(config.functions).map(([name, settings]): DesiredFunction => {
    const dir = path.join(inputs.functionsDir, name)
    if (!existsSync(path.join(dir, 'index.js'))) throw new ConfigError([`云函数 ${name} 尚未构建（没有 ${dir}/index.js）：去掉 --skip-build，或先运行 npm run build:functions`])
    const declared = JSON.parse(readFileSync(path.join(dir, 'config.json'), 'utf8')) as FunctionConfigJson
    return {
      name,
      dir,
      bundleHash: hashFolder(dir),
      timeoutSeconds: settings.timeoutSeconds,
      memoryMb: settings.memoryMb,
      environment,
      triggers: (declared.triggers ?? []).filter((trigger) => trigger.type === 'timer').map(({ name: triggerName, config: cron }) => ({ name: triggerName, config: cron })),
      openapi: declared.permissions?.openapi ?? [],
    }
  })
  if (!existsSync(path.join(inputs.weappDir, 'app.json'))) {
    throw new ConfigError([`小程序尚未构建（没有 ${inputs.weappDir}/app.json）：去掉 --skip-build，或先运行 npm run build:weapp`])
  }
  return {
    runtime: FUNCTION_RUNTIME,
    functions,
    collections: desiredCollections(inputs.manifest),
    seeds: inputs.seeds,
    miniProgram: {
      version: config.miniProgram.version,
      description: config.miniProgram.description,
      robot: config.miniProgram.robot,
      buildHash: hashFolder(inputs.weappDir),
    },
    secretNames: config.secrets,
  }
}
