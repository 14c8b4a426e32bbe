import { randomUUID } from 'node:crypto'
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { GENERIC_MESSAGES } from '@shared/result'
import { FunctionPool, type InstanceSettings, type RawInvocation } from './pool'

export type { Outcome } from './pool'

export interface FunctionHostOptions {
  /** Where deployed functions live: `<functionsDir>/<name>/index.js` exporting `main(event, context)`. */
  functionsDir: string
  /** The SDK's endpoint (`TCB_CONTEXT_CNFG.URL`): the gateway's `/admin`. */
  adminUrl: string
  /** The gateway's base URL as a browser reaches it (`UNIONHUB_LOCAL_CLOUD_URL` in every instance). */
  publicUrl: string
  /** Environment variables every instance gets, e.g. `UNIONHUB_DATA_KEYS` (see `loadOrCreateSecrets`). */
  secrets: Record<string, string>
  envId?: string
  appId?: string
  /** Instances per function at most; more callers wait in FIFO order. Default 8. */
  maxInstances?: number
  /** Per invocation, counted from when an instance starts it. Default 3000 ms, as the cloud. */
  timeoutMs?: number
  /** Per function, as the deployment configures each one (`deploy.config.json`); overrides the two defaults. */
  functionSettings?: Record<string, { timeoutMs?: number; memoryMb?: number }>
  loadTimeoutMs?: number
  idleMs?: number
  memoryMb?: number
  /** One line per invocation and per failure, and the functions' console output; default silent
   * for the host's lines, and function output straight to stdout. */
  log?: (line: string) => void
}

/** One call as the host reports it: the pool's account of the run, with the reply parsed. */
export interface Invocation extends Omit<RawInvocation, 'json' | 'detail'> {
  /** What the caller receives: the function's return value, or the `INTERNAL` envelope. */
  value: unknown
}

/** What a caller gets when the instance failed, hung or crashed: nothing internal leaks. */
export const INTERNAL_FAILURE = Object.freeze({
  ok: false as const,
  error: Object.freeze({ code: 'INTERNAL' as const, message: GENERIC_MESSAGES.INTERNAL }),
})

export class FunctionNotFoundError extends Error {
  constructor(readonly functionName: string) {
    super(`cloud function "${functionName}" is not deployed`)
  }
}

export const DEFAULT_ENV_ID = 'unionhub-local'
export const DEFAULT_APP_ID = 'wx0000000000000000'
const FUNCTION_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,59}$/

/**
 * Runs deployed cloud functions the way the cloud does: each in worker-thread instances with their
 * own environment, the real wx-server-sdk inside pointed at the local `/admin`.
 */
export class FunctionHost {
  private readonly pools = new Map<string, FunctionPool>()
  private readonly envId: string
  private readonly appId: string
  private readonly functionsDir: string
  private closed = false

  constructor(private readonly options: FunctionHostOptions) {
    // The worker requires the bundle by path: it must not depend on the worker's directory.
    this.functionsDir = path.resolve(options.functionsDir)
    this.envId = options.envId ?? DEFAULT_ENV_ID
    this.appId = options.appId ?? DEFAULT_APP_ID
  }

  get timeoutMs(): number {
    return this.options.timeoutMs ?? 3000
  }

  /** The timeout and memory `name` runs with. */
  limitsOf(name: string): { timeoutMs: number; memoryMb: number } {
    const own = this.options.functionSettings?.[name]
    return { timeoutMs: own?.timeoutMs ?? this.timeoutMs, memoryMb: own?.memoryMb ?? this.options.memoryMb ?? 256 }
  }

  /**
   * Gives `name` new limits, as redeploying it with another configuration does: its instances are
   * ended (a call still running on one ends as a timeout would) and the next call starts cold under
   * the new limits. Lets a test make a call outlive its time limit without code in the function for it.
   */
  async configure(name: string, settings: { timeoutMs?: number; memoryMb?: number }): Promise<void> {
    this.options.functionSettings = { ...this.options.functionSettings, [name]: { ...this.options.functionSettings?.[name], ...settings } }
    const pool = this.pools.get(name)
    this.pools.delete(name)
    await pool?.close()
  }

  /** Names of the functions deployed in `functionsDir` right now. */
  functions(): string[] {
    if (!existsSync(this.functionsDir)) return []
    return readdirSync(this.functionsDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && FUNCTION_NAME.test(entry.name) && existsSync(this.entryOf(entry.name)))
      .map((entry) => entry.name)
      .sort()
  }

  has(name: string): boolean {
    return FUNCTION_NAME.test(name) && existsSync(this.entryOf(name))
  }

  /** Invocation counts per function, for the health endpoint. */
  stats(): Record<string, { instances: number; idle: number; queued: number }> {
    return Object.fromEntries([...this.pools].map(([name, pool]) => [name, pool.size]))
  }

  /**
   * Runs `name` with `event` as the caller `openid` (none when signed out). Throws
   * FunctionNotFoundError if no bundle is deployed under that name; every other failure resolves
   * with the `INTERNAL` envelope as `value`.
   */
  async invoke(name: string, event: unknown, caller: { openid: string | null }): Promise<Invocation> {
    if (this.closed) throw new Error('the function host is closed')
    const pool = this.poolFor(name)
    const requestId = randomUUID()
    const context = {
      request_id: requestId,
      function_name: name,
      function_version: '$LATEST',
      namespace: this.envId,
      memory_limit_in_mb: this.limitsOf(name).memoryMb,
      time_limit_in_ms: this.limitsOf(name).timeoutMs,
    }
    const raw = await pool.invoke(event, context, caller.openid)
    const action = typeof (event as { action?: unknown })?.action === 'string' ? `.${(event as { action: string }).action}` : ''
    const coldStart = raw.coldStartMs !== undefined ? ` (start ${Math.round(raw.coldStartMs)}ms)` : ''
    const timing = `${raw.start} ${Math.round(raw.runMs)}ms${coldStart}`
    this.options.log?.(`fn ${name}${action} ${caller.openid ?? '-'} ${timing} ${raw.outcome} [${raw.instanceId}]`)
    if (raw.outcome !== 'ok' && raw.detail) this.options.log?.(`fn ${name}${action} ${raw.outcome}: ${raw.detail}`)
    return {
      value: raw.outcome === 'ok' && raw.json !== undefined ? JSON.parse(raw.json) : INTERNAL_FAILURE,
      outcome: raw.outcome,
      start: raw.start,
      instanceId: raw.instanceId,
      queuedMs: raw.queuedMs,
      runMs: raw.runMs,
      ...(raw.handlerMs !== undefined ? { handlerMs: raw.handlerMs } : {}),
      ...(raw.coldStartMs !== undefined ? { coldStartMs: raw.coldStartMs } : {}),
    }
  }

  async close(): Promise<void> {
    this.closed = true
    await Promise.all([...this.pools.values()].map((pool) => pool.close()))
    this.pools.clear()
  }

  private entryOf(name: string): string {
    return path.join(this.functionsDir, name, 'index.js')
  }

  private poolFor(name: string): FunctionPool {
    if (!FUNCTION_NAME.test(name)) throw new FunctionNotFoundError(name)
    let version: number
    try {
      version = statSync(this.entryOf(name)).mtimeMs
    } catch {
      throw new FunctionNotFoundError(name)
    }
    const existing = this.pools.get(name)
    if (existing) {
      // A rebuilt bundle is a redeploy: the next call starts cold on the new code.
      existing.redeploy(version)
      return existing
    }
    const pool = new FunctionPool(name, this.settingsFor(name), version)
    this.pools.set(name, pool)
    return pool
  }

  private settingsFor(name: string): InstanceSettings {
    const env: Record<string, string> = {
      ...this.options.secrets,
      // Where the real wx-server-sdk sends its calls, and what getWXContext() reads.
      TCB_CONTEXT_CNFG: JSON.stringify({ URL: this.options.adminUrl }),
      TCB_ENV: this.envId,
      SCF_NAMESPACE: this.envId,
      SCF_FUNCTIONNAME: name,
      TENCENTCLOUD_SECRETID: 'local-cloud',
      TENCENTCLOUD_SECRETKEY: 'local-cloud',
      // Skips the SDK's per-call probe of the Tencent Cloud metadata server, which cannot answer here.
      TENCENTCLOUD: 'true',
      WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID',
      WX_APPID: this.appId,
      UNIONHUB_LOCAL_CLOUD: '1',
      UNIONHUB_LOCAL_CLOUD_URL: this.options.publicUrl,
      NODE_ENV: 'production',
    }
    return {
      entry: this.entryOf(name),
      env,
      maxInstances: this.options.maxInstances ?? 8,
      timeoutMs: this.limitsOf(name).timeoutMs,
      loadTimeoutMs: this.options.loadTimeoutMs ?? 15_000,
      idleMs: this.options.idleMs ?? 10 * 60_000,
      memoryMb: this.limitsOf(name).memoryMb,
      output: this.options.log,
    }
  }
}
