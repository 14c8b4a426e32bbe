import { placesContract } from '@shared/contract/places'
import {
  checkPlacePhone,
  daysSince,
  distanceMetres,
  formatDay,
  formatDistance,
  hoursProblems,
  isOpenAt,
  todayHoursText,
  verifiedText,
  type OpeningHours,
  type TimeRange,
  type WeekdayKey,
} from '@shared/rules/places'
import { seedPlaces } from '../../emulator/seed'

// 2026-06-29 is a Monday; instants are written in China time (+08:00).
const at = (dayOfJune: number, time: string) => new Date(`2026-06-${String(dayOfJune).padStart(2, '0')}T${time}:00+08:00`)
const MONDAY = 29
const TUESDAY = 30

function week(days: Partial<Record<WeekdayKey, TimeRange[]>>): Record<WeekdayKey, TimeRange[]> {
  return { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [], ...days }
}
const weekly = (days: Partial<Record<WeekdayKey, TimeRange[]>>): OpeningHours => ({ always: false, weekly: week(days) })

describe.each(['Asia/Shanghai', 'UTC', 'America/Los_Angeles'])('营业中 in China time, on a machine in %s', (zone) => {
  const saved = process.env.TZ
  beforeAll(() => {
    process.env.TZ = zone
  })
  afterAll(() => {
    process.env.TZ = saved
  })

  it('opens at the opening minute and closes at the closing minute, with a lunch break', () => {
    const office = weekly({ mon: [{ open: '09:00', close: '12:00' }, { open: '13:30', close: '17:30' }] })
    expect(isOpenAt(office, at(MONDAY, '08:59'))).toBe(false)
    expect(isOpenAt(office, at(MONDAY, '09:00'))).toBe(true)
    expect(isOpenAt(office, at(MONDAY, '12:00'))).toBe(false)
    expect(isOpenAt(office, at(MONDAY, '13:30'))).toBe(true)
    expect(isOpenAt(office, at(MONDAY, '17:29'))).toBe(true)
    expect(isOpenAt(office, at(MONDAY, '17:30'))).toBe(false)
    expect(isOpenAt(office, at(TUESDAY, '10:00'))).toBe(false)
    expect(todayHoursText(office, at(MONDAY, '23:59'))).toBe('今日 09:00–12:00、13:30–17:30')
    expect(todayHoursText(office, at(TUESDAY, '00:01'))).toBe('今日休息')
  })

  it('a period past midnight counts on the next morning, and only then', () => {
    const nights = weekly({ mon: [{ open: '20:00', close: '08:00' }] })
    expect(isOpenAt(nights, at(MONDAY, '19:59'))).toBe(false)
    expect(isOpenAt(nights, at(MONDAY, '23:30'))).toBe(true)
    expect(isOpenAt(nights, at(TUESDAY, '07:59'))).toBe(true)
    expect(isOpenAt(nights, at(TUESDAY, '08:00'))).toBe(false)
    expect(isOpenAt(nights, at(MONDAY, '07:00'))).toBe(false)
    expect(todayHoursText(nights, at(MONDAY, '12:00'))).toBe('今日 20:00–次日08:00')
  })

  it('24:00 closes at midnight; 24 小时 is always open', () => {
    const late = weekly({ mon: [{ open: '18:00', close: '24:00' }] })
    expect(isOpenAt(late, at(MONDAY, '23:59'))).toBe(true)
    expect(isOpenAt(late, at(TUESDAY, '00:00'))).toBe(false)
    expect(isOpenAt({ always: true }, at(TUESDAY, '03:00'))).toBe(true)
    expect(todayHoursText({ always: true }, at(TUESDAY, '03:00'))).toBe('24 小时开放')
  })

  it('counts 核实于 N 天前 in China calendar days', () => {
    expect(daysSince(at(MONDAY, '23:59'), at(TUESDAY, '00:01'))).toBe(1)
    expect(daysSince(at(MONDAY, '00:01'), at(MONDAY, '23:59'))).toBe(0)
    expect(daysSince(new Date('2025-06-30T10:00:00+08:00'), at(TUESDAY, '09:00'))).toBe(365)
  })
})

describe('weekly hours', () => {
  it('finds overlapping, empty and cross-midnight clashes, on the field to change', () => {
    expect(hoursProblems(week({ mon: [{ open: '08:00', close: '12:00' }, { open: '11:00', close: '14:00' }] }))).toEqual([
      { path: ['mon', 1, 'open'], message: '周一的开放时段有重叠' },
    ])
    expect(hoursProblems(week({ tue: [{ open: '08:00', close: '08:00' }] }))).toEqual([{ path: ['tue', 0, 'close'], message: '周二第 1 个时段的开门和关门时间相同' }])
    expect(hoursProblems(week({ sun: [{ open: '22:00', close: '09:00' }], mon: [{ open: '08:00', close: '18:00' }] }))).toEqual([
      { path: ['mon', 0, 'open'], message: '周日跨到次日的时段与周一的开放时段重叠' },
    ])
    expect(hoursProblems(week({}))).toEqual([{ path: [], message: '请至少填写一天的开放时间；不再开放的服务点请停用' }])
    expect(hoursProblems(week({ mon: [{ open: '20:00', close: '08:00' }], tue: [{ open: '08:00', close: '12:00' }] }))).toEqual([])
  })

  it('reads as people write it', () => {
    expect(formatDay([])).toBe('休息')
    expect(formatDay([{ open: '22:00', close: '06:00' }])).toBe('22:00–次日06:00')
    expect(verifiedText(0)).toBe('今天核实')
    expect(verifiedText(1)).toBe('昨天核实')
    expect(verifiedText(12)).toBe('核实于 12 天前')
  })
})

describe('distances, phone numbers', () => {
  it('measures great-circle metres on MongoDB’s sphere and writes them for a list', () => {
    // 0.01° of latitude is 1113 m on a 6378.1 km sphere.
    expect(distanceMetres({ longitude: 120, latitude: 30 }, { longitude: 120, latitude: 30.01 })).toBeCloseTo(1113.2, 0)
    expect(formatDistance(3)).toBe('10 米')
    expect(formatDistance(354)).toBe('350 米')
    expect(formatDistance(1234)).toBe('1.2 公里')
    expect(formatDistance(18_400)).toBe('18 公里')
  })

  it('takes landlines, mobiles, 400 numbers and hotlines; refuses the rest', () => {
    for (const ok of ['0571-88886666', '057188886666', '13957100001', '400-820-8820', '12351', ' 0571 8888 6666 ']) expect(checkPlacePhone(ok).ok).toBe(true)
    for (const bad of ['电话', '123', '0571--8888', '-0571', '+86 139 5710 0001']) expect(checkPlacePhone(bad)).toEqual({ ok: false, message: expect.stringContaining('服务电话格式不正确') })
  })
})

describe('the seeded places', () => {
  const seeded = seedPlaces(new Date('2026-06-29T12:00:00+08:00'))

  it('are places staff could have entered through save', () => {
    for (const place of seeded) {
      const input = {
        unionId: place.unionId,
        name: place.name,
        type: place.type,
        address: place.address,
        district: place.district,
        location: { longitude: place.location.coordinates[0], latitude: place.location.coordinates[1] },
        hours: place.hours,
        facilities: place.facilities,
        phone: place.phone,
        photos: place.photos,
        description: place.description ?? undefined,
      }
      const parsed = placesContract.save.input.safeParse(input)
      expect(parsed.success ? place._id : `${place._id}: ${JSON.stringify(parsed.error.issues)}`).toBe(place._id)
    }
  })

  it('cover six districts and every type, with some closed at night and one stale', () => {
    const active = seeded.filter((place) => place.status === 'active')
    expect(active).toHaveLength(40)
    expect(new Set(active.map((place) => place.district)).size).toBe(6)
    expect(new Set(active.map((place) => place.type)).size).toBe(6)
    const midnight = new Date('2026-06-30T00:30:00+08:00')
    expect(active.filter((place) => !isOpenAt(place.hours, midnight)).length).toBeGreaterThan(15)
    expect(active.filter((place) => daysSince(place.verifiedAt, new Date('2026-06-29T12:00:00+08:00')) > 90).map((place) => place._id)).toEqual(['pl-yh-cangqian'])
  })
})
