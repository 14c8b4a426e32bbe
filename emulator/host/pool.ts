import { randomUUID } from 'node:crypto'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { Worker } from 'node:worker_threads'

/**
 * Why an invocation ended the way it did; anything but `ok` reaches the caller as `INTERNAL`.
 * `undeliverable`: the event could not be copied to the instance (nested too deep, or not data).
 */
export type Outcome = 'ok' | 'handler-error' | 'timeout' | 'crashed' | 'load-failed' | 'undeliverable'

export interface InstanceSettings {
  /** Absolute path of the function's bundle (`<functionsDir>/<name>/index.js`). */
  entry: string
  /** The environment every instance of this function starts with (WX_OPENID is set per call). */
  env: Record<string, string>
  maxInstances: number
  timeoutMs: number
  /** How long loading the bundle may take before the instance is given up. */
  loadTimeoutMs: number
  /** An instance idle this long is reclaimed, as the cloud does; the next call starts cold. */
  idleMs: number
  memoryMb: number
  /** Where the function's console output goes, one prefixed line at a time; default the host's stdout. */
  output?: (line: string) => void
}

export interface RawInvocation {
  outcome: Outcome
  /** The function's return value as JSON text (only when `outcome` is `ok`). */
  json?: string
  /** Error text for the operator's log; never shown to the caller. */
  detail?: string
  start: 'cold' | 'warm'
  instanceId: string
  queuedMs: number
  /** From the moment an instance started this invocation (the time limit's clock), as the host sees it. */
  runMs: number
  /** The handler's own time by the instance's clock (ok and handler-error only): `runMs` without the host's hand-over. */
  handlerMs?: number
  /** Cold starts only: starting the thread and loading the bundle, before the invocation began. */
  coldStartMs?: number
}

type Settled = { outcome: Outcome; json?: string; detail?: string; handlerMs?: number }

interface Pending {
  id: string
  resolve: (result: Settled) => void
  timer: NodeJS.Timeout
}

const WORKER_SCRIPT = path.join(__dirname, 'worker.cjs')

class LoadFailure extends Error {}

/** One worker thread: a cloud function instance that serves one invocation at a time. */
class Instance {
  readonly id = randomUUID().slice(0, 8)
  readonly worker: Worker
  readonly ready: Promise<void>
  private pending: Pending | null = null
  private dead = false
  private idleTimer: NodeJS.Timeout | null = null
  /** Set when the bundle changed on disk while this instance was busy: retire it when it is done. */
  stale = false

  constructor(
    private readonly settings: InstanceSettings,
    readonly version: number,
    private readonly onDeath: (instance: Instance) => void,
  ) {
    this.worker = new Worker(WORKER_SCRIPT, {
      workerData: { entry: settings.entry, captureOutput: settings.output !== undefined },
      env: settings.env,
      // Never inherit the parent's loaders (tsx, jest): a cloud instance runs plain Node.
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: settings.memoryMb },
    })
    this.ready = new Promise<void>((resolve, reject) => {
      const loadTimer = setTimeout(() => {
        reject(new LoadFailure(`loading took longer than ${settings.loadTimeoutMs} ms`))
        void this.kill()
      }, settings.loadTimeoutMs)
      const onLoaded = (message: { type: string; message?: string }) => {
        if (message.type !== 'ready' && message.type !== 'load-failed') return
        this.worker.off('message', onLoaded)
        clearTimeout(loadTimer)
        if (message.type === 'ready') resolve()
        else {
          reject(new LoadFailure(message.message ?? 'the bundle failed to load'))
          void this.kill()
        }
      }
      this.worker.on('message', onLoaded)
      this.worker.once('exit', () => {
        clearTimeout(loadTimer)
        reject(new LoadFailure('the instance exited while loading'))
      })
    })
    // A rejection nobody awaits yet must not become an unhandled rejection in the host.
    this.ready.catch(() => undefined)

    const output = settings.output
    const prefix = `  ${path.basename(path.dirname(settings.entry))}#${this.id} `
    let partial = ''
    this.worker.on('message', (message: { type: string; id?: string; json?: string; message?: string; text?: string; handlerMs?: number }) => {
      if (message.type === 'output' && output) {
        const lines = (partial + (message.text ?? '')).split('\n')
        partial = lines.pop() ?? ''
        for (const line of lines) output(prefix + line)
        return
      }
      if (!this.pending || message.id !== this.pending.id) return
      if (message.type === 'result') this.settle({ outcome: 'ok', json: message.json, handlerMs: message.handlerMs })
      else if (message.type === 'handler-error') this.settle({ outcome: 'handler-error', detail: message.message, handlerMs: message.handlerMs })
    })
    // An exception or rejection outside the handler kills the thread; the caller in flight loses.
    this.worker.on('error', (error) => {
      this.settle({ outcome: 'crashed', detail: error.stack ?? String(error) })
      // The thread is already going down: never hand it to the next caller.
      this.markDead()
    })
    this.worker.on('exit', (code) => {
      this.settle({ outcome: 'crashed', detail: `the instance exited with code ${code}` })
      this.markDead()
    })
    // Idle instances do not keep the host process alive; a running call's timer does. After the
    // listeners: adding a 'message' listener refs the worker's port again.
    this.worker.unref()
  }

  get alive(): boolean {
    return !this.dead
  }

  run(event: unknown, context: object, openid: string | null): Promise<Settled> {
    this.cancelIdle()
    const id = randomUUID()
    try {
      // Copies the event to the thread now; a reply can only arrive after this turn.
      this.worker.postMessage({ type: 'invoke', id, event, context, openid })
    } catch (error) {
      // The instance never saw the call: it stays healthy, and no timer may hold it.
      return Promise.resolve({ outcome: 'undeliverable', detail: (error as Error).message })
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.settle({ outcome: 'timeout', detail: `no reply within ${this.settings.timeoutMs} ms` })
        void this.kill()
      }, this.settings.timeoutMs)
      this.pending = { id, resolve, timer }
    })
  }

  armIdle(onIdle: () => void): void {
    this.cancelIdle()
    this.idleTimer = setTimeout(onIdle, this.settings.idleMs)
    this.idleTimer.unref()
  }

  cancelIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer)
    this.idleTimer = null
  }

  async kill(): Promise<void> {
    this.cancelIdle()
    this.markDead()
    await this.worker.terminate()
  }

  private settle(result: Settled) {
    const pending = this.pending
    if (!pending) return
    this.pending = null
    clearTimeout(pending.timer)
    pending.resolve(result)
  }

  private markDead() {
    if (this.dead) return
    this.dead = true
    this.onDeath(this)
  }
}

interface Waiter {
  resolve: (lease: { instance: Instance; cold: boolean; coldStartMs?: number }) => void
  reject: (error: Error) => void
}

/**
 * The instances of one deployed function: warm ones are reused (most recently used first), new
 * ones start cold up to `maxInstances`, and callers beyond that wait in FIFO order.
 */
export class FunctionPool {
  private readonly instances = new Set<Instance>()
  private readonly idle: Instance[] = []
  private readonly queue: Waiter[] = []
  private closed = false

  constructor(
    readonly name: string,
    private readonly settings: InstanceSettings,
    private version: number,
  ) {}

  get size(): { instances: number; idle: number; queued: number } {
    return { instances: this.instances.size, idle: this.idle.length, queued: this.queue.length }
  }

  /** The bundle changed on disk: idle instances go now, busy ones when they finish. */
  redeploy(version: number): void {
    if (version === this.version) return
    this.version = version
    for (const instance of this.idle.splice(0)) void instance.kill()
    for (const instance of this.instances) instance.stale = true
  }

  async invoke(event: unknown, context: object, openid: string | null): Promise<RawInvocation> {
    const enqueued = performance.now()
    let lease: { instance: Instance; cold: boolean; coldStartMs?: number }
    try {
      lease = await this.acquire()
    } catch (error) {
      const queuedMs = performance.now() - enqueued
      return { outcome: 'load-failed', detail: (error as Error).message, start: 'cold', instanceId: '-', queuedMs, runMs: 0 }
    }
    const queuedMs = performance.now() - enqueued - (lease.coldStartMs ?? 0)
    const started = performance.now()
    let result: Awaited<ReturnType<Instance['run']>>
    try {
      result = await lease.instance.run(event, context, openid)
    } finally {
      // Whatever happened, the lease ends here: a leased instance is invisible to every other caller.
      this.release(lease.instance)
    }
    const runMs = performance.now() - started
    return {
      ...result,
      start: lease.cold ? 'cold' : 'warm',
      instanceId: lease.instance.id,
      queuedMs: Math.max(0, queuedMs),
      runMs,
      ...(lease.cold ? { coldStartMs: lease.coldStartMs } : {}),
    }
  }

  async close(): Promise<void> {
    this.closed = true
    for (const waiter of this.queue.splice(0)) waiter.reject(new Error('the function host is shutting down'))
    await Promise.all([...this.instances].map((instance) => instance.kill()))
  }

  private acquire(): Promise<{ instance: Instance; cold: boolean; coldStartMs?: number }> {
    if (this.closed) return Promise.reject(new Error('the function host is shutting down'))
    const warm = this.idle.pop()
    if (warm) return Promise.resolve({ instance: warm, cold: false })
    if (this.instances.size < this.settings.maxInstances) return this.spawn()
    return new Promise((resolve, reject) => this.queue.push({ resolve, reject }))
  }

  private async spawn(): Promise<{ instance: Instance; cold: boolean; coldStartMs: number }> {
    const started = performance.now()
    const instance = new Instance(this.settings, this.version, (dead) => this.forget(dead))
    this.instances.add(instance)
    await instance.ready
    return { instance, cold: true, coldStartMs: performance.now() - started }
  }

  private release(instance: Instance): void {
    if (!instance.alive) return
    if (instance.stale || instance.version !== this.version || this.closed) {
      void instance.kill()
      return
    }
    const next = this.queue.shift()
    if (next) {
      next.resolve({ instance, cold: false })
      return
    }
    this.idle.push(instance)
    instance.armIdle(() => {
      const index = this.idle.indexOf(instance)
      if (index >= 0) this.idle.splice(index, 1)
      void instance.kill()
    })
  }

  /** An instance is gone (crashed, timed out, reclaimed): its slot may start one for a waiter. */
  private forget(instance: Instance): void {
    this.instances.delete(instance)
    const index = this.idle.indexOf(instance)
    if (index >= 0) this.idle.splice(index, 1)
    while (!this.closed && this.queue.length > 0 && this.instances.size < this.settings.maxInstances) {
      const waiter = this.queue.shift()!
      this.spawn().then(waiter.resolve, waiter.reject)
    }
  }
}

