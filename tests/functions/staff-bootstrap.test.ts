import { testSecrets } from '../../emulator/gateway/testing'
import { startLocalCloud, expectOk, localCloudForTests, type LocalCloud } from './harness'
import { snapshot } from './staff-fixtures'

const FIRST = { unionName: '示范市总工会', city: '示范市', name: '王主席' }

/** Every stored document and file, as text, to look for a value that must never be stored. */
function everythingStored(cloud: LocalCloud): string {
  return JSON.stringify(cloud.cloud.contents())
}

describe('staff.bootstrap: the first admin of an empty deployment', () => {
  const lines: string[] = []
  const cloud = localCloudForTests({ seed: false, freshEachTest: true, log: (line) => lines.push(line) })
  const secret = () => cloud.cloud.secrets.functions.UNIONHUB_SETUP_SECRET!

  it('makes the holder of the setup secret admin of the root union they name, once', async () => {
    const made = expectOk(await cloud.call('staff', 'bootstrap', { secret: secret(), ...FIRST }, { as: 'first-admin' }))
    expect(made).toEqual({ unionId: expect.stringMatching(/^u-[a-z0-9]{12}$/), unionName: '示范市总工会', staffId: expect.stringMatching(/^st-/) })

    const [root] = await cloud.collection<Record<string, unknown>>('unions')
    expect(root).toMatchObject({ _id: made.unionId, name: '示范市总工会', kind: 'federation', parentId: null, city: '示范市', status: 'active', takesMembers: false })
    expect(root!.scene).toMatch(/^j\.[a-z0-9]{12}$/)
    expect(await cloud.collection('staff')).toEqual([expect.objectContaining({ _id: made.staffId, openid: 'first-admin', unionId: made.unionId, role: 'admin', name: '王主席' })])
    const me = expectOk(await cloud.call('account', 'me', {}, { as: 'first-admin' }))
    expect(me.staffOf).toEqual([{ unionId: made.unionId, unionName: '示范市总工会', role: 'admin' }])

    const [entry] = await cloud.collection<Record<string, unknown>>('auditLog')
    expect(entry).toMatchObject({ action: 'staff.bootstrap', actorOpenid: 'first-admin', actorName: '王主席', unionId: made.unionId, before: null })
    expect(entry!.after).toMatchObject({ name: '示范市总工会', kind: 'federation', role: 'admin', staffName: '王主席' })

    // The secret is neither stored nor logged.
    expect(everythingStored(cloud)).not.toContain(secret())
    expect(lines.join('\n')).not.toContain(secret())

    // A second attempt, by anyone, with the right secret: refused for ever.
    const before = await snapshot(cloud)
    for (const who of ['first-admin', 'someone-else']) {
      const again = await cloud.call('staff', 'bootstrap', { secret: secret(), unionName: '另一个总工会', city: '别市', name: '李四' }, { as: who })
      expect(again).toEqual({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('已经完成初始化') } })
    }
    expect(await snapshot(cloud)).toEqual(before)
  })

  it('refuses a wrong secret and stores nothing', async () => {
    for (const wrong of ['wrong', secret().slice(0, -1), `${secret()}x`]) {
      const result = await cloud.call('staff', 'bootstrap', { secret: wrong, ...FIRST }, { as: 'guesser' })
      expect(result).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('初始化口令不正确'), fields: [{ path: 'secret', message: '初始化口令不正确' }] } })
    }
    for (const documents of Object.values(await snapshot(cloud))) expect(documents).toEqual([])
  })

  it('names each missing or malformed field in Chinese and stores nothing', async () => {
    const result = await cloud.send('staff', { action: 'bootstrap', input: { secret: '', unionName: '市', city: 7 } }, { as: 'first-admin' })
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    const fields = (result as { error: { fields: Array<{ path: string; message: string }> } }).error.fields
    expect(Object.fromEntries(fields.map((field) => [field.path, field.message]))).toEqual({
      secret: '请填写初始化口令',
      unionName: '根工会名称至少 2 个字',
      city: '所在城市必须是文字',
      name: '请填写姓名',
    })
    expect(await cloud.collection('unions')).toEqual([])
  })

  it('gives one admin when several people race with the secret', async () => {
    const racers = Array.from({ length: 8 }, (_, index) => `racer-${index}`)
    const results = await Promise.all(racers.map((who) => cloud.call('staff', 'bootstrap', { secret: secret(), ...FIRST, name: '赵先生' }, { as: who })))
    expect(results.filter((result) => result.ok)).toHaveLength(1)
    for (const result of results.filter((result) => !result.ok)) expect(result).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(await cloud.collection('staff')).toHaveLength(1)
    expect(await cloud.collection('unions')).toHaveLength(1)
    expect(await cloud.collection('setup')).toHaveLength(1)
  })

  it('lets the same person finish a setup that stopped after its claim', async () => {
    await cloud.insert('setup', [{ _id: 'bootstrap', rootUnionId: 'u-halfway', staffId: 'st-halfway', openid: 'first-admin', at: new Date() }])
    expect(await cloud.call('staff', 'bootstrap', { secret: secret(), ...FIRST }, { as: 'someone-else' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    const made = expectOk(await cloud.call('staff', 'bootstrap', { secret: secret(), ...FIRST }, { as: 'first-admin' }))
    expect(made).toEqual({ unionId: 'u-halfway', unionName: '示范市总工会', staffId: 'st-halfway' })
    expect(await cloud.collection('staff')).toEqual([expect.objectContaining({ _id: 'st-halfway', role: 'admin', unionId: 'u-halfway' })])
  })
})

describe('staff.bootstrap where it cannot run', () => {
  it('is refused on a cloud that already has an admin (the seeded demo)', async () => {
    const seeded = await startLocalCloud()
    try {
      const secret = seeded.cloud.secrets.functions.UNIONHUB_SETUP_SECRET!
      const result = await seeded.call('staff', 'bootstrap', { secret, ...FIRST }, { as: 'newcomer' })
      expect(result).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
      expect(await seeded.collection('setup')).toEqual([])
    } finally {
      await seeded.close()
    }
  })

  it('is refused with a clear message when the deployment set no secret', async () => {
    const secrets = testSecrets()
    delete secrets.functions.UNIONHUB_SETUP_SECRET
    const unset = await startLocalCloud({ seed: false, secrets })
    try {
      const result = await unset.call('staff', 'bootstrap', { secret: 'anything-at-all-long-enough', ...FIRST }, { as: 'first-admin' })
      expect(result).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('UNIONHUB_SETUP_SECRET') } })
      expect(await unset.collection('unions')).toEqual([])
    } finally {
      await unset.close()
    }
  })
})
