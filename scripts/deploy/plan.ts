import { DEPLOYMENTS_COLLECTION, MINI_PROGRAM_RECORD, type DesiredFunction, type DesiredState } from './desired'
import type { CollectionState, FunctionState, IndexState, SecurityRule, StoredDocument, TimerTrigger } from './transport'

/**
 * The plan: the differences between the desired state and what the cloud has, as a list of
 * changes in the order they are carried out. An empty list means the environment is up to date.
 */

export interface CurrentState {
  functions: Record<string, FunctionState | null>
  collections: Record<string, CollectionState | null>
  /** Existing documents by collection and `_id`, for the seeds and the deployment record. */
  documents: Record<string, Record<string, StoredDocument>>
}

export interface EnvironmentChange {
  added: string[]
  changed: string[]
  removed: string[]
}

export type Change =
  | { kind: 'collection.create'; collection: string }
  | { kind: 'index.drop'; collection: string; index: string; reason: 'not declared' | 'changed' }
  | { kind: 'index.create'; collection: string; index: IndexState }
  | { kind: 'rule.set'; collection: string; rule: SecurityRule; from: SecurityRule | null }
  | { kind: 'function.create'; function: string }
  | { kind: 'function.code'; function: string; hash: string; from: string | null }
  | {
      kind: 'function.settings'
      function: string
      timeout: { from: number | null; to: number }
      memory: { from: number | null; to: number }
      environment: EnvironmentChange
    }
  | { kind: 'trigger.delete'; function: string; trigger: string }
  | { kind: 'trigger.create'; function: string; trigger: TimerTrigger }
  | { kind: 'seed'; name: string; collection: string; documents: StoredDocument[] }
  | { kind: 'miniprogram.upload'; version: string; description: string; from: string | null }

export interface Plan {
  desired: DesiredState
  changes: Change[]
  /** What the deployment cannot put right itself; a plan with problems is not carried out. */
  problems: string[]
}

const RUNTIME_VERSION = /^Nodejs(\d+)/

function environmentChange(desired: DesiredFunction['environment'], current: Record<string, string>): EnvironmentChange {
  const names = Object.keys(desired)
  return {
    added: names.filter((name) => !(name in current)),
    // A value this machine lacks (dry run) cannot be compared: only its presence is.
    changed: names.filter((name) => name in current && desired[name] !== null && current[name] !== desired[name]),
    removed: Object.keys(current).filter((name) => !(name in desired)),
  }
}

/** Equal as JSON, whatever the order of object keys (the cloud returns its own order). */
function sameValue(a: unknown, b: unknown): boolean {
  const canonical = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(canonical)
      : value !== null && typeof value === 'object'
        ? Object.fromEntries(Object.keys(value).sort().map((key) => [key, canonical((value as Record<string, unknown>)[key])]))
        : value
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b))
}

const sameIndex = (a: IndexState, b: IndexState) => a.unique === b.unique && sameValue(a.keys, b.keys)
const sameRule = (a: SecurityRule, b: SecurityRule) => a.aclTag === b.aclTag && (a.aclTag !== 'CUSTOM' || a.rule === b.rule)

function functionChanges(desired: DesiredFunction, current: FunctionState | null, runtime: string, problems: string[]): Change[] {
  const changes: Change[] = []
  if (current) {
    const have = Number(RUNTIME_VERSION.exec(current.runtime)?.[1] ?? 0)
    const need = Number(RUNTIME_VERSION.exec(runtime)?.[1] ?? 0)
    if (have < need) {
      problems.push(`云函数 ${desired.name} 的运行环境是 ${current.runtime}，本程序需要 ${runtime} 或更新：运行环境只能在创建时选择，请在云开发控制台删除这个云函数（数据不受影响）后重新部署`)
    }
  } else changes.push({ kind: 'function.create', function: desired.name })

  if (current?.bundleHash !== desired.bundleHash) {
    changes.push({ kind: 'function.code', function: desired.name, hash: desired.bundleHash, from: current?.bundleHash ?? null })
  }
  const environment = environmentChange(desired.environment, current?.environment ?? {})
  const settingsDiffer =
    current === null ||
    current.timeoutSeconds !== desired.timeoutSeconds ||
    current.memoryMb !== desired.memoryMb ||
    environment.added.length + environment.changed.length + environment.removed.length > 0
  // A new function gets its settings when it is created; only a later difference needs an update.
  if (current && settingsDiffer) {
    changes.push({
      kind: 'function.settings',
      function: desired.name,
      timeout: { from: current.timeoutSeconds, to: desired.timeoutSeconds },
      memory: { from: current.memoryMb, to: desired.memoryMb },
      environment,
    })
  }
  const existing = current?.triggers ?? []
  for (const trigger of existing) {
    const wanted = desired.triggers.find((candidate) => candidate.name === trigger.name)
    if (!wanted || wanted.config !== trigger.config) changes.push({ kind: 'trigger.delete', function: desired.name, trigger: trigger.name })
  }
  for (const trigger of desired.triggers) {
    const have = existing.find((candidate) => candidate.name === trigger.name)
    if (!have || have.config !== trigger.config) changes.push({ kind: 'trigger.create', function: desired.name, trigger })
  }
  return changes
}

/** Compares, and lists exactly what differs. Pure: the same states give the same plan. */
export function plan(desired: DesiredState, current: CurrentState): Plan {
  const changes: Change[] = []
  const problems: string[] = []

  for (const collection of desired.collections) {
    const have = current.collections[collection.name] ?? null
    if (!have) changes.push({ kind: 'collection.create', collection: collection.name })
    const existing = have?.indexes ?? []
    for (const index of existing) {
      const wanted = collection.indexes.find((candidate) => candidate.name === index.name)
      if (!wanted || !sameIndex(wanted, index)) {
        changes.push({ kind: 'index.drop', collection: collection.name, index: index.name, reason: wanted ? 'changed' : 'not declared' })
      }
    }
    for (const index of collection.indexes) {
      const present = existing.find((candidate) => candidate.name === index.name)
      if (!present || !sameIndex(present, index)) changes.push({ kind: 'index.create', collection: collection.name, index })
    }
    if (!have || !sameRule(have.rule, collection.rule)) changes.push({ kind: 'rule.set', collection: collection.name, rule: collection.rule, from: have?.rule ?? null })
  }

  for (const fn of desired.functions) changes.push(...functionChanges(fn, current.functions[fn.name] ?? null, desired.runtime, problems))
  const missingValues = [...new Set(desired.functions.flatMap((fn) => Object.keys(fn.environment).filter((name) => fn.environment[name] === null)))]
  for (const name of missingValues) problems.push(`本机没有设置环境变量 ${name}：部署前请设置（见 docs/deploy.md），预演只能比较它在云端是否存在`)

  for (const seed of desired.seeds) {
    const stored = current.documents[seed.collection] ?? {}
    // Only the fields a seed declares are compared: the cloud may add its own (e.g. `_openid`).
    const documents = seed.documents.filter((document) => {
      const have = stored[document._id]
      return !have || Object.entries(document).some(([field, value]) => !sameValue(have[field], value))
    })
    if (documents.length > 0) changes.push({ kind: 'seed', name: seed.name, collection: seed.collection, documents })
  }

  const record = current.documents[DEPLOYMENTS_COLLECTION]?.[MINI_PROGRAM_RECORD]
  const { miniProgram } = desired
  if (!record || record.version !== miniProgram.version || record.description !== miniProgram.description || record.buildHash !== miniProgram.buildHash) {
    changes.push({
      kind: 'miniprogram.upload',
      version: miniProgram.version,
      description: miniProgram.description,
      from: typeof record?.version === 'string' ? record.version : null,
    })
  }
  return { desired, changes, problems }
}

/** The documents whose current state a plan compares: every seed's, and the deployment record. */
export function documentsToRead(desired: DesiredState): Record<string, string[]> {
  const ids: Record<string, string[]> = { [DEPLOYMENTS_COLLECTION]: [MINI_PROGRAM_RECORD] }
  for (const seed of desired.seeds) ids[seed.collection] = [...(ids[seed.collection] ?? []), ...seed.documents.map((document) => document._id)]
  return ids
}
