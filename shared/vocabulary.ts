/**
 * The words of the union's world that the contract, the cloud functions and the seed all use: kinds
 * of union, the sectors gig workers work in and the platforms of each, the roles of staff. Declared
 * once here; everything else imports them (a new kind or sector is added in this file only).
 */

/** 总工会 (city federation), 行业工会联合会 (sector), 街道·乡镇工会联合会 (district), 企业工会 (enterprise). */
export const UNION_KINDS = ['federation', 'sector', 'district', 'enterprise'] as const
export type UnionKind = (typeof UNION_KINDS)[number]

export const UNION_KIND_LABELS: Record<UnionKind, string> = {
  federation: '总工会',
  sector: '行业工会联合会',
  district: '街道·乡镇工会联合会',
  enterprise: '单位工会',
}

/** A retired union keeps its history and its QR code resolves, but it takes no one new. */
export const UNION_STATUSES = ['active', 'retired'] as const
export type UnionStatus = (typeof UNION_STATUSES)[number]

/** The sectors of new forms of employment (新就业形态) that have a sector federation. */
export const SECTORS = ['courier', 'food_delivery', 'ride_hailing', 'freight'] as const
export type Sector = (typeof SECTORS)[number]

export const SECTOR_LABELS: Record<Sector, string> = {
  courier: '快递',
  food_delivery: '外卖配送',
  ride_hailing: '网约车',
  freight: '货车司机',
}

/** The platforms each sector's federation covers by default; a union's own list is stored on it. */
export const SECTOR_PLATFORMS: Record<Sector, readonly string[]> = {
  courier: ['顺丰', '京东', '中通', '圆通', '韵达', '申通', '极兔', '邮政'],
  food_delivery: ['美团', '饿了么'],
  ride_hailing: ['滴滴', '高德', 'T3出行', '曹操出行'],
  freight: ['货拉拉', '满帮', '快狗打车'],
}

/** Platforms not served by a sector federation still route to the district federation. */
export const OTHER_PLATFORM = '其他'

/** Union staff: an admin also serves every union below their own. */
export const STAFF_ROLES = ['staff', 'admin'] as const
export type StaffRole = (typeof STAFF_ROLES)[number]

export const STAFF_ROLE_LABELS: Record<StaffRole, string> = { staff: '工作人员', admin: '管理员' }
/**
 * Kinds of 服务阵地 (the service positions a union runs for workers). A new kind is added here,
 * with its label: the contract, the functions, the seed and the filters all read this list.
 */
export const PLACE_TYPES = ['outdoor_station', 'drivers_home', 'nursing_room', 'workers_home', 'legal_aid', 'repair_point'] as const
export type PlaceType = (typeof PLACE_TYPES)[number]

export const PLACE_TYPE_LABELS: Record<PlaceType, string> = {
  outdoor_station: '户外劳动者服务站（爱心驿站）',
  drivers_home: '司机之家',
  nursing_room: '女职工休息哺乳室',
  workers_home: '职工之家',
  legal_aid: '法律援助工作站',
  repair_point: '爱心修车点',
}

/** What a place offers; a worker filters by these (饮水 and 充电 are the ones riders ask for most). */
export const PLACE_FACILITIES = [
  'water',
  'heating',
  'charging',
  'toilet',
  'rest',
  'climate',
  'first_aid',
  'rain_gear',
  'wifi',
  'nursing',
  'repair_tools',
  'legal_advice',
  'parking',
] as const
export type PlaceFacility = (typeof PLACE_FACILITIES)[number]

export const PLACE_FACILITY_LABELS: Record<PlaceFacility, string> = {
  water: '饮水',
  heating: '加热',
  charging: '充电',
  toilet: '卫生间',
  rest: '休息',
  climate: '空调/取暖',
  first_aid: '急救箱',
  rain_gear: '雨具',
  wifi: '无线网络',
  nursing: '哺乳设施',
  repair_tools: '打气/修车工具',
  legal_advice: '法律咨询',
  parking: '停车',
}
