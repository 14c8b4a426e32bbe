import { expectOk, localCloudForTests } from './harness'

describe('unions: QR entry, routing, search and join codes on the local cloud', () => {
  const cloud = localCloudForTests()

  describe('resolveScene', () => {
    it('resolves a join code to its union, for a signed-out visitor too', async () => {
      const { union } = expectOk(await cloud.call('unions', 'resolveScene', { scene: 'j.courier' }))
      expect(union).toEqual({
        unionId: 'u-courier',
        name: '示范市快递行业工会联合会',
        kind: 'sector',
        district: null,
        parentName: '示范市总工会',
        acceptsMembers: true,
        refusal: null,
      })
    })

    it('names a retired union and says it takes no applications', async () => {
      const { union } = expectOk(await cloud.call('unions', 'resolveScene', { scene: 'j.retired' }, { as: 'demo-worker' }))
      expect(union).toMatchObject({ unionId: 'u-retired', acceptsMembers: false })
      expect(union.refusal).toContain('已撤销')
    })

    it('explains that the city federation does not take members directly', async () => {
      const { union } = expectOk(await cloud.call('unions', 'resolveScene', { scene: 'j.city' }))
      expect(union.acceptsMembers).toBe(false)
      expect(union.refusal).toContain('不直接发展会员')
    })

    it('answers an unknown or foreign code with NOT_FOUND and a way forward', async () => {
      for (const scene of ['j.nowhere', 'c.act-1']) {
        const result = await cloud.call('unions', 'resolveScene', { scene })
        expect(result).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringContaining('搜索工会名称') } })
      }
    })

    it.each([
      [{ scene: '' }, '二维码内容为空'],
      [{ scene: 'j.快递' }, '这不是工会通的二维码'],
      [{ scene: `j.${'x'.repeat(31)}` }, '这不是工会通的二维码'],
      [{ scene: { $ne: null } }, '二维码内容格式不正确'],
      [{}, '缺少二维码内容'],
    ])('refuses the malformed scene %j', async (input, message) => {
      expect(await cloud.send('unions', { action: 'resolveScene', input })).toEqual({
        ok: false,
        error: { code: 'INVALID_INPUT', message, fields: [{ path: 'scene', message }] },
      })
    })
  })

  describe('get', () => {
    it('returns one union, or NOT_FOUND', async () => {
      expect(expectOk(await cloud.call('unions', 'get', { unionId: 'u-binjiang' })).union).toMatchObject({ name: '滨江区长河街道工会联合会', district: '滨江区' })
      expect(await cloud.call('unions', 'get', { unionId: 'u-none' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
      expect(await cloud.send('unions', { action: 'get', input: { unionId: 'u city' } })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', fields: [{ path: 'unionId', message: '工会格式不正确' }] },
      })
    })
  })

  describe('routing a gig worker without a QR code', () => {
    it('offers the districts and platforms the union tree covers', async () => {
      const choices = expectOk(await cloud.call('unions', 'routeChoices', {}))
      expect([...choices.districts].sort()).toEqual(['拱墅区', '滨江区', '西湖区'].sort())
      expect(choices.platforms).toEqual(expect.arrayContaining(['美团', '饿了么', '顺丰', '京东', '滴滴', '货拉拉']))
      expect(choices.platforms.at(-1)).toBe('其他')
    })

    it('routes a 美团 rider in 滨江区 to the delivery federation and the district federation, with reasons', async () => {
      const { options } = expectOk(await cloud.call('unions', 'route', { platform: '美团', district: '滨江区' }, { as: 'demo-worker' }))
      expect(options.map((option) => option.union.unionId)).toEqual(['u-delivery', 'u-binjiang'])
      expect(options[0]!.reason).toContain('美团')
      expect(options[1]!.reason).toContain('滨江区')
    })

    it('routes 其他 to the district only, and a district without a federation to nothing', async () => {
      expect(expectOk(await cloud.call('unions', 'route', { platform: '其他', district: '西湖区' })).options.map((o) => o.union.unionId)).toEqual(['u-xihu'])
      expect(expectOk(await cloud.call('unions', 'route', { platform: '美团', district: '上城区' })).options.map((o) => o.union.unionId)).toEqual(['u-delivery'])
    })

    it('names the missing district and a wrong employment type', async () => {
      expect(await cloud.send('unions', { action: 'route', input: { platform: '美团', employmentType: 'boss' } })).toEqual({
        ok: false,
        error: {
          code: 'INVALID_INPUT',
          message: '就业类型不在可选范围内',
          fields: [
            { path: 'employmentType', message: '就业类型不在可选范围内' },
            { path: 'district', message: '请填写所在区县' },
          ],
        },
      })
    })
  })

  describe('search', () => {
    it('finds unions that take members by part of the name, paginated', async () => {
      const found = expectOk(await cloud.call('unions', 'search', { keyword: '工会联合会', page: 1, pageSize: 3 }))
      expect(found.total).toBe(7)
      expect(found.items).toHaveLength(3)
      expect(found.items.every((union) => union.acceptsMembers)).toBe(true)
    })

    it('never lists the city federation or a retired union, and treats the keyword as plain text', async () => {
      expect(expectOk(await cloud.call('unions', 'search', { keyword: '总工会' })).total).toBe(0)
      expect(expectOk(await cloud.call('unions', 'search', { keyword: '电子厂' })).total).toBe(0)
      expect(expectOk(await cloud.call('unions', 'search', { keyword: '.*' })).total).toBe(0)
    })
  })

  describe('served and qrcode (staff)', () => {
    it('lists the union a staff member serves, and the whole tree for the city admin', async () => {
      const staff = expectOk(await cloud.call('unions', 'served', {}, { as: 'demo-staff' }))
      expect(staff.items.map((union) => union.unionId)).toEqual(['u-courier'])
      expect(staff.items[0]!.scene).toBe('j.courier')
      const admin = expectOk(await cloud.call('unions', 'served', { pageSize: 50 }, { as: 'demo-admin' }))
      expect(admin.total).toBe(11)
    })

    it('refuses workers', async () => {
      expect(await cloud.call('unions', 'served', {}, { as: 'demo-worker' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      expect(await cloud.call('unions', 'qrcode', { unionId: 'u-courier', purpose: 'join' }, { as: 'demo-worker' })).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN', message: '此功能仅限工会工作人员使用' },
      })
    })

    it('renders the join code of a served union as a PNG in storage with a URL that serves it', async () => {
      const code = expectOk(await cloud.call('unions', 'qrcode', { unionId: 'u-courier', purpose: 'join' }, { as: 'demo-staff' }))
      expect(code).toMatchObject({ unionId: 'u-courier', scene: 'j.courier', page: 'subpackages/join/pages/start/index' })
      expect(code.fileID).toMatch(/^cloud:\/\//)
      const png = await fetch(code.imageUrl)
      expect(png.status).toBe(200)
      expect(Buffer.from(await png.arrayBuffer()).subarray(1, 4).toString()).toBe('PNG')
      // The same union always gets the same file.
      expect(expectOk(await cloud.call('unions', 'qrcode', { unionId: 'u-courier', purpose: 'join' }, { as: 'demo-staff' })).fileID).toBe(code.fileID)
    })

    it('refuses staff of another union, but lets the city admin act for any union below', async () => {
      expect(await cloud.call('unions', 'qrcode', { unionId: 'u-delivery', purpose: 'join' }, { as: 'demo-staff' })).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      })
      expect(expectOk(await cloud.call('unions', 'qrcode', { unionId: 'u-ent-textile', purpose: 'join' }, { as: 'demo-admin' })).scene).toBe('j.textile')
    })

    it('refuses a retired union and an unknown purpose', async () => {
      expect(await cloud.call('unions', 'qrcode', { unionId: 'u-retired', purpose: 'join' }, { as: 'demo-admin' })).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT' },
      })
      expect(await cloud.send('unions', { action: 'qrcode', input: { unionId: 'u-courier', purpose: 'checkin' } }, { as: 'demo-staff' })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', fields: [{ path: 'purpose', message: '用途不在可选范围内' }] },
      })
    })
  })
})
