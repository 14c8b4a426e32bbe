import { inChina } from '@shared/rules/china-time'
import { takesMembersByDefault } from '@shared/rules/join'
import { staffIdFor } from '@shared/rules/staff'
import { SECTOR_PLATFORMS } from '@shared/vocabulary'
import type { ActivityRecord } from '../../cloudfunctions/src/_lib/records/activities'
import type { StaffRecord } from '../../cloudfunctions/src/_lib/records/staff'
import type { UnionRecord } from '../../cloudfunctions/src/_lib/records/unions'

/**
 * The documents the seed writes, typed by the functions' own records (types only: the seed never
 * runs function code). Ids are stable so tests and journeys can name them.
 */

export const CITY = '示范市'

/** When the union tree was set up; fixed, so the documents are the same on every seed. */
const founded = (isoDate: string) => new Date(`${isoDate}T09:00:00+08:00`)

const union = (fields: Omit<UnionRecord, 'city' | 'status' | 'platforms' | 'district' | 'sector'> & Partial<UnionRecord>): UnionRecord => ({
  city: CITY,
  district: null,
  sector: null,
  platforms: [],
  status: 'active',
  takesMembers: takesMembersByDefault(fields.kind),
  contactPhone: null,
  address: null,
  ...fields,
})

/** The city federation's admin, 王主席: the one staff record written directly (see STAFF). */
export const DEMO_ADMIN_STAFF_ID = staffIdFor('demo-admin', 'u-city')

export const UNIONS: UnionRecord[] = [
  union({
    _id: 'u-city',
    name: '示范市总工会',
    kind: 'federation',
    parentId: null,
    scene: 'j.city',
    contactPhone: '0571-86012351',
    address: '示范市滨江区江南大道 1 号 职工服务中心',
    adminStaffIds: [DEMO_ADMIN_STAFF_ID],
    createdAt: founded('2019-05-01'),
  }),
  union({
    _id: 'u-courier',
    name: '示范市快递行业工会联合会',
    kind: 'sector',
    parentId: 'u-city',
    sector: 'courier',
    platforms: [...SECTOR_PLATFORMS.courier],
    scene: 'j.courier',
    createdAt: founded('2021-07-15'),
  }),
  union({
    _id: 'u-delivery',
    name: '示范市外卖配送行业工会联合会',
    kind: 'sector',
    parentId: 'u-city',
    sector: 'food_delivery',
    platforms: [...SECTOR_PLATFORMS.food_delivery],
    scene: 'j.delivery',
    createdAt: founded('2021-09-01'),
  }),
  union({
    _id: 'u-ridehail',
    name: '示范市网约车行业工会联合会',
    kind: 'sector',
    parentId: 'u-city',
    sector: 'ride_hailing',
    platforms: [...SECTOR_PLATFORMS.ride_hailing],
    scene: 'j.ridehail',
    createdAt: founded('2022-03-18'),
  }),
  union({
    _id: 'u-freight',
    name: '示范市货车司机工会联合会',
    kind: 'sector',
    parentId: 'u-city',
    sector: 'freight',
    platforms: [...SECTOR_PLATFORMS.freight],
    scene: 'j.freight',
    createdAt: founded('2022-06-06'),
  }),
  union({ _id: 'u-binjiang', name: '滨江区长河街道工会联合会', kind: 'district', parentId: 'u-city', district: '滨江区', scene: 'j.binjiang', createdAt: founded('2020-04-20') }),
  union({ _id: 'u-xihu', name: '西湖区西溪街道工会联合会', kind: 'district', parentId: 'u-city', district: '西湖区', scene: 'j.xihu', createdAt: founded('2020-05-12') }),
  union({ _id: 'u-gongshu', name: '拱墅区米市巷街道工会联合会', kind: 'district', parentId: 'u-city', district: '拱墅区', scene: 'j.gongshu', createdAt: founded('2020-06-08') }),
  union({ _id: 'u-ent-textile', name: '示范纺织有限公司工会', kind: 'enterprise', parentId: 'u-binjiang', district: '滨江区', scene: 'j.textile', createdAt: founded('2020-10-10') }),
  union({ _id: 'u-ent-logistics', name: '示范物流集团有限公司工会', kind: 'enterprise', parentId: 'u-xihu', district: '西湖区', scene: 'j.logistics', createdAt: founded('2021-01-08') }),
  union({
    _id: 'u-retired',
    name: '原示范电子厂工会',
    kind: 'enterprise',
    parentId: 'u-gongshu',
    district: '拱墅区',
    scene: 'j.retired',
    status: 'retired',
    createdAt: founded('2012-03-01'),
  }),
]

/**
 * The root union's admin, as `staff.bootstrap` would have made him (the tree's ids are fixed, which
 * bootstrap's are not). Everyone else becomes staff through an invitation (seed/staff.ts).
 */
export const STAFF: StaffRecord[] = [
  { _id: DEMO_ADMIN_STAFF_ID, openid: 'demo-admin', unionId: 'u-city', role: 'admin', name: '王主席', createdAt: founded('2023-01-03'), invitedBy: null },
]

/** Activities around `now`: one open first-come, one lottery, one members-only, one not yet open. */
export function activities(nowDate: Date): ActivityRecord[] {
  // `hour`:00 China time, `days` from now, whatever the machine's time zone.
  const at = (days: number, hour: number) => inChina(nowDate).add(days, 'day').hour(hour).minute(0).second(0).millisecond(0).toDate()
  const base = { confirmedCount: 0, status: 'published' as const, coverFileId: null }
  return [
    {
      ...base,
      _id: 'act-summer-care',
      unionId: 'u-courier',
      title: '夏日送清凉 · 快递小哥慰问品领取',
      category: 'care',
      description: '为坚守在高温一线的快递员准备了防暑降温礼包（藿香正气水、冰袖、毛巾、矿泉水）。报名后凭会员码或报名码到现场领取，每人一份。',
      place: '示范市滨江区江南大道 88 号 快递员爱心驿站',
      startAt: at(7, 9),
      endAt: at(7, 17),
      signupOpensAt: at(-2, 9),
      signupClosesAt: at(6, 18),
      cancelCutoffAt: at(6, 12),
      capacity: 30,
      membersOnly: false,
      allocation: 'first_come',
      createdBy: 'demo-staff',
      createdAt: at(-3, 10),
    },
    {
      ...base,
      _id: 'act-concert-lottery',
      unionId: 'u-city',
      title: '劳动者专场交响音乐会 门票抽签',
      category: 'tickets',
      description: '示范市总工会向一线劳动者赠送交响音乐会门票 50 张。报名截止后公开抽签，抽签种子与结果在活动页公布，人人可复核。每人限报一张。',
      place: '示范市大剧院 音乐厅',
      startAt: at(12, 19),
      endAt: at(12, 21),
      signupOpensAt: at(-1, 9),
      signupClosesAt: at(4, 20),
      cancelCutoffAt: at(11, 12),
      capacity: 50,
      membersOnly: false,
      allocation: 'lottery',
      createdBy: 'demo-admin',
      createdAt: at(-2, 15),
    },
    {
      ...base,
      _id: 'act-rider-health',
      unionId: 'u-delivery',
      title: '外卖骑手免费健康体检',
      category: 'health',
      description: '联合示范市人民医院为工会会员提供免费体检：血常规、肝功能、腰椎与颈椎检查、视力检查。请空腹前往，携带身份证。仅限工会会员报名。',
      place: '示范市人民医院 体检中心（西湖区文三路 120 号）',
      startAt: at(9, 8),
      endAt: at(9, 11),
      signupOpensAt: at(-1, 8),
      signupClosesAt: at(7, 18),
      cancelCutoffAt: at(8, 12),
      capacity: 20,
      membersOnly: true,
      allocation: 'first_come',
      createdBy: 'demo-admin',
      createdAt: at(-2, 9),
    },
    {
      ...base,
      _id: 'act-contract-talk',
      unionId: 'u-city',
      title: '《劳动合同法》与平台用工权益讲座',
      category: 'talk',
      description: '工会法律援助律师讲解劳动合同、工时与休息、工伤保险和平台规则申诉，现场答疑。新就业形态劳动者欢迎参加。',
      place: '示范市职工服务中心 三楼报告厅',
      startAt: at(14, 14),
      endAt: at(14, 16),
      signupOpensAt: at(3, 9),
      signupClosesAt: at(13, 18),
      cancelCutoffAt: at(13, 12),
      capacity: 80,
      membersOnly: false,
      allocation: 'first_come',
      createdBy: 'demo-admin',
      createdAt: at(-1, 11),
    },
  ]
}
