import { distanceMetres, isOpenAt, NEARBY_CANDIDATES, STALE_AFTER_DAYS } from '@shared/rules/places'
import { seedPlaces } from '../../emulator/seed'
import { expectOk, localCloudForTests } from './harness'
import { closedAroundNow, COURIER_STAFF, JIANGNAN, ON_JIANGNAN, openAroundNow, RIDER, storedPlace } from './places-fixtures'

/** The seed's active places, as the tests' reference. */
const SEEDED = seedPlaces(new Date()).filter((place) => place.status === 'active')
const at = (place: (typeof SEEDED)[number]) => ({ longitude: place.location.coordinates[0], latitude: place.location.coordinates[1] })

describe('places for workers: nearby, districts, get', () => {
  const cloud = localCloudForTests()

  it('lists the active places within the radius, nearest first, with their distance', async () => {
    const found = expectOk(await cloud.call('places', 'nearby', { location: ON_JIANGNAN, radius: 3000 }, { as: RIDER }))
    const expected = SEEDED.map((place) => ({ id: place._id, metres: distanceMetres(ON_JIANGNAN, at(place)) }))
      .filter((place) => place.metres <= 3000)
      .sort((a, b) => a.metres - b.metres)
    expect(found.items.map((item) => item.placeId)).toEqual(expected.map((place) => place.id))
    expect(found.total).toBe(expected.length)
    expect(found.truncated).toBe(false)
    found.items.forEach((item, i) => expect(item.distance).toBe(Math.round(expected[i]!.metres)))
    // The retired 文晖路 station is never listed.
    expect(found.items.some((item) => item.status !== 'active')).toBe(false)
    const first = found.items[0]!
    expect(first).toMatchObject({
      placeId: JIANGNAN.placeId,
      name: '江南大道快递员爱心驿站',
      type: 'outdoor_station',
      unionName: '示范市快递行业工会联合会',
      district: '滨江区',
      openNow: true,
      todayHours: '24 小时开放',
      stale: false,
      rating: { average: 4.7, count: 3 },
      coverUrl: null,
    })
    expect(first.verifiedDaysAgo).toBe(3)
    expect(first.location).toEqual({ longitude: JIANGNAN.longitude, latitude: JIANGNAN.latitude })
  })

  it('filters by type and by every facility asked for, and pages', async () => {
    const everywhere = { location: ON_JIANGNAN, radius: 50_000 }
    const stations = expectOk(await cloud.call('places', 'nearby', { ...everywhere, types: ['drivers_home', 'repair_point'], pageSize: 50 }, { as: RIDER }))
    const expectedTypes = SEEDED.filter((place) => ['drivers_home', 'repair_point'].includes(place.type))
    expect(stations.total).toBe(expectedTypes.length)
    expect(new Set(stations.items.map((item) => item.type))).toEqual(new Set(['drivers_home', 'repair_point']))

    const withBoth = expectOk(await cloud.call('places', 'nearby', { ...everywhere, facilities: ['water', 'rain_gear'], pageSize: 50 }, { as: RIDER }))
    const expectedBoth = SEEDED.filter((place) => place.facilities.includes('water') && place.facilities.includes('rain_gear'))
    expect(withBoth.items.map((item) => item.placeId).sort()).toEqual(expectedBoth.map((place) => place._id).sort())

    const all = expectOk(await cloud.call('places', 'nearby', { ...everywhere, pageSize: 50 }, { as: RIDER }))
    const page2 = expectOk(await cloud.call('places', 'nearby', { ...everywhere, page: 2, pageSize: 15 }, { as: RIDER }))
    expect(page2).toMatchObject({ page: 2, pageSize: 15, total: SEEDED.length })
    expect(page2.items.map((item) => item.placeId)).toEqual(all.items.slice(15, 30).map((item) => item.placeId))
  })

  it('营业中 keeps only places open at this moment (China time)', async () => {
    await cloud.insert('places', [
      storedPlace({ _id: 'pl-t-open', longitude: 120.2091, latitude: 30.2096, hours: openAroundNow(), district: '测试区' }),
      storedPlace({ _id: 'pl-t-closed', longitude: 120.2092, latitude: 30.2096, hours: closedAroundNow(), district: '测试区' }),
    ])
    const open = expectOk(await cloud.call('places', 'nearby', { location: ON_JIANGNAN, radius: 2000, openNow: true, pageSize: 50 }, { as: RIDER }))
    const ids = open.items.map((item) => item.placeId)
    expect(ids).toContain('pl-t-open')
    expect(ids).not.toContain('pl-t-closed')
    expect(open.items.every((item) => item.openNow)).toBe(true)
    const now = new Date()
    const expected = SEEDED.filter((place) => distanceMetres(ON_JIANGNAN, at(place)) <= 2000 && isOpenAt(place.hours, now)).length + 1
    expect(open.total).toBe(expected)
  })

  it('lists a district by name for people who keep their location to themselves, with the districts to pick from', async () => {
    const { districts } = expectOk(await cloud.call('places', 'districts', {}, { as: RIDER }))
    const counts = new Map<string, number>()
    for (const place of SEEDED) counts.set(place.district, (counts.get(place.district) ?? 0) + 1)
    expect(Object.fromEntries(districts.map((d) => [d.district, d.count]))).toMatchObject(Object.fromEntries(counts))
    const xihu = expectOk(await cloud.call('places', 'nearby', { district: '西湖区', pageSize: 50 }, { as: RIDER }))
    const expected = SEEDED.filter((place) => place.district === '西湖区').map((place) => place.name).sort((a, b) => a.localeCompare(b, 'zh-Hans-CN'))
    expect(xihu.items.map((item) => item.name)).toEqual(expected)
    expect(xihu.items.every((item) => item.distance === null)).toBe(true)
  })

  it('shows at most the nearest 200 and says so', async () => {
    await cloud.insert(
      'places',
      Array.from({ length: NEARBY_CANDIDATES + 20 }, (_v, i) => storedPlace({ _id: `pl-crowd-${i}`, longitude: 116.4 + (i % 20) * 0.001, latitude: 39.9 + Math.floor(i / 20) * 0.001, district: '东城区' })),
    )
    const crowded = expectOk(await cloud.call('places', 'nearby', { location: { longitude: 116.41, latitude: 39.905 }, radius: 5000 }, { as: RIDER }))
    expect(crowded).toMatchObject({ total: NEARBY_CANDIDATES, truncated: true })
  })

  it('a place shows its hours, phone, 核实于 N 天前 inputs, verifier and recent ratings', async () => {
    const detail = expectOk(await cloud.call('places', 'get', { placeId: JIANGNAN.placeId, location: ON_JIANGNAN }, { as: RIDER }))
    expect(detail).toMatchObject({
      placeId: JIANGNAN.placeId,
      hours: { always: true },
      phone: '0571-86690188',
      verifiedDaysAgo: 3,
      verifiedBy: { name: '李干事', unionName: '示范市快递行业工会联合会' },
      canManage: false,
      myRatingToday: null,
      photos: [],
      retiredReason: null,
    })
    expect(detail.distance).toBe(Math.round(distanceMetres(ON_JIANGNAN, JIANGNAN)))
    // Newest first, only those with a comment.
    expect(detail.recentRatings.map((r) => r.comment)).toEqual(['晚上也开着，下雨天可以进来避雨', '水和充电都有，夏天有空调，很方便'])
    const verifiedAt = new Date(detail.verifiedAt)
    expect(Math.round((Date.now() - verifiedAt.getTime()) / 86_400_000)).toBeGreaterThanOrEqual(2)

    const stale = expectOk(await cloud.call('places', 'get', { placeId: 'pl-yh-cangqian' }, { as: RIDER }))
    expect(stale.verifiedDaysAgo).toBeGreaterThan(STALE_AFTER_DAYS)
    expect(stale).toMatchObject({ stale: true, distance: null })
    const nightOnly = expectOk(await cloud.call('places', 'get', { placeId: 'pl-gs-shixiang-drivers' }, { as: RIDER }))
    expect(nightOnly.todayHours).toBe('今日 18:00–次日08:00')
    expect(expectOk(await cloud.call('places', 'get', { placeId: JIANGNAN.placeId }, { as: COURIER_STAFF })).canManage).toBe(true)
  })

  it('a retired place is hidden from workers but shown to its staff', async () => {
    expect(await cloud.call('places', 'get', { placeId: 'pl-gs-wenhui-retired' }, { as: RIDER })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await cloud.call('places', 'get', { placeId: 'no-such-place' }, { as: RIDER })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    const forStaff = expectOk(await cloud.call('places', 'get', { placeId: 'pl-gs-wenhui-retired' }, { as: COURIER_STAFF }))
    expect(forStaff).toMatchObject({ status: 'retired', retiredReason: '所在银行网点已撤并，驿站迁至米市巷街道服务站', canManage: true })
  })

  it('asks for a position or a district, names the bad field in Chinese, and refuses the signed-out', async () => {
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{}, 'location', /请允许使用您的位置，或选择一个区县/],
      [{ location: { longitude: 2.35, latitude: 48.85 } }, 'location.longitude', /不在中国境内/],
      [{ location: { longitude: '120.2', latitude: 30.2 } }, 'location.longitude', /经度必须是数字/],
      [{ location: ON_JIANGNAN, radius: 100_000 }, 'radius', /搜索范围不能大于 50000/],
      [{ location: ON_JIANGNAN, types: ['casino'] }, 'types.0', /服务点类型不在可选范围内/],
      [{ location: ON_JIANGNAN, facilities: ['water', 'water'] }, 'facilities', /设施有重复的选项/],
      [{ location: ON_JIANGNAN, openNow: 'yes' }, 'openNow', /只看营业中/],
    ]
    for (const [input, path, message] of cases) {
      const result = await cloud.send('places', { action: 'nearby', input }, { as: RIDER })
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: expect.arrayContaining([expect.objectContaining({ path, message: expect.stringMatching(message) })]) } })
    }
    expect(await cloud.call('places', 'nearby', { location: ON_JIANGNAN }, { as: null })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    expect(await cloud.call('places', 'get', { placeId: JIANGNAN.placeId }, { as: null })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    expect(await cloud.call('places', 'districts', {}, { as: null })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
  })
})
