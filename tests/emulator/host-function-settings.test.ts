import path from 'node:path'
import { FunctionHost } from '../../emulator/host'

jest.setTimeout(30_000)

/**
 * `npm start` gives each function the timeout and memory that deploy.config.json gives it on the
 * cloud, so a call that needs the longer limit there (20 s for complaints) does not time out here.
 */
describe('per-function limits in the function host', () => {
  const host = new FunctionHost({
    functionsDir: path.join(__dirname, 'fixtures', 'functions'),
    adminUrl: 'http://127.0.0.1:9/admin',
    publicUrl: 'http://127.0.0.1:9',
    secrets: {},
    timeoutMs: 300,
    functionSettings: { slow: { timeoutMs: 5000, memoryMb: 512 } },
  })
  afterAll(() => host.close())

  it('runs a function under its own limit and the others under the default', async () => {
    expect(host.limitsOf('slow')).toEqual({ timeoutMs: 5000, memoryMb: 512 })
    expect(host.limitsOf('hang')).toEqual({ timeoutMs: 300, memoryMb: 256 })
    // Warm the instance first: a cold start on a busy machine is not what is measured here.
    await host.invoke('slow', { input: { pauseMs: 1 } }, { openid: null })
    expect((await host.invoke('slow', { input: { pauseMs: 800 } }, { openid: null })).outcome).toBe('ok')
    await host.invoke('hang', { action: 'answer' }, { openid: null })
    expect((await host.invoke('hang', { action: 'wait' }, { openid: null })).outcome).toBe('timeout')
  })

  it('takes new limits from the next call on, as a redeploy with another configuration does', async () => {
    await host.invoke('slow', { input: { pauseMs: 1 } }, { openid: null })
    await host.configure('slow', { timeoutMs: 150 })
    expect(host.limitsOf('slow')).toEqual({ timeoutMs: 150, memoryMb: 512 })
    const limited = await host.invoke('slow', { input: { pauseMs: 600 } }, { openid: null })
    expect(limited).toMatchObject({ outcome: 'timeout', start: 'cold' })
    await host.configure('slow', { timeoutMs: 5000 })
    expect((await host.invoke('slow', { input: { pauseMs: 600 } }, { openid: null })).outcome).toBe('ok')
  })
})
