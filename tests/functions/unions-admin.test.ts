import type { ActionInput } from '@shared/contract'
import { expectOk, localCloudForTests, type LocalCloud } from './harness'
import { addSectorAdmins, COURIER_ADMIN, COURIER_STAFF, DELIVERY_ADMIN, ROOT_ADMIN, snapshot } from './staff-fixtures'

type CreateInput = ActionInput<'unions', 'create'>

const enterprise = (overrides: Partial<CreateInput> = {}): CreateInput => ({
  parentId: 'u-courier',
  name: '示范速运有限公司工会',
  kind: 'enterprise',
  district: '滨江区',
  contactPhone: '0571 87654321',
  address: '示范市滨江区网商路 1 号',
  ...overrides,
})

/** Walks up from each union: every walk must reach the root without meeting a union twice. */
async function expectNoCycle(cloud: LocalCloud): Promise<void> {
  const all = await cloud.collection<{ _id: string; parentId: string | null }>('unions')
  const parentOf = new Map(all.map((union) => [union._id, union.parentId]))
  for (const union of all) {
    const seen = new Set<string>()
    let at: string | null = union._id
    while (at) {
      expect(seen.has(at)).toBe(false)
      seen.add(at)
      at = parentOf.get(at) ?? null
    }
  }
}

describe('unions: the tree as admins keep it', () => {
  const cloud = localCloudForTests({ freshEachTest: true, prepare: addSectorAdmins })

  describe('tree', () => {
    it('shows an admin their union and, level by level, everything below it', async () => {
      const top = expectOk(await cloud.call('unions', 'tree', {}, { as: ROOT_ADMIN }))
      expect(top).toMatchObject({ parent: null, path: [], total: 1 })
      expect(top.items).toEqual([expect.objectContaining({ unionId: 'u-city', kind: 'federation', childCount: 7, canManage: true, takesMembers: false })])
      const city = expectOk(await cloud.call('unions', 'tree', { parentId: 'u-city', pageSize: 50 }, { as: ROOT_ADMIN }))
      expect(city.total).toBe(7)
      expect(city.parent).toMatchObject({ unionId: 'u-city', contactPhone: '0571-86012351' })
      expect(city.items.find((item) => item.unionId === 'u-courier')).toMatchObject({ sector: 'courier', platforms: expect.arrayContaining(['顺丰']), canManage: true })
      const gongshu = expectOk(await cloud.call('unions', 'tree', { parentId: 'u-gongshu' }, { as: ROOT_ADMIN }))
      expect(gongshu.path.map((step) => step.name)).toEqual(['示范市总工会', '拱墅区米市巷街道工会联合会'])
      expect(gongshu.items).toEqual([expect.objectContaining({ unionId: 'u-retired', status: 'retired' })])
    })

    it('starts a sector admin at their own union, and a plain staff member at theirs with nothing below', async () => {
      const courier = expectOk(await cloud.call('unions', 'tree', {}, { as: COURIER_ADMIN }))
      expect(courier.items.map((item) => item.unionId)).toEqual(['u-courier'])
      const staffTop = expectOk(await cloud.call('unions', 'tree', {}, { as: COURIER_STAFF }))
      expect(staffTop.items).toEqual([expect.objectContaining({ unionId: 'u-courier', canManage: false })])
      expect(expectOk(await cloud.call('unions', 'tree', { parentId: 'u-courier' }, { as: COURIER_STAFF })).items).toEqual([])
    })

    it.each([
      [COURIER_ADMIN, 'u-city'],
      [COURIER_ADMIN, 'u-delivery'],
      [COURIER_STAFF, 'u-binjiang'],
    ])('refuses %s a union outside what they serve (%s)', async (who, parentId) => {
      expect(await cloud.call('unions', 'tree', { parentId }, { as: who })).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: '只能查看你所服务的工会' } })
    })
  })

  describe('create', () => {
    it('adds a union below one the admin administers, with its own join code, and audits it', async () => {
      const made = expectOk(await cloud.call('unions', 'create', enterprise(), { as: COURIER_ADMIN }))
      expect(made).toMatchObject({ parentId: 'u-courier', kind: 'enterprise', status: 'active', takesMembers: true, contactPhone: '0571-87654321', childCount: 0, canManage: true })
      expect(made.scene).toMatch(/^j\.[a-z0-9]{12}$/)
      const stored = (await cloud.collection<Record<string, unknown>>('unions')).find((union) => union._id === made.unionId)
      expect(stored).toMatchObject({ city: '示范市', sector: null })
      // Its code works at once.
      expect(expectOk(await cloud.call('unions', 'resolveScene', { scene: made.scene })).union).toMatchObject({ unionId: made.unionId, acceptsMembers: true })
      const entry = (await cloud.collection<Record<string, unknown>>('auditLog')).find((logged) => logged.action === 'unions.create')
      expect(entry).toMatchObject({ actorOpenid: COURIER_ADMIN, unionId: made.unionId, before: null, after: expect.objectContaining({ name: '示范速运有限公司工会', parent: '示范市快递行业工会联合会', contactPhone: '057******4321' }) })
    })

    it('routes gig workers by the platforms an admin sets, and stops when it takes no members', async () => {
      const sector = expectOk(
        await cloud.call(
          'unions',
          'create',
          { parentId: 'u-city', name: '示范市即时配送行业工会联合会', kind: 'sector', sector: 'food_delivery', platforms: ['闪送', 'UU跑腿'] },
          { as: ROOT_ADMIN },
        ),
      )
      const routed = async () =>
        expectOk(await cloud.call('unions', 'route', { employmentType: 'platform', platform: '闪送', district: '西湖区' })).options.map((option) => option.union.unionId)
      expect(await routed()).toEqual([sector.unionId, 'u-xihu'])
      expect(expectOk(await cloud.call('unions', 'routeChoices', {})).platforms).toEqual(expect.arrayContaining(['闪送', 'UU跑腿']))

      expectOk(await cloud.call('unions', 'update', { unionId: sector.unionId, platforms: ['UU跑腿'] }, { as: ROOT_ADMIN }))
      expect(await routed()).toEqual(['u-xihu'])
      expectOk(await cloud.call('unions', 'update', { unionId: sector.unionId, platforms: ['闪送'], takesMembers: false }, { as: ROOT_ADMIN }))
      expect(await routed()).toEqual(['u-xihu'])
      expect(expectOk(await cloud.call('unions', 'resolveScene', { scene: sector.scene })).union.refusal).toContain('暂不接收入会申请')
    })

    it('names fields that do not fit together, and stores nothing', async () => {
      const before = await snapshot(cloud)
      expect(await cloud.call('unions', 'create', { parentId: 'u-city', name: '示范市网约配送工会联合会', kind: 'sector' }, { as: ROOT_ADMIN })).toEqual({
        ok: false,
        error: {
          code: 'INVALID_INPUT',
          message: '行业工会联合会请选择所属行业',
          fields: [
            { path: 'sector', message: '行业工会联合会请选择所属行业' },
            { path: 'platforms', message: '行业工会联合会请至少填写一个服务的平台，新就业形态劳动者按平台找到本会' },
          ],
        },
      })
      const phone = await cloud.call('unions', 'create', enterprise({ contactPhone: '12345' }), { as: ROOT_ADMIN })
      expect(phone).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [{ path: 'contactPhone', message: '联系电话应为手机号或带区号的座机号，如 0571-87654321' }] } })
      expect(await cloud.call('unions', 'create', enterprise({ name: '示范物流集团有限公司工会', parentId: 'u-xihu' }), { as: ROOT_ADMIN })).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT', fields: [{ path: 'name', message: '同一上级下已有同名工会' }] },
      })
      expect(await cloud.call('unions', 'create', enterprise({ parentId: 'u-retired' }), { as: ROOT_ADMIN })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
      expect(await snapshot(cloud)).toEqual(before)
    })
  })

  describe('update and move', () => {
    it('changes what is set and audits each value before and after', async () => {
      const updated = expectOk(await cloud.call('unions', 'update', { unionId: 'u-courier', name: '示范市快递物流行业工会联合会', address: '示范市滨江区 2 号' }, { as: COURIER_ADMIN }))
      expect(updated).toMatchObject({ name: '示范市快递物流行业工会联合会', address: '示范市滨江区 2 号', sector: 'courier' })
      const entry = (await cloud.collection<Record<string, unknown>>('auditLog')).find((logged) => logged.action === 'unions.update')
      expect(entry).toMatchObject({
        unionId: 'u-courier',
        before: { name: '示范市快递行业工会联合会', address: null },
        after: { name: '示范市快递物流行业工会联合会', address: '示范市滨江区 2 号' },
      })
    })

    it('moves a union inside the admin’s tree, never into its own branch or out of the tree', async () => {
      const moved = expectOk(await cloud.call('unions', 'update', { unionId: 'u-ent-textile', parentId: 'u-xihu' }, { as: ROOT_ADMIN }))
      expect(moved.parentId).toBe('u-xihu')
      expect((await cloud.collection<Record<string, unknown>>('auditLog')).find((logged) => logged.action === 'unions.move')).toMatchObject({
        before: { parent: '滨江区长河街道工会联合会' },
        after: { parent: '西湖区西溪街道工会联合会' },
      })
      const before = await snapshot(cloud)
      expect(await cloud.call('unions', 'update', { unionId: 'u-xihu', parentId: 'u-ent-textile' }, { as: ROOT_ADMIN })).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT', fields: [{ path: 'parentId', message: '不能移到自己或自己的下级工会下面' }] },
      })
      expect(await cloud.call('unions', 'update', { unionId: 'u-xihu', parentId: 'u-xihu' }, { as: ROOT_ADMIN })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
      expect(await cloud.call('unions', 'update', { unionId: 'u-city', parentId: 'u-xihu' }, { as: ROOT_ADMIN })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '根工会没有上级，不能移动' } })
      // The courier admin may not move a union of theirs out to a sibling, nor their own union anywhere.
      const child = expectOk(await cloud.call('unions', 'create', enterprise(), { as: COURIER_ADMIN }))
      const afterCreate = await snapshot(cloud)
      expect(await cloud.call('unions', 'update', { unionId: child.unionId, parentId: 'u-delivery' }, { as: COURIER_ADMIN })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      expect(await cloud.call('unions', 'update', { unionId: 'u-courier', parentId: child.unionId }, { as: COURIER_ADMIN })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
      expect(await snapshot(cloud)).toEqual(afterCreate)
      expect(before.unions).toHaveLength(afterCreate.unions!.length - 1)
    })

    it('never leaves a cycle when two moves race (A under B while B goes under A)', async () => {
      for (let round = 0; round < 3; round += 1) {
        const [first, second] = await Promise.all([
          cloud.call('unions', 'update', { unionId: 'u-binjiang', parentId: 'u-xihu' }, { as: ROOT_ADMIN }),
          cloud.call('unions', 'update', { unionId: 'u-xihu', parentId: 'u-binjiang' }, { as: ROOT_ADMIN }),
        ])
        expect([first.ok, second.ok].filter(Boolean).length).toBeLessThanOrEqual(1)
        await expectNoCycle(cloud)
        // Back to where they were for the next round.
        for (const unionId of ['u-binjiang', 'u-xihu']) await cloud.call('unions', 'update', { unionId, parentId: 'u-city' }, { as: ROOT_ADMIN })
      }
    })
  })

  describe('retire', () => {
    it('keeps members, cases and history; the join code then says it takes no one', async () => {
      const [member] = (await cloud.collection<{ openid: string; unionId: string; status: string }>('members')).filter((m) => m.unionId === 'u-courier')
      expect(member).toBeDefined()
      const retired = expectOk(await cloud.call('unions', 'retire', { unionId: 'u-courier' }, { as: ROOT_ADMIN }))
      expect(retired).toMatchObject({ status: 'retired', canManage: true })
      expect((await cloud.collection<{ openid: string; unionId: string; status: string }>('members')).find((m) => m.openid === member!.openid)).toMatchObject({
        unionId: 'u-courier',
        status: 'active',
      })
      expect(expectOk(await cloud.call('membership', 'card', {}, { as: member!.openid })).unionName).toBe('示范市快递行业工会联合会')
      const { union } = expectOk(await cloud.call('unions', 'resolveScene', { scene: 'j.courier' }))
      expect(union).toMatchObject({ acceptsMembers: false, refusal: expect.stringContaining('已撤销') })
      expect(await cloud.call('unions', 'qrcode', { unionId: 'u-courier', purpose: 'join' }, { as: COURIER_STAFF })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
      const routed = expectOk(await cloud.call('unions', 'route', { employmentType: 'platform', platform: '顺丰', district: '滨江区' }))
      expect(routed.options.map((option) => option.union.unionId)).toEqual(['u-binjiang'])
      expect((await cloud.collection<Record<string, unknown>>('auditLog')).find((logged) => logged.action === 'unions.retire')).toMatchObject({
        unionId: 'u-courier',
        before: { status: 'active' },
        after: { status: 'retired' },
        detail: { activeMembers: 1 },
      })
    })

    it('is refused while an active union remains below, for the root, and twice', async () => {
      const before = await snapshot(cloud)
      expect(await cloud.call('unions', 'retire', { unionId: 'u-binjiang' }, { as: ROOT_ADMIN })).toEqual({
        ok: false,
        error: { code: 'CONFLICT', message: '「滨江区长河街道工会联合会」下还有 1 个工会，请先撤销或移走它们' },
      })
      expect(await cloud.call('unions', 'retire', { unionId: 'u-city' }, { as: ROOT_ADMIN })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '根工会不能撤销' } })
      expect(await cloud.call('unions', 'retire', { unionId: 'u-retired' }, { as: ROOT_ADMIN })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
      expect(await snapshot(cloud)).toEqual(before)
      // A retired union below does not hold its parent back.
      expectOk(await cloud.call('unions', 'retire', { unionId: 'u-gongshu' }, { as: ROOT_ADMIN }))
    })
  })

  describe('only inside the admin’s subtree', () => {
    it.each([
      ['create below a sibling', COURIER_ADMIN, 'create', enterprise({ parentId: 'u-delivery' })],
      ['create below the union above', COURIER_ADMIN, 'create', enterprise({ parentId: 'u-city' })],
      ['update a sibling', DELIVERY_ADMIN, 'update', { unionId: 'u-courier', name: '改名' }],
      ['update the union above', COURIER_ADMIN, 'update', { unionId: 'u-city', name: '改名' }],
      ['retire a sibling', DELIVERY_ADMIN, 'retire', { unionId: 'u-courier' }],
      ['retire the union above', COURIER_ADMIN, 'retire', { unionId: 'u-city' }],
    ] as const)('refuses to %s and changes nothing', async (_what, who, action, input) => {
      const before = await snapshot(cloud)
      const result = await cloud.send('unions', { action, input }, { as: who })
      expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      expect(await snapshot(cloud)).toEqual(before)
    })

    it('refuses staff who are not admins', async () => {
      for (const action of ['create', 'update', 'retire'] as const) {
        const input = action === 'create' ? enterprise() : { unionId: 'u-courier' }
        expect(await cloud.send('unions', { action, input }, { as: COURIER_STAFF })).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: '此功能仅限工会管理员使用' } })
      }
    })
  })
})
