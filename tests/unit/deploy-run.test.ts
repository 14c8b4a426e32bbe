import { bundleHashOf, bundleMarker, cronOf } from '../../scripts/deploy/cloud-transport'
import { ConfigError } from '../../scripts/deploy/config'
import { deploy, type DeployOptions } from '../../scripts/deploy/index'
import { loadManifest } from '../../emulator/db/manifest'
import { FakeCloud, SECRET_VALUES, stateMatching, TEMPLATE_VARIABLES, testDesired } from './deploy-fake-cloud'

/** The whole deployment through a fake transport that keeps the cloud's state and records every call. */
describe('npm run deploy against a recorded cloud', () => {
  const desired = testDesired()
  const manifest = loadManifest()

  function options(overrides: Partial<DeployOptions> = {}) {
    const lines: string[] = []
    return { lines, options: { dryRun: false, log: (line: string) => lines.push(line), confirm: async () => true, ...overrides } }
  }

  it('--dry-run reads the cloud and makes no call that changes it', async () => {
    const cloud = new FakeCloud()
    const before = JSON.stringify(cloud.state)
    const { lines, options: dryRun } = options({ dryRun: true, confirm: async () => Promise.reject(new Error('a dry run must not ask')) })
    const outcome = await deploy(desired, cloud, '测试环境', [], dryRun)
    expect(outcome.applied).toBe(0)
    expect(outcome.plan.changes.length).toBeGreaterThan(0)
    expect(cloud.changes).toEqual([])
    expect(new Set(cloud.calls.map((call) => call.method))).toEqual(new Set(['readFunction', 'readCollection', 'readDocuments']))
    expect(JSON.stringify(cloud.state)).toBe(before)
    expect(lines.join('\n')).toContain(`共 ${outcome.plan.changes.length} 项变更。`)
  })

  it('creates a fresh environment with the official calls, in order, and a second run changes nothing', async () => {
    const cloud = new FakeCloud()
    const first = await deploy(desired, cloud, '测试环境', [], options().options)
    expect(first.applied).toBe(first.plan.changes.length)

    const methods = cloud.changes.map((call) => call.method)
    const last = (name: string) => methods.lastIndexOf(name)
    const firstOf = (name: string) => methods.indexOf(name)
    // Collections before functions before the mini program, so pages never call what is not there.
    expect(last('setSecurityRule')).toBeLessThan(firstOf('createFunction'))
    expect(last('createTrigger')).toBeLessThan(firstOf('uploadMiniProgram'))
    expect(methods.filter((method) => method === 'createCollection')).toHaveLength(manifest.collections.length)
    expect(cloud.changes.find((call) => call.method === 'createFunction')!.args[0]).toEqual({
      name: 'account',
      dir: desired.functions[0]!.dir,
      runtime: 'Nodejs16.13',
      timeoutSeconds: 3,
      memoryMb: 256,
      environment: { UNIONHUB_MINIPROGRAM_STATE: 'formal', ...TEMPLATE_VARIABLES, ...SECRET_VALUES },
    })
    expect(cloud.changes.filter((call) => call.method === 'uploadMiniProgram').map((call) => call.args[0])).toEqual([
      { version: '1.0.0', description: '首次发布', robot: 1 },
    ])
    expect(cloud.state.functions.complaints).toMatchObject({ timeoutSeconds: 20, bundleHash: desired.functions[1]!.bundleHash, triggers: [{ name: 'closeResolved' }] })
    expect(Object.values(cloud.state.collections).every((collection) => collection!.rule.aclTag === 'ADMINONLY')).toBe(true)

    const callsBefore = cloud.calls.length
    const { lines, options: again } = options()
    const second = await deploy(desired, cloud, '测试环境', [], again)
    expect(second).toMatchObject({ applied: 0, plan: { changes: [] } })
    expect(cloud.calls.slice(callsBefore).filter((call) => !call.method.startsWith('read'))).toEqual([])
    expect(lines.join('\n')).toContain('云端已是最新')
  })

  it('changes only what differs in an environment deployed before', async () => {
    const state = stateMatching(desired)
    state.functions.complaints!.timeoutSeconds = 3
    delete state.functions.account!.environment.UNIONHUB_SETUP_SECRET
    const cloud = new FakeCloud(state)
    await deploy(desired, cloud, '测试环境', [], options().options)
    expect(cloud.changes).toEqual([
      { method: 'updateFunctionSettings', args: ['account', { timeoutSeconds: 3, memoryMb: 256, environment: { UNIONHUB_MINIPROGRAM_STATE: 'formal', ...TEMPLATE_VARIABLES, ...SECRET_VALUES } }] },
      { method: 'updateFunctionSettings', args: ['complaints', { timeoutSeconds: 20, memoryMb: 256, environment: { UNIONHUB_MINIPROGRAM_STATE: 'formal', ...TEMPLATE_VARIABLES, ...SECRET_VALUES } }] },
    ])
  })

  it('asks before changing anything, and changes nothing when the answer is no', async () => {
    const cloud = new FakeCloud()
    const { lines, options: declined } = options({ confirm: async () => false })
    expect(await deploy(desired, cloud, '测试环境', [], declined)).toMatchObject({ applied: 0 })
    expect(cloud.changes).toEqual([])
    expect(lines).toContain('已取消，没有做任何变更。')
  })

  it('stops at a failure; the next run does only what is left, and the one after nothing', async () => {
    const cloud = new FakeCloud()
    cloud.failOnce = 'uploadFunctionCode'
    await expect(deploy(desired, cloud, '测试环境', [], options().options)).rejects.toThrow(`上传云函数 account 的代码 ${desired.functions[0]!.bundleHash.slice(0, 12)}（云端 无记录） 失败：uploadFunctionCode failed`)
    // The function exists but its upload failed: no hash was recorded, so the code is uploaded again.
    expect(cloud.state.functions.account).toMatchObject({ bundleHash: null })

    const resumed = new FakeCloud(cloud.state)
    const second = await deploy(desired, resumed, '测试环境', [], options().options)
    // Collections and the account function were done; its upload and everything after it is left.
    expect(resumed.changes.map((call) => `${call.method} ${typeof call.args[0] === 'string' ? call.args[0] : ''}`.trim())).toEqual([
      'uploadFunctionCode account',
      'recordBundleHash account',
      'createFunction',
      'uploadFunctionCode complaints',
      'recordBundleHash complaints',
      'createTrigger complaints',
      'uploadMiniProgram',
      'writeDocuments deployments',
    ])
    expect(second.applied).toBe(second.plan.changes.length)

    const third = new FakeCloud(resumed.state)
    await deploy(desired, third, '测试环境', [], options().options)
    expect(third.changes).toEqual([])
  })

  it('refuses to deploy without the secrets on this machine, changing nothing', async () => {
    const withoutKeys = testDesired({ secretValues: {} })
    const cloud = new FakeCloud()
    await expect(deploy(withoutKeys, cloud, '测试环境', [], options().options)).rejects.toThrow(ConfigError)
    expect(cloud.changes).toEqual([])
  })

  it('refuses when the configuration check found a problem, changing nothing', async () => {
    const cloud = new FakeCloud()
    const problem = '环境变量 UNIONHUB_CARD_KEY 太短'
    const { lines, options: run } = options()
    await expect(deploy(desired, cloud, '测试环境', [problem], run)).rejects.toThrow(ConfigError)
    expect(lines.join('\n')).toContain(`✗ ${problem}`)
    expect(cloud.changes).toEqual([])
  })
})

describe('the bundle hash recorded on a function', () => {
  it('round-trips through the function description', () => {
    const hash = 'a'.repeat(64)
    expect(bundleHashOf(bundleMarker(hash))).toBe(hash)
    expect(bundleHashOf('')).toBeNull()
    expect(bundleHashOf(undefined)).toBeNull()
    expect(bundleHashOf('uploaded from DevTools')).toBeNull()
  })
})

describe('a timer trigger read back from the cloud', () => {
  it('compares by its cron expression, however SCF reports it', () => {
    expect(cronOf('0 0 * * * * *')).toBe('0 0 * * * * *')
    expect(cronOf('{"cron":"0 */5 * * * * *"}')).toBe('0 */5 * * * * *')
    expect(cronOf(undefined)).toBe('')
  })
})
