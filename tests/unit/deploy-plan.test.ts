import { loadManifest } from '../../emulator/db/manifest'
import { plan, type Change } from '../../scripts/deploy/plan'
import { renderPlan } from '../../scripts/deploy/render'
import { SECRET_VALUES, stateMatching, testConfig, testDesired } from './deploy-fake-cloud'

/**
 * The plan from recorded states of a cloud environment: each lists exactly the differences. The
 * desired state is two small bundles and the real collection manifest (cloudfunctions/collections.json).
 */
describe('the deployment plan', () => {
  const desired = testDesired()
  const manifest = loadManifest()
  const kinds = (changes: Change[]) => changes.map((change) => change.kind)

  it('for a fresh environment creates everything the manifest and the bundles declare', () => {
    const result = plan(desired, { functions: {}, collections: {}, documents: {} })
    expect(result.problems).toEqual([])

    const expectedCollections: Change[] = manifest.collections.flatMap((collection): Change[] => [
      { kind: 'collection.create', collection: collection.name },
      ...collection.indexes.map((index): Change => ({ kind: 'index.create', collection: collection.name, index: { ...index, unique: index.unique ?? false } })),
      { kind: 'rule.set', collection: collection.name, rule: { aclTag: 'ADMINONLY', rule: null }, from: null },
    ])
    const [account, complaints] = desired.functions
    expect(result.changes).toEqual([
      ...expectedCollections,
      { kind: 'function.create', function: 'account' },
      { kind: 'function.code', function: 'account', hash: account!.bundleHash, from: null },
      { kind: 'function.create', function: 'complaints' },
      { kind: 'function.code', function: 'complaints', hash: complaints!.bundleHash, from: null },
      { kind: 'trigger.create', function: 'complaints', trigger: { name: 'closeResolved', config: '0 0 * * * * *' } },
      { kind: 'miniprogram.upload', version: '1.0.0', description: '首次发布', from: null },
    ])
    // Every collection of the manifest, and the indexes the local cloud also builds.
    expect(kinds(result.changes).filter((kind) => kind === 'collection.create')).toHaveLength(manifest.collections.length)
    expect(kinds(result.changes).filter((kind) => kind === 'index.create')).toHaveLength(manifest.collections.reduce((n, c) => n + c.indexes.length, 0))
  })

  it('for an environment that has everything changes nothing', () => {
    expect(plan(desired, stateMatching(desired))).toMatchObject({ changes: [], problems: [] })
  })

  it('with an index missing creates only that index', () => {
    const state = stateMatching(desired)
    state.collections.members!.indexes = state.collections.members!.indexes.filter((index) => index.name !== 'by_idHash')
    expect(plan(desired, state).changes).toEqual([
      { kind: 'index.create', collection: 'members', index: { name: 'by_idHash', keys: [{ field: 'idHash', direction: 1 }], unique: false } },
    ])
  })

  it('with an index whose keys differ, or one the manifest does not declare, drops and rebuilds only those', () => {
    const state = stateMatching(desired)
    const byScene = state.collections.unions!.indexes.find((index) => index.name === 'by_scene')!
    byScene.keys = [{ field: 'scene', direction: -1 }]
    state.collections.unions!.indexes.push({ name: 'by_handmade', keys: [{ field: 'name', direction: 1 }], unique: false })
    expect(plan(desired, state).changes).toEqual([
      { kind: 'index.drop', collection: 'unions', index: 'by_scene', reason: 'changed' },
      { kind: 'index.drop', collection: 'unions', index: 'by_handmade', reason: 'not declared' },
      { kind: 'index.create', collection: 'unions', index: { name: 'by_scene', keys: [{ field: 'scene', direction: 1 }], unique: false } },
    ])
  })

  it('with a timeout that differs updates only that function\'s settings', () => {
    const state = stateMatching(desired)
    state.functions.complaints!.timeoutSeconds = 3
    expect(plan(desired, state).changes).toEqual([
      {
        kind: 'function.settings',
        function: 'complaints',
        timeout: { from: 3, to: 20 },
        memory: { from: 256, to: 256 },
        environment: { added: [], changed: [], removed: [] },
      },
    ])
  })

  it('with an environment variable missing adds it, and names a changed or stray one', () => {
    const state = stateMatching(desired)
    delete state.functions.account!.environment.UNIONHUB_CARD_KEY
    state.functions.complaints!.environment.UNIONHUB_DATA_KEYS = `k0:${Buffer.alloc(32, 1).toString('base64')}`
    state.functions.complaints!.environment.UNIONHUB_DATA_KEY = 'left over from a manual setup'
    expect(plan(desired, state).changes).toEqual([
      {
        kind: 'function.settings',
        function: 'account',
        timeout: { from: 3, to: 3 },
        memory: { from: 256, to: 256 },
        environment: { added: ['UNIONHUB_CARD_KEY'], changed: [], removed: [] },
      },
      {
        kind: 'function.settings',
        function: 'complaints',
        timeout: { from: 20, to: 20 },
        memory: { from: 256, to: 256 },
        environment: { added: [], changed: ['UNIONHUB_DATA_KEYS'], removed: ['UNIONHUB_DATA_KEY'] },
      },
    ])
  })

  it('uploads code only where the bundle differs, and a timer only where it differs', () => {
    const state = stateMatching(desired)
    state.functions.account!.bundleHash = 'f'.repeat(64)
    state.functions.complaints!.triggers = [{ name: 'closeResolved', config: '0 30 * * * * *' }]
    expect(plan(desired, state).changes).toEqual([
      { kind: 'function.code', function: 'account', hash: desired.functions[0]!.bundleHash, from: 'f'.repeat(64) },
      { kind: 'trigger.delete', function: 'complaints', trigger: 'closeResolved' },
      { kind: 'trigger.create', function: 'complaints', trigger: { name: 'closeResolved', config: '0 0 * * * * *' } },
    ])
  })

  it('sets a rule another person loosened back to deny-all', () => {
    const state = stateMatching(desired)
    state.collections.complaints!.rule = { aclTag: 'READONLY', rule: null }
    expect(plan(desired, state).changes).toEqual([
      { kind: 'rule.set', collection: 'complaints', rule: { aclTag: 'ADMINONLY', rule: null }, from: { aclTag: 'READONLY', rule: null } },
    ])
  })

  it('uploads the mini program again only for a new version, description or build', () => {
    const state = stateMatching(desired)
    const bumped = testDesired({ config: testConfig({ miniProgram: { version: '1.0.1', description: '修复', privateKeyPath: '/tmp/k', robot: 1 } }) })
    expect(plan(bumped, state).changes).toEqual([{ kind: 'miniprogram.upload', version: '1.0.1', description: '修复', from: '1.0.0' }])
  })

  it('writes only the seed documents that are missing or differ', () => {
    const seeds = [
      {
        name: '法定节假日',
        collection: 'holidays',
        documents: [
          { _id: '2026-10-01', date: '2026-10-01', name: '国庆节', workday: false },
          { _id: '2026-10-10', date: '2026-10-10', name: '国庆节调休', workday: true },
        ],
      },
    ]
    const seeded = testDesired({ seeds })
    const state = stateMatching(seeded)
    // The cloud adds fields of its own; they are not a difference.
    state.documents.holidays!['2026-10-01'] = { ...seeds[0]!.documents[0]!, _openid: '' }
    state.documents.holidays!['2026-10-10'] = { ...seeds[0]!.documents[1]!, workday: false }
    expect(plan(seeded, state).changes).toEqual([{ kind: 'seed', name: '法定节假日', collection: 'holidays', documents: [seeds[0]!.documents[1]] }])
  })

  it('refuses a function on a runtime older than the bundles need, and names it', () => {
    const state = stateMatching(desired)
    state.functions.account!.runtime = 'Nodejs8.9'
    expect(plan(desired, state).problems).toEqual([expect.stringContaining('云函数 account 的运行环境是 Nodejs8.9')])
  })

  it('in a dry run without the secrets compares only their presence, and says they are missing', () => {
    const partial = testDesired({ secretValues: { UNIONHUB_CARD_KEY: SECRET_VALUES.UNIONHUB_CARD_KEY } })
    const result = plan(partial, stateMatching(desired))
    expect(result.changes).toEqual([])
    expect(result.problems).toEqual([expect.stringContaining('UNIONHUB_DATA_KEYS'), expect.stringContaining('UNIONHUB_SETUP_SECRET')])
  })

  it('prints every function with its hash, timeout, memory, variables, timers and permissions, never a secret value', () => {
    const state = stateMatching(desired)
    state.functions.complaints!.timeoutSeconds = 3
    const text = renderPlan(plan(desired, state), '云开发环境 unionhub-test-1a2b')
    expect(text).toContain(`~ complaints`)
    expect(text).toContain(`代码 ${desired.functions[1]!.bundleHash.slice(0, 12)}  超时 20 秒  内存 256 MB`)
    expect(text).toContain('UNIONHUB_DATA_KEYS（密钥）')
    expect(text).toContain('定时触发器 closeResolved「0 0 * * * * *」')
    expect(text).toContain('openapi 权限 security.msgSecCheck、subscribeMessage.send')
    expect(text).toContain('→ 更新云函数 complaints 的设置：超时 3 → 20 秒')
    expect(text).toContain('= members  安全规则「仅管理端可读写」  索引 by_openid(openid↑)、by_unionId(unionId↑)、by_idHash(idHash↑)')
    expect(text).toContain('版本 1.0.0「首次发布」')
    // The national holiday calendar travels inside the complaints bundle: the plan says which years.
    expect(text).toMatch(/= 全国法定节假日与调休安排：随云函数 complaints 的代码发布（chinese-days [\d.]+，2004–20\d\d 年），不写入数据库/)
    expect(text).toContain('共 1 项变更。')
    for (const value of Object.values(SECRET_VALUES)) expect(text).not.toContain(value)
  })
})
