import { cpSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { FunctionHost, FunctionNotFoundError, INTERNAL_FAILURE, type Invocation } from '../../emulator/host'

// Cold starts load wx-server-sdk in each instance: seconds on a busy two-core machine.
jest.setTimeout(30_000)

// The host alone, without a database: fixtures here never call the SDK's network APIs.
const fixtures = path.join(__dirname, 'fixtures', 'functions')

function newHost(overrides: Partial<ConstructorParameters<typeof FunctionHost>[0]> = {}) {
  return new FunctionHost({
    functionsDir: fixtures,
    adminUrl: 'http://127.0.0.1:9/admin',
    publicUrl: 'http://127.0.0.1:9',
    secrets: { UNIONHUB_DATA_KEY: 'test-data-key', UNIONHUB_CARD_KEY: 'test-card-key' },
    timeoutMs: 1000,
    ...overrides,
  })
}

const data = (invocation: Invocation) => (invocation.value as { data: Record<string, unknown> }).data

describe('function host', () => {
  let host: FunctionHost

  beforeAll(() => {
    host = newHost({ maxInstances: 2 })
  })

  afterAll(async () => {
    await host.close()
  })

  it('lists the deployed functions and refuses names that are not deployed', async () => {
    expect(host.functions()).toEqual(expect.arrayContaining(['whoami', 'hang', 'crash']))
    await expect(host.invoke('missing', { action: 'x' }, { openid: null })).rejects.toBeInstanceOf(FunctionNotFoundError)
    await expect(host.invoke('../whoami', { action: 'x' }, { openid: null })).rejects.toBeInstanceOf(FunctionNotFoundError)
  })

  it('gives each concurrent invocation its own OPENID, from its own instance', async () => {
    const [a, b] = await Promise.all([
      host.invoke('whoami', { action: 'me', input: { pauseMs: 150 } }, { openid: 'openid-a' }),
      host.invoke('whoami', { action: 'me', input: { pauseMs: 150 } }, { openid: 'openid-b' }),
    ])
    expect(data(a!).openid).toBe('openid-a')
    expect(data(b!).openid).toBe('openid-b')
    expect(a!.instanceId).not.toBe(b!.instanceId)
    // The instance's environment is the cloud's, plus the configured secrets.
    expect(data(a!)).toMatchObject({ appid: 'wx0000000000000000', env: 'unionhub-local', localCloudUrl: 'http://127.0.0.1:9', hasDataKey: true })
  })

  it('starts cold once, then reuses the warm instance; a signed-out caller has no OPENID', async () => {
    const fresh = newHost()
    try {
      const first = await fresh.invoke('whoami', { action: 'me' }, { openid: 'someone' })
      const second = await fresh.invoke('whoami', { action: 'me' }, { openid: null })
      expect(first.start).toBe('cold')
      expect(first.coldStartMs).toBeGreaterThan(0)
      expect(second.start).toBe('warm')
      expect(second.instanceId).toBe(first.instanceId)
      expect(data(second).openid).toBeNull()
    } finally {
      await fresh.close()
    }
  })

  it.each(['spin', 'wait'])('gives up on an invocation that hangs (%s) after the time limit and replaces the instance', async (action) => {
    const started = Date.now()
    const hung = await host.invoke('hang', { action }, { openid: null })
    expect(hung.value).toEqual(INTERNAL_FAILURE)
    expect(hung.outcome).toBe('timeout')
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000)
    const next = await host.invoke('hang', { action: 'answer' }, { openid: null })
    expect(next.value).toEqual({ ok: true, data: { answered: true } })
    expect(next.instanceId).not.toBe(hung.instanceId)
  })

  it.each(['timer', 'rejection'])('replaces an instance that throws outside its handler (%s)', async (action) => {
    const crashed = await host.invoke('crash', { action }, { openid: null })
    expect(crashed.value).toEqual(INTERNAL_FAILURE)
    expect(crashed.outcome).toBe('crashed')
    const next = await host.invoke('crash', { action: 'count' }, { openid: null })
    expect(next.instanceId).not.toBe(crashed.instanceId)
    // A fresh instance: its module state starts over.
    expect(data(next).calls).toBe(1)
  })

  it('keeps the instance when the handler itself rejects, and answers INTERNAL', async () => {
    const failed = await host.invoke('crash', { action: 'handler' }, { openid: null })
    expect(failed.value).toEqual(INTERNAL_FAILURE)
    expect(failed.outcome).toBe('handler-error')
    const next = await host.invoke('crash', { action: 'count' }, { openid: null })
    expect(next.instanceId).toBe(failed.instanceId)
  })

  it('keeps an instance that could not be handed an event (nested too deep to copy) for the next caller', async () => {
    const single = newHost({ maxInstances: 1 })
    try {
      const warmed = await single.invoke('slow', { action: 'wait', input: { pauseMs: 1 } }, { openid: null })
      let deep: unknown = []
      for (let level = 0; level < 20_000; level += 1) deep = [deep]
      const refused = await single.invoke('slow', { action: 'wait', input: deep }, { openid: null })
      expect(refused.outcome).toBe('undeliverable')
      expect(refused.value).toEqual(INTERNAL_FAILURE)
      // The one instance answers at once, warm: nothing holds it until the time limit.
      const next = await single.invoke('slow', { action: 'wait', input: { pauseMs: 1 } }, { openid: null })
      expect(next).toMatchObject({ outcome: 'ok', start: 'warm', instanceId: warmed.instanceId })
      expect(next.queuedMs).toBeLessThan(500)
    } finally {
      await single.close()
    }
  })

  it('answers INTERNAL when a bundle fails to load', async () => {
    const failed = await host.invoke('broken-load', { action: 'x' }, { openid: null })
    expect(failed.value).toEqual(INTERNAL_FAILURE)
    expect(failed.outcome).toBe('load-failed')
  })

  it('queues callers beyond the instance limit in arrival order and counts the limit from the start of each run', async () => {
    const limited = newHost({ maxInstances: 2, timeoutMs: 400 })
    try {
      // Six calls of 250 ms on two instances: three rounds, longer than the limit in total, but no
      // single run exceeds it, because waiting in the queue does not count.
      const calls = Array.from({ length: 6 }, () => limited.invoke('slow', { action: 'wait', input: { pauseMs: 250 } }, { openid: null }))
      const results = await Promise.all(calls)
      expect(results.every((result) => result.outcome === 'ok')).toBe(true)
      expect(new Set(results.map((result) => result.instanceId)).size).toBe(2)
      expect(results.filter((result) => result.start === 'cold')).toHaveLength(2)
      expect(Math.max(...results.map((result) => result.queuedMs))).toBeGreaterThanOrEqual(400)
      const finished = results.map((result) => (result.value as { data: { at: number } }).data.at)
      // FIFO: the last two callers were served in the last round.
      expect(Math.min(finished[4]!, finished[5]!)).toBeGreaterThanOrEqual(Math.max(finished[0]!, finished[1]!))
    } finally {
      await limited.close()
    }
  })

  it('logs each invocation and passes the function’s console output on, marked with the function', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'uh-host-'))
    const lines: string[] = []
    const logged = newHost({ functionsDir: dir, log: (line) => lines.push(line) })
    try {
      cpSync(path.join(fixtures, 'slow'), path.join(dir, 'chatty'), { recursive: true })
      writeFileSync(path.join(dir, 'chatty', 'index.js'), "exports.main = async () => { console.log('处理完成'); return { ok: true, data: null } }\n")
      await logged.invoke('chatty', { action: 'talk' }, { openid: 'demo-member' })
      for (let i = 0; i < 50 && !lines.some((line) => line.includes('处理完成')); i += 1) await new Promise((resolve) => setTimeout(resolve, 20))
      expect(lines).toEqual(expect.arrayContaining([expect.stringMatching(/^fn chatty\.talk demo-member cold \d+ms .*ok/), expect.stringMatching(/chatty#\w+ 处理完成$/)]))
    } finally {
      await logged.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('treats a rebuilt bundle as a redeploy: the next call starts cold on the new code', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'uh-host-'))
    const redeployed = newHost({ functionsDir: dir })
    try {
      cpSync(path.join(fixtures, 'slow'), path.join(dir, 'versioned'), { recursive: true })
      writeFileSync(path.join(dir, 'versioned', 'index.js'), 'exports.main = async () => ({ ok: true, data: { version: 1 } })\n')
      const first = await redeployed.invoke('versioned', {}, { openid: null })
      expect(first.value).toEqual({ ok: true, data: { version: 1 } })
      writeFileSync(path.join(dir, 'versioned', 'index.js'), 'exports.main = async () => ({ ok: true, data: { version: 2 } })\n')
      const later = new Date(Date.now() + 5000)
      utimesSync(path.join(dir, 'versioned', 'index.js'), later, later)
      const second = await redeployed.invoke('versioned', {}, { openid: null })
      expect(second.value).toEqual({ ok: true, data: { version: 2 } })
      expect(second.start).toBe('cold')
    } finally {
      await redeployed.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
