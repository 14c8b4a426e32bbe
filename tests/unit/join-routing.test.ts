import { acceptsMembers, refusalFor, routeChoices, routeWorker, type JoinableUnion } from '@shared/rules/join'

const union = (fields: Partial<JoinableUnion> & Pick<JoinableUnion, '_id' | 'kind'>): JoinableUnion => ({
  name: fields._id,
  district: null,
  platforms: [],
  status: 'active',
  ...fields,
})

const TREE: JoinableUnion[] = [
  union({ _id: 'city', kind: 'federation' }),
  union({ _id: 'delivery', kind: 'sector', platforms: ['美团', '饿了么'] }),
  union({ _id: 'courier', kind: 'sector', platforms: ['顺丰', '京东'] }),
  union({ _id: 'old-sector', kind: 'sector', platforms: ['美团'], status: 'retired' }),
  union({ _id: 'binjiang', kind: 'district', district: '滨江区' }),
  union({ _id: 'xihu', kind: 'district', district: '西湖区' }),
  union({ _id: 'textile', kind: 'enterprise', district: '滨江区' }),
]

const ids = (options: { union: JoinableUnion }[]) => options.map((option) => option.union._id)

describe('routing a worker without a QR code', () => {
  it('offers the sector federation of the platform first, then the district federation', () => {
    const options = routeWorker(TREE, { employmentType: 'platform', platform: '美团', district: '滨江区' })
    expect(ids(options)).toEqual(['delivery', 'binjiang'])
    expect(options[0]!.reason).toContain('美团')
    expect(options[1]!.reason).toContain('滨江区')
  })

  it('skips retired unions and never offers the city federation or an enterprise union', () => {
    const options = routeWorker(TREE, { employmentType: 'platform', platform: '美团', district: '滨江区' })
    expect(ids(options)).not.toContain('old-sector')
    expect(ids(options)).not.toContain('city')
    expect(ids(options)).not.toContain('textile')
  })

  it('routes a platform without a sector federation, or 其他, to the district only', () => {
    expect(ids(routeWorker(TREE, { employmentType: 'platform', platform: '其他', district: '西湖区' }))).toEqual(['xihu'])
    expect(ids(routeWorker(TREE, { employmentType: 'platform', platform: '闪送', district: '西湖区' }))).toEqual(['xihu'])
  })

  it('routes flexible workers and employees without a union to their district', () => {
    expect(ids(routeWorker(TREE, { employmentType: 'flexible', district: '滨江区' }))).toEqual(['binjiang'])
    const [option] = routeWorker(TREE, { employmentType: 'employee', platform: '美团', district: '滨江区' })
    expect(option!.union._id).toBe('binjiang')
    expect(option!.reason).toContain('还没有建立工会')
  })

  it('offers nothing for a district without a federation', () => {
    expect(routeWorker(TREE, { employmentType: 'flexible', district: '上城区' })).toEqual([])
  })

  it('lists the districts and platforms the tree can route, with 其他 last', () => {
    expect(routeChoices(TREE)).toEqual({ districts: ['滨江区', '西湖区'].sort((a, b) => a.localeCompare(b, 'zh')), platforms: ['美团', '饿了么', '顺丰', '京东', '其他'] })
  })
})

describe('which unions take applications', () => {
  it('refuses federations and retired unions with a reason that says where to go', () => {
    expect(acceptsMembers({ kind: 'enterprise', status: 'active' })).toBe(true)
    expect(refusalFor({ kind: 'federation', status: 'active', name: '示范市总工会' })).toContain('不直接发展会员')
    expect(refusalFor({ kind: 'enterprise', status: 'retired', name: '原示范电子厂工会' })).toContain('已撤销')
    expect(refusalFor({ kind: 'sector', status: 'active', name: 'x' })).toBeNull()
  })
})
