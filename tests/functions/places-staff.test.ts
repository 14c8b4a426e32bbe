import type { ActionInput } from '@shared/contract'
import { expectOk, localCloudForTests, ownUploadPath } from './harness'
import { addStaff, BINJIANG_STAFF, CITY_ADMIN, COURIER_STAFF, DELIVERY_STAFF, JIANGNAN, placeInput, requestId, RIDER, upload } from './places-fixtures'

type Stored = Record<string, unknown>
type SaveInput = ActionInput<'places', 'save'>

describe('places for staff: save, verify, retire, manageList', () => {
  const cloud = localCloudForTests({ prepare: addStaff, freshEachTest: true })
  const stored = async (id: string) => (await cloud.collection<Stored>('places')).find((doc) => doc._id === id)
  const auditOf = async (action: string) => (await cloud.collection<Stored>('auditLog')).filter((entry) => entry.action === action)

  it('creates a place, verified by its creator, on the map at once; the audit log has it', async () => {
    const photo = await upload(cloud, COURIER_STAFF, 'place-photos')
    const created = expectOk(await cloud.call('places', 'save', placeInput({ photos: [photo] }), { as: COURIER_STAFF, requestId: requestId() }))
    expect(created).toMatchObject({
      name: '滨盛路快递员爱心驿站',
      unionId: 'u-courier',
      status: 'active',
      verifiedDaysAgo: 0,
      verifiedBy: { name: '李干事', unionName: '示范市快递行业工会联合会' },
      rating: { average: null, count: 0 },
      canManage: true,
      phone: '0571-86691509',
      photos: [{ fileId: expect.stringMatching(/\/place-photos\/kept\//), url: expect.stringMatching(/^http/) }],
    })
    expect(created.coverUrl).toMatch(/^http/)
    expect(await stored(created.placeId)).toMatchObject({
      location: { type: 'Point', coordinates: [120.2032, 30.2101] },
      verifiedBy: { openid: COURIER_STAFF, name: '李干事', unionId: 'u-courier' },
      createdBy: COURIER_STAFF,
    })
    const near = expectOk(await cloud.call('places', 'nearby', { location: { longitude: 120.2031, latitude: 30.2102 }, radius: 200 }, { as: RIDER }))
    expect(near.items.map((item) => item.placeId)).toEqual([created.placeId])
    expect(await auditOf('places.save.create')).toEqual([expect.objectContaining({ actorOpenid: COURIER_STAFF, unionId: 'u-courier', targetId: created.placeId })])
  })

  it('edits a place: hours switch from weekly to 24 小时 whole, the location moves in the index, verification stays', async () => {
    const created = expectOk(await cloud.call('places', 'save', placeInput(), { as: COURIER_STAFF }))
    const edited = expectOk(
      await cloud.call('places', 'save', placeInput({ placeId: created.placeId, hours: { always: true }, location: { longitude: 120.25, latitude: 30.22 }, phone: null, facilities: ['water'] }), { as: COURIER_STAFF }),
    )
    expect(edited).toMatchObject({ hours: { always: true }, todayHours: '24 小时开放', openNow: true, phone: null, facilities: ['water'], verifiedAt: created.verifiedAt })
    expect((await stored(created.placeId))!.hours).toEqual({ always: true })
    const atOld = expectOk(await cloud.call('places', 'nearby', { location: { longitude: 120.2032, latitude: 30.2101 }, radius: 100 }, { as: RIDER }))
    expect(atOld.items.map((item) => item.placeId)).not.toContain(created.placeId)
    const atNew = expectOk(await cloud.call('places', 'nearby', { location: { longitude: 120.25, latitude: 30.22 }, radius: 100 }, { as: RIDER }))
    expect(atNew.items.map((item) => item.placeId)).toEqual([created.placeId])
    expect(await auditOf('places.save.edit')).toHaveLength(1)
  })

  it("keeps a place's photos on an edit, takes another's only if it is the editor's own upload, and deletes the ones taken off", async () => {
    const created = expectOk(await cloud.call('places', 'save', placeInput({ photos: [await upload(cloud, COURIER_STAFF, 'place-photos')] }), { as: COURIER_STAFF }))
    const kept = created.photos[0]!.fileId
    const added = await upload(cloud, COURIER_STAFF, 'place-photos')
    const edited = expectOk(await cloud.call('places', 'save', placeInput({ placeId: created.placeId, photos: [added, kept] }), { as: COURIER_STAFF }))
    expect(edited.photos.map((photo) => photo.fileId)).toEqual([expect.stringMatching(/\/place-photos\/kept\//), kept])
    expect(edited.photos[0]!.fileId).not.toBe(added)
    const storage = cloud.cloud.gateway.storage
    const pathOf = (fileId: string) => storage.cloudPathOf(fileId)!
    // The upload itself (with whatever metadata it had) is gone once the place holds its copy.
    expect(storage.exists(pathOf(added))).toBe(false)

    // A photo taken off the place is deleted with the edit, not left in storage for ever.
    const trimmed = expectOk(await cloud.call('places', 'save', placeInput({ placeId: created.placeId, photos: [edited.photos[0]!.fileId] }), { as: COURIER_STAFF }))
    expect(trimmed.photos.map((photo) => photo.fileId)).toEqual([edited.photos[0]!.fileId])
    expect(storage.exists(pathOf(kept))).toBe(false)
    expect(storage.exists(pathOf(edited.photos[0]!.fileId))).toBe(true)

    // A refused new photo is named by its place in what was sent, the kept ones counted too.
    const foreign = await upload(cloud, CITY_ADMIN, 'place-photos')
    const refused = await cloud.call('places', 'save', placeInput({ placeId: created.placeId, photos: [edited.photos[0]!.fileId, foreign] }), { as: COURIER_STAFF })
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [{ path: 'photos.1', message: expect.stringMatching(/^第 2 张图片不是你在本页上传的/) }] } })
  })

  it('a worker, or staff of another union, may not create or edit; moving a place needs both unions', async () => {
    expect(await cloud.call('places', 'save', placeInput(), { as: RIDER })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '此功能仅限工会工作人员使用' } })
    expect(await cloud.call('places', 'save', placeInput(), { as: DELIVERY_STAFF })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    const seeded = expectOk(await cloud.call('places', 'get', { placeId: JIANGNAN.placeId }, { as: COURIER_STAFF }))
    const asInput: SaveInput = placeInput({ placeId: JIANGNAN.placeId, name: '被改掉的名字' })
    // Staff of u-delivery claim the courier station for their own union: they do not serve u-courier.
    expect(await cloud.call('places', 'save', { ...asInput, unionId: 'u-delivery' }, { as: DELIVERY_STAFF })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    // Courier staff cannot hand it to a union they do not serve.
    expect(await cloud.call('places', 'save', { ...asInput, unionId: 'u-delivery' }, { as: COURIER_STAFF })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect((await stored(JIANGNAN.placeId))!.name).toBe(seeded.name)
    // The city admin serves both.
    expect(expectOk(await cloud.call('places', 'save', { ...asInput, unionId: 'u-delivery' }, { as: CITY_ADMIN })).unionId).toBe('u-delivery')
    expect((await cloud.collection<Stored>('places')).filter((doc) => doc.name === '滨盛路快递员爱心驿站')).toEqual([])
  })

  it('a double tap with one requestId creates one place', async () => {
    const id = requestId()
    const [a, b] = await Promise.all([cloud.call('places', 'save', placeInput(), { as: COURIER_STAFF, requestId: id }), cloud.call('places', 'save', placeInput(), { as: COURIER_STAFF, requestId: id })])
    const answered = [a, b].filter((r) => r.ok)
    expect(answered.length).toBeGreaterThanOrEqual(1)
    // The second either waits for the first's answer or is told it is still running.
    for (const r of [a, b]) if (!r.ok) expect(r.error.code).toBe('CONFLICT')
    const again = await cloud.call('places', 'save', placeInput(), { as: COURIER_STAFF, requestId: id })
    expect(again).toEqual(answered[0])
    expect((await cloud.collection<Stored>('places')).filter((doc) => doc.name === '滨盛路快递员爱心驿站')).toHaveLength(1)
  })

  it('bad input names the field in Chinese and stores nothing', async () => {
    const before = (await cloud.collection('places')).length
    const day = [{ open: '08:00', close: '12:00' }]
    const cases: Array<[Partial<SaveInput> & Record<string, unknown>, string, RegExp, string?]> = [
      [{ name: '驿' }, 'name', /服务点名称至少 2 个字/],
      [{ type: 'bar' as never }, 'type', /服务点类型不在可选范围内/],
      [{ location: { longitude: 139.69, latitude: 35.68 } }, 'location.longitude', /不在中国境内/],
      [{ hours: { always: false, weekly: { mon: [{ open: '8点', close: '20:00' }] } } as never }, 'hours.weekly.mon.0.open', /开门时间格式不正确/],
      [{ hours: { always: false, weekly: { mon: [...day, { open: '11:00', close: '14:00' }] } } as never }, 'hours.weekly.mon.1.open', /周一的开放时段有重叠/],
      [{ hours: { always: false, weekly: {} } as never }, 'hours.weekly', /请至少填写一天的开放时间/],
      [{ hours: undefined as never }, 'hours', /请填写开放时间/],
      [{ phone: '电话' }, 'phone', /服务电话格式不正确/],
      [{ facilities: ['water', 'spa'] as never }, 'facilities.1', /设施不在可选范围内/],
      [{ photos: ['cloud://unionhub-local.bucket/activity-covers/x.png'] }, 'photos.0', /照片请通过本页上传/],
      [{ photos: [cloud.cloud.gateway.storage.fileIdOf(ownUploadPath(COURIER_STAFF, 'place-photos'))] }, 'photos.0', /未上传成功或已失效/],
      [{ photos: [await upload(cloud, CITY_ADMIN, 'place-photos')] }, 'photos.0', /不是你在本页上传的/],
      [{ description: '可以办假证' }, 'description', /服务说明中有不适合提交的内容/, 'CONTENT_REJECTED'],
    ]
    for (const [overrides, path, message, code = 'INVALID_INPUT'] of cases) {
      const result = await cloud.send('places', { action: 'save', input: { ...placeInput(), ...overrides }, requestId: requestId() }, { as: COURIER_STAFF })
      expect(result).toMatchObject({ ok: false, error: { code, fields: expect.arrayContaining([expect.objectContaining({ path, message: expect.stringMatching(message) })]) } })
    }
    expect(await cloud.collection('places')).toHaveLength(before)
    expect(await auditOf('places.save.create')).toEqual([])
  })

  it('verify starts 核实于 again from today; retire takes the place off the map; both are audited and scope-checked', async () => {
    const stale = expectOk(await cloud.call('places', 'get', { placeId: 'pl-yh-cangqian' }, { as: CITY_ADMIN }))
    expect(stale.stale).toBe(true)
    expect(await cloud.call('places', 'verify', { placeId: 'pl-yh-cangqian' }, { as: COURIER_STAFF })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    const verified = expectOk(await cloud.call('places', 'verify', { placeId: 'pl-yh-cangqian' }, { as: CITY_ADMIN, requestId: requestId() }))
    expect(verified).toMatchObject({ stale: false, verifiedDaysAgo: 0, verifiedBy: { name: '王主席', unionName: '示范市总工会' } })
    expect(await auditOf('places.verify')).toEqual([expect.objectContaining({ actorOpenid: CITY_ADMIN, targetId: 'pl-yh-cangqian' })])

    expect(await cloud.call('places', 'retire', { placeId: JIANGNAN.placeId, reason: '银行网点装修' }, { as: BINJIANG_STAFF })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await cloud.call('places', 'retire', { placeId: JIANGNAN.placeId, reason: '停' }, { as: COURIER_STAFF })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [{ path: 'reason', message: '停用原因至少 2 个字' }] } })
    const retired = expectOk(await cloud.call('places', 'retire', { placeId: JIANGNAN.placeId, reason: '银行网点装修，驿站暂停三个月' }, { as: COURIER_STAFF, requestId: requestId() }))
    expect(retired).toMatchObject({ status: 'retired', retiredReason: '银行网点装修，驿站暂停三个月' })
    expect(await cloud.call('places', 'retire', { placeId: JIANGNAN.placeId, reason: '再停一次' }, { as: COURIER_STAFF })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(await cloud.call('places', 'verify', { placeId: JIANGNAN.placeId }, { as: COURIER_STAFF })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    const near = expectOk(await cloud.call('places', 'nearby', { location: { longitude: JIANGNAN.longitude, latitude: JIANGNAN.latitude }, radius: 300 }, { as: RIDER }))
    expect(near.items.map((item) => item.placeId)).not.toContain(JIANGNAN.placeId)
    expect(await auditOf('places.retire')).toEqual([expect.objectContaining({ actorOpenid: COURIER_STAFF, targetId: JIANGNAN.placeId, detail: { reason: '银行网点装修，驿站暂停三个月' } })])
  })

  it('verify and retire: a retry with the same requestId answers the first result; workers are refused', async () => {
    const placeId = 'pl-bj-wulianwang'
    expect(await cloud.call('places', 'verify', { placeId }, { as: RIDER })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await cloud.call('places', 'retire', { placeId, reason: '驿站关了' }, { as: RIDER })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    const verifyId = requestId()
    const verified = await cloud.call('places', 'verify', { placeId }, { as: COURIER_STAFF, requestId: verifyId })
    expect(verified.ok).toBe(true)
    expect(await cloud.call('places', 'verify', { placeId }, { as: COURIER_STAFF, requestId: verifyId })).toEqual(verified)
    const retireId = requestId()
    const retired = await cloud.call('places', 'retire', { placeId, reason: '便利店停业' }, { as: COURIER_STAFF, requestId: retireId })
    expect(retired.ok).toBe(true)
    expect(await cloud.call('places', 'retire', { placeId, reason: '便利店停业' }, { as: COURIER_STAFF, requestId: retireId })).toEqual(retired)
    expect(await auditOf('places.verify')).toHaveLength(1)
    expect(await auditOf('places.retire')).toHaveLength(1)
  })

  it('manageList shows the places of the unions the caller serves, least recently verified first', async () => {
    const courier = expectOk(await cloud.call('places', 'manageList', { pageSize: 50 }, { as: COURIER_STAFF }))
    expect(courier.items.length).toBeGreaterThan(5)
    expect(new Set(courier.items.map((item) => item.unionId))).toEqual(new Set(['u-courier']))
    const days = courier.items.map((item) => item.verifiedDaysAgo)
    expect(days).toEqual([...days].sort((a, b) => b - a))
    expect(expectOk(await cloud.call('places', 'manageList', { status: 'retired' }, { as: COURIER_STAFF })).items.map((item) => item.placeId)).toEqual(['pl-gs-wenhui-retired'])
    const admin = expectOk(await cloud.call('places', 'manageList', { pageSize: 50 }, { as: CITY_ADMIN }))
    expect(admin.total).toBe(40)
    expect(admin.items[0]!.placeId).toBe('pl-yh-cangqian')
    expect(await cloud.call('places', 'manageList', { unionId: 'u-delivery' }, { as: COURIER_STAFF })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await cloud.call('places', 'manageList', {}, { as: RIDER })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })
})
