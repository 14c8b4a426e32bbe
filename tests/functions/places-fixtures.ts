import type { ActionInput } from '@shared/contract'
import { inChina } from '@shared/rules/china-time'
import { PNG } from './complaints-fixtures'
import { uploadAs, type LocalCloud } from './harness'

/**
 * People and inputs shared by the places function tests. The seed's 41 places (emulator/seed/places.ts)
 * are the map; staff beyond the seed's two are inserted with their own openids.
 */
export const RIDER = 'pl-rider'
export const OTHER_RIDER = 'pl-rider-2'
/** Staff of u-courier (seed). */
export const COURIER_STAFF = 'demo-staff'
/** Admin of u-city, the root: serves every union (seed). */
export const CITY_ADMIN = 'demo-admin'
/** Staff of u-delivery, a sibling of u-courier. */
export const DELIVERY_STAFF = 'pl-staff-delivery'
/** Staff of u-binjiang, the 滨江区 district federation. */
export const BINJIANG_STAFF = 'pl-staff-binjiang'

/** 江南大道快递员爱心驿站 (u-courier, 滨江区, 24 小时, water and charging). */
export const JIANGNAN = { placeId: 'pl-bj-jiangnan', longitude: 120.2103, latitude: 30.2089 }
/** A rider on 江南大道, about 150 m west of the station. */
export const ON_JIANGNAN = { longitude: 120.2090, latitude: 30.2095 }

export async function addStaff(cloud: LocalCloud): Promise<void> {
  const since = new Date('2025-03-01T09:00:00+08:00')
  await cloud.insert('staff', [
    { _id: 'pl-s-delivery', openid: DELIVERY_STAFF, unionId: 'u-delivery', role: 'staff', name: '赵干事', createdAt: since },
    { _id: 'pl-s-binjiang', openid: BINJIANG_STAFF, unionId: 'u-binjiang', role: 'staff', name: '孙干事', createdAt: since },
  ])
}

/** A place staff of u-courier would enter: open 08:00–20:00 on weekdays, with water and charging. */
export function placeInput(overrides: Partial<ActionInput<'places', 'save'>> = {}): ActionInput<'places', 'save'> {
  const day = [{ open: '08:00', close: '20:00' }]
  return {
    unionId: 'u-courier',
    name: '滨盛路快递员爱心驿站',
    type: 'outdoor_station',
    address: '滨江区滨盛路 1509 号（农业银行一楼）',
    district: '滨江区',
    location: { longitude: 120.2032, latitude: 30.2101 },
    hours: { always: false, weekly: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: [], sun: [] } },
    facilities: ['water', 'charging', 'rest'],
    phone: '0571-86691509',
    photos: [],
    description: '银行营业时间内开放，可以喝水、充电、歇脚。',
    ...overrides,
  }
}

/** Hours that are open right now and close within the hour, whatever the time of day (China time). */
export function openAroundNow(): { always: false; weekly: Record<'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun', Array<{ open: string; close: string }>> } {
  const now = inChina(new Date())
  const ranges = [{ open: now.subtract(30, 'minute').format('HH:mm'), close: now.add(30, 'minute').format('HH:mm') }]
  return { always: false, weekly: { mon: ranges, tue: ranges, wed: ranges, thu: ranges, fri: ranges, sat: ranges, sun: ranges } }
}

/** Hours that are closed right now, for the next hour at least. */
export function closedAroundNow(): ReturnType<typeof openAroundNow> {
  const now = inChina(new Date())
  const ranges = [{ open: now.add(90, 'minute').format('HH:mm'), close: now.add(150, 'minute').format('HH:mm') }]
  return { always: false, weekly: { mon: ranges, tue: ranges, wed: ranges, thu: ranges, fri: ranges, sat: ranges, sun: ranges } }
}

/** A stored place, for states the actions do not reach quickly. */
export function storedPlace(fields: { _id: string; longitude: number; latitude: number } & Record<string, unknown>) {
  const { _id, longitude, latitude, ...rest } = fields
  const at = new Date()
  return {
    _id,
    name: `测试驿站 ${_id}`,
    type: 'outdoor_station',
    unionId: 'u-courier',
    address: '滨江区测试路 1 号',
    district: '滨江区',
    location: { type: 'Point', coordinates: [longitude, latitude] },
    hours: { always: true },
    facilities: ['water', 'charging'],
    phone: null,
    photos: [],
    description: null,
    status: 'active',
    verifiedAt: at,
    verifiedBy: null,
    rating: { sum: 0, count: 0 },
    createdAt: at,
    createdBy: null,
    updatedAt: at,
    retiredAt: null,
    retiredReason: null,
    ...rest,
  }
}

/** Uploads a photo into a storage folder the way the H5 client does; resolves the file ID. */
export async function upload(cloud: LocalCloud, openid: string, dir: string, file: Buffer = PNG): Promise<string> {
  const { status, fileID } = await uploadAs(cloud, openid, dir, file)
  if (!fileID) throw new Error(`upload failed: ${status}`)
  return fileID
}

export { requestId } from './harness'
