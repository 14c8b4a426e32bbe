import { chinaDay, inChina } from '@shared/rules/china-time'
import type { OpeningHours, TimeRange, WeekdayKey } from '@shared/rules/places'
import type { PlaceFacility, PlaceType } from '@shared/vocabulary'
import type { PlaceFeedbackRecord } from '../../cloudfunctions/src/_lib/records/placeFeedback'
import type { PlaceRatingRecord } from '../../cloudfunctions/src/_lib/records/placeRatings'
import type { PlaceRecord, PlaceVerifier } from '../../cloudfunctions/src/_lib/records/places'

/**
 * 服务阵地 of 示范市 (laid out on Hangzhou's districts, GCJ-02): 40 active places of every type
 * across six districts, managed by the seeded unions, some closed at night, one not verified for
 * over a year (stale), one retired; a few ratings, an open report and an open suggestion. Dates
 * are relative to the seed time so that "核实于 N 天前" stays realistic.
 */

/** GeoJSON as the database stores a point (what the SDK reads back as a db.Geo.Point). */
interface StoredPoint {
  type: 'Point'
  coordinates: [number, number]
}
type StoredPlace = Omit<PlaceRecord, 'location'> & { location: StoredPoint }
type StoredFeedback = Omit<PlaceFeedbackRecord, 'location'> & { location: StoredPoint | null }

const ALWAYS: OpeningHours = { always: true }
const range = (open: string, close: string): TimeRange => ({ open, close })

function week(days: Partial<Record<WeekdayKey, TimeRange[]>>): OpeningHours {
  return { always: false, weekly: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [], ...days } }
}
/** The same periods every day. */
const daily = (...ranges: TimeRange[]) => week({ mon: ranges, tue: ranges, wed: ranges, thu: ranges, fri: ranges, sat: ranges, sun: ranges })
/** Monday to Friday, and optionally other periods on Saturday and Sunday. */
const workdays = (ranges: TimeRange[], weekend: { sat?: TimeRange[]; sun?: TimeRange[] } = {}) =>
  week({ mon: ranges, tue: ranges, wed: ranges, thu: ranges, fri: ranges, ...weekend })
const OFFICE = [range('09:00', '12:00'), range('13:30', '17:30')]

const COURIER_STAFF: PlaceVerifier = { openid: 'demo-staff', name: '李干事', unionId: 'u-courier' }
const CITY_ADMIN: PlaceVerifier = { openid: 'demo-admin', name: '王主席', unionId: 'u-city' }

interface Entry {
  _id: string
  name: string
  type: PlaceType
  unionId: string
  district: string
  address: string
  at: [longitude: number, latitude: number]
  hours: OpeningHours
  facilities: PlaceFacility[]
  phone: string | null
  description?: string
  /** Days since it was last verified. */
  verified: number
}

const STATION: PlaceFacility[] = ['water', 'heating', 'charging', 'toilet', 'rest', 'climate']
const DRIVERS: PlaceFacility[] = ['parking', 'toilet', 'water', 'heating', 'rest', 'charging', 'wifi']
const NURSING: PlaceFacility[] = ['nursing', 'toilet', 'water', 'rest', 'climate']
const REPAIR: PlaceFacility[] = ['repair_tools', 'charging', 'water']

const ENTRIES: Entry[] = [
  // 滨江区
  { _id: 'pl-bj-jiangnan', name: '江南大道快递员爱心驿站', type: 'outdoor_station', unionId: 'u-courier', district: '滨江区', address: '滨江区江南大道 88 号（工商银行滨江支行一楼）', at: [120.2103, 30.2089], hours: ALWAYS, facilities: [...STATION, 'first_aid', 'rain_gear'], phone: '0571-86690188', description: '银行网点内，夜间从侧门刷码进入；可借用雨衣雨伞。', verified: 3 },
  { _id: 'pl-bj-changhe', name: '长河街道户外劳动者服务站', type: 'outdoor_station', unionId: 'u-binjiang', district: '滨江区', address: '滨江区长河路 475 号 长河街道社区服务中心一楼', at: [120.1897, 30.1921], hours: daily(range('07:00', '21:00')), facilities: STATION, phone: '0571-86621475', verified: 12 },
  { _id: 'pl-bj-workers', name: '滨江区职工服务中心职工之家', type: 'workers_home', unionId: 'u-binjiang', district: '滨江区', address: '滨江区江汉路 1785 号', at: [120.2045, 30.214], hours: workdays([range('09:00', '21:00')], { sat: [range('09:00', '17:00')], sun: [range('09:00', '17:00')] }), facilities: ['water', 'rest', 'wifi', 'climate', 'legal_advice'], phone: '0571-87702351', verified: 20 },
  { _id: 'pl-bj-textile-nursing', name: '示范纺织女职工休息哺乳室', type: 'nursing_room', unionId: 'u-ent-textile', district: '滨江区', address: '滨江区东信大道 66 号 示范纺织 2 号楼 3 层', at: [120.1889, 30.2063], hours: workdays([range('08:00', '18:00')]), facilities: NURSING, phone: null, description: '本厂女职工凭工牌使用，园区外来访的哺乳期妈妈请在门卫登记。', verified: 35 },
  { _id: 'pl-bj-xingguang-repair', name: '星光大道爱心修车点', type: 'repair_point', unionId: 'u-delivery', district: '滨江区', address: '滨江区江南大道 228 号 星光大道东门', at: [120.2155, 30.2078], hours: daily(range('08:00', '20:00')), facilities: REPAIR, phone: '13957100228', description: '电动车补胎、打气免费，换配件只收成本价。', verified: 8 },
  { _id: 'pl-bj-legal', name: '滨江区法律援助工作站', type: 'legal_aid', unionId: 'u-binjiang', district: '滨江区', address: '滨江区江陵路 1118 号 区行政服务中心 2 楼', at: [120.2122, 30.2021], hours: workdays(OFFICE), facilities: ['legal_advice', 'water', 'rest'], phone: '12351', verified: 27 },
  { _id: 'pl-bj-puyan-drivers', name: '浦沿加油站司机之家', type: 'drivers_home', unionId: 'u-freight', district: '滨江区', address: '滨江区浦沿路 3868 号 中石化浦沿加油站', at: [120.1621, 30.1768], hours: ALWAYS, facilities: DRIVERS, phone: '0571-86693868', verified: 15 },
  { _id: 'pl-bj-wulianwang', name: '物联网街爱心驿站', type: 'outdoor_station', unionId: 'u-courier', district: '滨江区', address: '滨江区物联网街 451 号（便利店内）', at: [120.2008, 30.2177], hours: daily(range('07:00', '22:00')), facilities: ['water', 'heating', 'charging', 'rest'], phone: null, verified: 41 },
  // 西湖区
  { _id: 'pl-xh-wensan-riders', name: '文三路外卖骑手爱心驿站', type: 'outdoor_station', unionId: 'u-delivery', district: '西湖区', address: '西湖区文三路 478 号', at: [120.1382, 30.2786], hours: daily(range('10:00', '14:00'), range('16:00', '22:00')), facilities: ['water', 'heating', 'charging', 'rest', 'climate'], phone: '0571-88210478', description: '饭点前后开放，可以热饭、充电、歇脚。', verified: 6 },
  { _id: 'pl-xh-xixi', name: '西溪街道户外劳动者服务站', type: 'outdoor_station', unionId: 'u-xihu', district: '西湖区', address: '西湖区西溪路 525 号 西溪街道办事处一楼', at: [120.1261, 30.264], hours: ALWAYS, facilities: [...STATION, 'first_aid', 'rain_gear'], phone: '0571-87960525', verified: 9 },
  { _id: 'pl-xh-logistics-home', name: '示范物流集团职工之家', type: 'workers_home', unionId: 'u-ent-logistics', district: '西湖区', address: '西湖区三墩镇振华路 200 号 示范物流园综合楼', at: [120.0892, 30.3189], hours: daily(range('08:00', '22:00')), facilities: ['rest', 'water', 'wifi', 'climate', 'heating'], phone: '0571-88960200', verified: 22 },
  { _id: 'pl-xh-logistics-drivers', name: '示范物流园司机之家', type: 'drivers_home', unionId: 'u-ent-logistics', district: '西湖区', address: '西湖区三墩镇振华路 200 号 物流园北门', at: [120.0873, 30.3206], hours: ALWAYS, facilities: DRIVERS, phone: '0571-88960201', description: '货车司机可免费停车休息、洗澡、热饭。', verified: 18 },
  { _id: 'pl-xh-legal', name: '西湖区法律援助工作站', type: 'legal_aid', unionId: 'u-xihu', district: '西湖区', address: '西湖区文二路 158 号', at: [120.1374, 30.2848], hours: workdays(OFFICE, { sat: [range('09:00', '12:00')] }), facilities: ['legal_advice', 'water', 'rest'], phone: '12351', verified: 30 },
  { _id: 'pl-xh-huanglong-nursing', name: '黄龙体育中心女职工休息哺乳室', type: 'nursing_room', unionId: 'u-city', district: '西湖区', address: '西湖区黄龙路 1 号 体育中心东门服务大厅', at: [120.1451, 30.2703], hours: daily(range('09:00', '21:00')), facilities: NURSING, phone: null, verified: 14 },
  { _id: 'pl-xh-gudang-repair', name: '古荡爱心修车点', type: 'repair_point', unionId: 'u-courier', district: '西湖区', address: '西湖区古墩路 102 号', at: [120.1129, 30.2859], hours: daily(range('08:30', '19:30')), facilities: REPAIR, phone: '13957100102', verified: 25 },
  { _id: 'pl-xh-zijingang', name: '紫金港爱心驿站', type: 'outdoor_station', unionId: 'u-xihu', district: '西湖区', address: '西湖区紫金港路 21 号 社区服务站', at: [120.0801, 30.2956], hours: daily(range('06:00', '22:00')), facilities: ['water', 'heating', 'charging', 'toilet', 'rest'], phone: '0571-88975021', verified: 50 },
  // 拱墅区
  { _id: 'pl-gs-mishixiang', name: '米市巷街道户外劳动者服务站', type: 'outdoor_station', unionId: 'u-gongshu', district: '拱墅区', address: '拱墅区米市巷 68 号', at: [120.1702, 30.2912], hours: ALWAYS, facilities: [...STATION, 'first_aid'], phone: '0571-85380068', verified: 5 },
  { _id: 'pl-gs-yunhe', name: '运河广场爱心驿站', type: 'outdoor_station', unionId: 'u-courier', district: '拱墅区', address: '拱墅区湖墅北路 101 号 运河广场西侧', at: [120.1415, 30.3173], hours: daily(range('07:00', '21:00')), facilities: ['water', 'heating', 'charging', 'rest', 'rain_gear'], phone: null, verified: 11 },
  { _id: 'pl-gs-workers', name: '拱墅区职工之家', type: 'workers_home', unionId: 'u-gongshu', district: '拱墅区', address: '拱墅区莫干山路 1000 号', at: [120.1319, 30.3115], hours: week({ mon: [range('09:00', '20:00')], tue: [range('09:00', '20:00')], wed: [range('09:00', '20:00')], thu: [range('09:00', '20:00')], fri: [range('09:00', '20:00')], sat: [range('09:00', '20:00')] }), facilities: ['rest', 'water', 'wifi', 'climate', 'first_aid', 'legal_advice'], phone: '0571-88381000', verified: 33 },
  { _id: 'pl-gs-legal', name: '拱墅区总工会法律援助工作站', type: 'legal_aid', unionId: 'u-gongshu', district: '拱墅区', address: '拱墅区小河路 488 号', at: [120.1428, 30.3052], hours: workdays(OFFICE), facilities: ['legal_advice', 'water'], phone: '12351', verified: 45 },
  { _id: 'pl-gs-wulin-nursing', name: '武林商圈女职工休息哺乳室', type: 'nursing_room', unionId: 'u-gongshu', district: '拱墅区', address: '拱墅区延安路 530 号 商场 5 层', at: [120.1633, 30.2757], hours: daily(range('10:00', '22:00')), facilities: NURSING, phone: null, verified: 19 },
  { _id: 'pl-gs-shixiang-drivers', name: '石祥路司机之家', type: 'drivers_home', unionId: 'u-freight', district: '拱墅区', address: '拱墅区石祥路 858 号 中石油加油站', at: [120.1722, 30.3389], hours: daily(range('18:00', '08:00')), facilities: ['parking', 'toilet', 'water', 'heating', 'rest', 'wifi'], phone: '0571-88130858', description: '夜间开放，供跑夜路的货车司机停车歇脚；白天请到加油站便利店。', verified: 16 },
  { _id: 'pl-gs-daguan-repair', name: '大关爱心修车点', type: 'repair_point', unionId: 'u-delivery', district: '拱墅区', address: '拱墅区大关路 155 号', at: [120.1502, 30.3072], hours: week({ mon: [range('09:00', '19:00')], tue: [range('09:00', '19:00')], wed: [range('09:00', '19:00')], thu: [range('09:00', '19:00')], fri: [range('09:00', '19:00')], sat: [range('09:00', '19:00')] }), facilities: REPAIR, phone: '13957100155', verified: 38 },
  // 上城区 (no district federation: the city federation and the sector unions)
  { _id: 'pl-sc-hubin', name: '湖滨爱心驿站', type: 'outdoor_station', unionId: 'u-city', district: '上城区', address: '上城区平海路 35 号', at: [120.1641, 30.259], hours: ALWAYS, facilities: [...STATION, 'first_aid', 'rain_gear', 'wifi'], phone: '0571-87060035', verified: 2 },
  { _id: 'pl-sc-qianjiang', name: '钱江新城户外劳动者服务站', type: 'outdoor_station', unionId: 'u-delivery', district: '上城区', address: '上城区富春路 290 号 地下一层', at: [120.213, 30.2475], hours: daily(range('07:00', '23:00')), facilities: ['water', 'heating', 'charging', 'rest', 'climate'], phone: null, verified: 7 },
  { _id: 'pl-sc-center-home', name: '示范市职工服务中心职工之家', type: 'workers_home', unionId: 'u-city', district: '上城区', address: '上城区解放路 170 号 示范市职工服务中心', at: [120.176, 30.256], hours: workdays([range('08:30', '20:30')], { sat: [range('09:00', '17:00')], sun: [range('09:00', '17:00')] }), facilities: ['rest', 'water', 'wifi', 'climate', 'legal_advice', 'first_aid'], phone: '0571-85170170', verified: 4 },
  { _id: 'pl-sc-legal-center', name: '示范市总工会法律援助中心', type: 'legal_aid', unionId: 'u-city', district: '上城区', address: '上城区解放路 170 号 职工服务中心一楼', at: [120.1762, 30.2558], hours: workdays([range('08:30', '12:00'), range('13:30', '17:30')], { sat: [range('09:00', '12:00')] }), facilities: ['legal_advice', 'water', 'rest'], phone: '12351', description: '劳动争议咨询、代写文书、申请法律援助；新就业形态劳动者可预约律师。', verified: 10 },
  { _id: 'pl-sc-east-station-nursing', name: '火车东站女职工休息哺乳室', type: 'nursing_room', unionId: 'u-city', district: '上城区', address: '上城区天城路 1 号 火车东站二楼候车室东侧', at: [120.2131, 30.2906], hours: daily(range('06:00', '23:00')), facilities: NURSING, phone: null, verified: 21 },
  { _id: 'pl-sc-nanxing-repair', name: '南星桥爱心修车点', type: 'repair_point', unionId: 'u-courier', district: '上城区', address: '上城区复兴路 250 号', at: [120.1801, 30.2173], hours: daily(range('08:00', '20:00')), facilities: REPAIR, phone: '13957100250', verified: 13 },
  { _id: 'pl-sc-wangjiang-drivers', name: '望江门网约车司机之家', type: 'drivers_home', unionId: 'u-ridehail', district: '上城区', address: '上城区望江东路 332 号 停车场内', at: [120.1973, 30.2385], hours: ALWAYS, facilities: DRIVERS, phone: '0571-86050332', verified: 17 },
  // 萧山区
  { _id: 'pl-xs-chengxiang', name: '萧山城厢爱心驿站', type: 'outdoor_station', unionId: 'u-courier', district: '萧山区', address: '萧山区人民路 108 号', at: [120.2643, 30.1629], hours: daily(range('07:00', '21:00')), facilities: ['water', 'heating', 'charging', 'toilet', 'rest'], phone: null, verified: 24 },
  { _id: 'pl-xs-airport-drivers', name: '萧山机场网约车司机之家', type: 'drivers_home', unionId: 'u-ridehail', district: '萧山区', address: '萧山区机场大道 萧山国际机场蓄车场', at: [120.4301, 30.2398], hours: ALWAYS, facilities: DRIVERS, phone: '0571-86661999', verified: 29 },
  { _id: 'pl-xs-devzone-home', name: '萧山经济技术开发区职工之家', type: 'workers_home', unionId: 'u-city', district: '萧山区', address: '萧山区建设一路 66 号', at: [120.2891, 30.2089], hours: workdays([range('08:30', '21:00')]), facilities: ['rest', 'water', 'wifi', 'climate', 'nursing'], phone: '0571-82860066', verified: 55 },
  { _id: 'pl-xs-baolong-riders', name: '宝龙广场外卖骑手驿站', type: 'outdoor_station', unionId: 'u-delivery', district: '萧山区', address: '萧山区金城路 471 号 宝龙广场北侧', at: [120.2712, 30.1811], hours: daily(range('10:00', '14:00'), range('16:00', '23:00')), facilities: ['water', 'heating', 'charging', 'rest'], phone: null, verified: 9 },
  { _id: 'pl-xs-service-nursing', name: '萧山区行政服务中心女职工休息哺乳室', type: 'nursing_room', unionId: 'u-city', district: '萧山区', address: '萧山区市心中路 818 号 区行政服务中心 1 楼', at: [120.2705, 30.175], hours: workdays([range('08:30', '17:30')]), facilities: NURSING, phone: null, verified: 40 },
  // 余杭区
  { _id: 'pl-yh-future-city', name: '未来科技城爱心驿站', type: 'outdoor_station', unionId: 'u-courier', district: '余杭区', address: '余杭区文一西路 998 号', at: [120.0212, 30.2876], hours: ALWAYS, facilities: [...STATION, 'rain_gear'], phone: '0571-88730998', verified: 6 },
  { _id: 'pl-yh-renhe-drivers', name: '仁和快递分拨中心司机之家', type: 'drivers_home', unionId: 'u-freight', district: '余杭区', address: '余杭区仁和街道东西大道 99 号', at: [120.1078, 30.4402], hours: ALWAYS, facilities: ['parking', 'toilet', 'water', 'heating', 'rest', 'charging'], phone: '0571-86370099', verified: 31 },
  { _id: 'pl-yh-liangzhu-repair', name: '良渚爱心修车点', type: 'repair_point', unionId: 'u-delivery', district: '余杭区', address: '余杭区良渚街道良渚路 288 号', at: [120.0705, 30.3669], hours: daily(range('08:00', '20:00')), facilities: REPAIR, phone: '13957100288', verified: 26 },
  { _id: 'pl-yh-legal', name: '未来科技城法律援助工作站', type: 'legal_aid', unionId: 'u-city', district: '余杭区', address: '余杭区文一西路 1500 号', at: [120.003, 30.289], hours: workdays(OFFICE), facilities: ['legal_advice'], phone: '12351', verified: 37 },
  // Stale: nobody has checked it for over a year.
  { _id: 'pl-yh-cangqian', name: '仓前户外劳动者服务站', type: 'outdoor_station', unionId: 'u-city', district: '余杭区', address: '余杭区仓前街道龙潭路 7 号', at: [120.0098, 30.2978], hours: daily(range('06:30', '21:30')), facilities: ['water', 'heating', 'charging', 'rest'], phone: '0571-88600007', verified: 412 },
]

/** The seeded places: 40 active, and one retired (its bank branch closed). */
export function seedPlaces(now: Date): StoredPlace[] {
  const daysAgo = (days: number, hour = 10) => inChina(now).subtract(days, 'day').hour(hour).minute(0).second(0).millisecond(0).toDate()
  const active = ENTRIES.map(({ at, verified, description, ...entry }): StoredPlace => ({
    ...entry,
    location: { type: 'Point', coordinates: at },
    photos: [],
    description: description ?? null,
    status: 'active',
    verifiedAt: daysAgo(verified),
    verifiedBy: entry.unionId === 'u-courier' ? COURIER_STAFF : CITY_ADMIN,
    rating: { sum: 0, count: 0 },
    createdAt: daysAgo(Math.max(verified, 420)),
    createdBy: null,
    updatedAt: daysAgo(verified),
    retiredAt: null,
    retiredReason: null,
  }))
  const retired: StoredPlace = {
    _id: 'pl-gs-wenhui-retired',
    name: '文晖路爱心驿站',
    type: 'outdoor_station',
    unionId: 'u-courier',
    district: '拱墅区',
    address: '拱墅区文晖路 303 号（原银行网点）',
    location: { type: 'Point', coordinates: [120.1661, 30.2898] },
    hours: daily(range('08:00', '20:00')),
    facilities: ['water', 'charging', 'rest'],
    phone: null,
    photos: [],
    description: null,
    status: 'retired',
    verifiedAt: daysAgo(120),
    verifiedBy: COURIER_STAFF,
    rating: { sum: 0, count: 0 },
    createdAt: daysAgo(700),
    createdBy: null,
    updatedAt: daysAgo(60),
    retiredAt: daysAgo(60),
    retiredReason: '所在银行网点已撤并，驿站迁至米市巷街道服务站',
  }
  const withRatings = withTotals(active, seedPlaceRatings(now))
  return [...withRatings, retired]
}

/** A few ratings from riders, on the days they visited. */
export function seedPlaceRatings(now: Date): PlaceRatingRecord[] {
  const rating = (placeId: string, rider: number, days: number, score: number, comment: string | null): PlaceRatingRecord => {
    const at = inChina(now).subtract(days, 'day').hour(12).minute(30).second(0).millisecond(0).toDate()
    return { _id: `rt.seed-${placeId}-${rider}`, placeId, openid: `seed-rider-${rider}`, day: chinaDay(at), score, comment, commentShown: true, createdAt: at }
  }
  return [
    rating('pl-bj-jiangnan', 1, 9, 5, '水和充电都有，夏天有空调，很方便'),
    rating('pl-bj-jiangnan', 2, 5, 4, '晚上也开着，下雨天可以进来避雨'),
    rating('pl-bj-jiangnan', 3, 2, 5, null),
    rating('pl-xh-wensan-riders', 1, 7, 4, '饭点可以热饭，骑手很多'),
    rating('pl-xh-wensan-riders', 3, 3, 3, '人多的时候座位不够'),
    rating('pl-sc-hubin', 2, 4, 5, '24 小时开放，站长很热情'),
  ]
}

function withTotals(list: StoredPlace[], ratings: PlaceRatingRecord[]): StoredPlace[] {
  return list.map((place) => {
    const own = ratings.filter((r) => r.placeId === place._id)
    return own.length === 0 ? place : { ...place, rating: { sum: own.reduce((s, r) => s + r.score, 0), count: own.length } }
  })
}

/** An open report for the courier federation's queue and an open suggestion for 滨江区's. */
export function seedPlaceFeedback(now: Date): StoredFeedback[] {
  const yesterday = inChina(now).subtract(1, 'day').hour(19).minute(40).second(0).millisecond(0).toDate()
  const earlier = inChina(now).subtract(3, 'day').hour(15).minute(5).second(0).millisecond(0).toDate()
  const open = { status: 'open' as const, reply: null, handledBy: null, handledAt: null, contentCheck: { suggest: 'pass' as const, label: null } }
  return [
    {
      ...open,
      _id: 'fb.seed-wulianwang-charging',
      kind: 'facility_broken',
      placeId: 'pl-bj-wulianwang',
      unionId: 'u-courier',
      senderOpenid: 'seed-rider-2',
      title: '物联网街爱心驿站',
      suggestion: null,
      facility: 'charging',
      note: '充电柜插上没反应，换了两个口都不行',
      photoFileId: null,
      location: null,
      createdAt: yesterday,
      day: chinaDay(yesterday),
    },
    {
      ...open,
      _id: 'fb.seed-puyan-suggestion',
      kind: 'new_place',
      placeId: null,
      unionId: 'u-binjiang',
      senderOpenid: 'seed-rider-1',
      title: '浦沿街道社区服务中心',
      suggestion: { name: '浦沿街道社区服务中心', type: 'outdoor_station', address: '滨江区浦沿路 88 号', district: '滨江区', facilities: ['water', 'toilet', 'rest'] },
      facility: null,
      note: '社区中心一楼有饮水机和卫生间，可以挂个驿站的牌子',
      photoFileId: null,
      location: { type: 'Point', coordinates: [120.1688, 30.1802] },
      createdAt: earlier,
      day: chinaDay(earlier),
    },
  ]
}
