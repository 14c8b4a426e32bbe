import type { DeploymentRecord } from '../../cloudfunctions/src/_lib/records/deployments'
import { DEPLOYMENTS_COLLECTION, MINI_PROGRAM_RECORD, type DesiredState } from './desired'
import { documentsToRead, type Change, type CurrentState, type Plan } from './plan'
import { describeChange } from './render'
import type { DeployTransport } from './transport'

/** Reads what the plan compares: every function and collection it declares, and the documents it seeds. */
export async function readCurrentState(transport: DeployTransport, desired: DesiredState): Promise<CurrentState> {
  const functions: CurrentState['functions'] = {}
  const collections: CurrentState['collections'] = {}
  const documents: CurrentState['documents'] = {}
  // One at a time: the management API allows about 20 calls a second, and this is a few dozen.
  for (const fn of desired.functions) functions[fn.name] = await transport.readFunction(fn.name)
  for (const collection of desired.collections) collections[collection.name] = await transport.readCollection(collection.name)
  for (const [collection, ids] of Object.entries(documentsToRead(desired))) {
    documents[collection] = Object.fromEntries((await transport.readDocuments(collection, ids)).map((document) => [document._id, document]))
  }
  return { functions, collections, documents }
}

function environmentOf(desired: DesiredState, name: string): Record<string, string> {
  const fn = desired.functions.find((candidate) => candidate.name === name)!
  const missing = Object.keys(fn.environment).filter((variable) => fn.environment[variable] === null)
  if (missing.length > 0) throw new Error(`cannot deploy without the values of ${missing.join(', ')}`)
  return fn.environment as Record<string, string>
}

async function carryOut(change: Change, desired: DesiredState, transport: DeployTransport, now: Date): Promise<void> {
  const fnOf = (name: string) => desired.functions.find((candidate) => candidate.name === name)!
  switch (change.kind) {
    case 'collection.create':
      return transport.createCollection(change.collection)
    case 'index.drop':
      return transport.dropIndex(change.collection, change.index)
    case 'index.create':
      return transport.createIndex(change.collection, change.index)
    case 'rule.set':
      return transport.setSecurityRule(change.collection, change.rule)
    case 'function.create': {
      const fn = fnOf(change.function)
      return transport.createFunction({
        name: fn.name,
        dir: fn.dir,
        runtime: desired.runtime,
        timeoutSeconds: fn.timeoutSeconds,
        memoryMb: fn.memoryMb,
        environment: environmentOf(desired, fn.name),
      })
    }
    case 'function.code':
      await transport.uploadFunctionCode(change.function, fnOf(change.function).dir)
      // Recorded only after the upload succeeded, so a failed upload is retried by the next run.
      return transport.recordBundleHash(change.function, change.hash)
    case 'function.settings':
      return transport.updateFunctionSettings(change.function, {
        timeoutSeconds: change.timeout.to,
        memoryMb: change.memory.to,
        environment: environmentOf(desired, change.function),
      })
    case 'trigger.delete':
      return transport.deleteTrigger(change.function, change.trigger)
    case 'trigger.create':
      return transport.createTrigger(change.function, change.trigger)
    case 'seed':
      return transport.writeDocuments(change.collection, change.documents)
    case 'miniprogram.upload': {
      const { version, description, robot, buildHash } = desired.miniProgram
      await transport.uploadMiniProgram({ version, description, robot })
      const record: DeploymentRecord = { _id: MINI_PROGRAM_RECORD, version, description, buildHash, uploadedAt: now.toISOString() }
      return transport.writeDocuments(DEPLOYMENTS_COLLECTION, [{ ...record }])
    }
  }
}

/** A deployment stopped partway: what was done stays done, and the next run plans the rest. */
export class DeploymentInterrupted extends Error {
  constructor(
    readonly change: Change,
    readonly done: number,
    cause: unknown,
  ) {
    super(`${describeChange(change)} 失败：${(cause as Error)?.message ?? String(cause)}`, { cause })
    this.name = 'DeploymentInterrupted'
  }
}

/**
 * Carries out a plan change by change, in its order (collections, then functions, seeds, and the mini
 * program last, so that the pages never call a function that is not there yet). Stops at the first
 * failure: what was done stays done, and the next run plans only what is left.
 */
export async function applyPlan(plan: Plan, transport: DeployTransport, log: (line: string) => void = () => undefined, now = new Date()): Promise<number> {
  if (plan.problems.length > 0) throw new Error(`the plan has problems to fix first:\n${plan.problems.join('\n')}`)
  let done = 0
  for (const change of plan.changes) {
    log(`  → ${describeChange(change)}`)
    try {
      await carryOut(change, plan.desired, transport, now)
    } catch (error) {
      throw new DeploymentInterrupted(change, done, error)
    }
    done += 1
  }
  return done
}
