import type { ActionInput } from '@shared/contract'
import { expectOk, type LocalCloud } from './harness'

/**
 * People and activities shared by the activity function tests. Members are inserted with their own
 * openids so these tests do not depend on how the join seed sets people up.
 */
export const COURIER_STAFF = 'demo-staff'
export const CITY_ADMIN = 'demo-admin'
export const DELIVERY_STAFF = 'act-staff-delivery'
export const WORKER = 'act-worker'
export const DELIVERY_MEMBER = 'act-member-delivery'

export const memberOpenid = (n: number) => `act-m-${String(n).padStart(4, '0')}`

/** `count` active members of the courier federation (act-m-0001 …), one of the delivery federation, and its staff. */
export async function addPeople(cloud: LocalCloud, count: number): Promise<void> {
  const joined = new Date('2025-03-01T09:00:00+08:00')
  const surnames = ['张', '王', '李', '赵', '刘', '陈', '杨', '黄']
  await cloud.insert('members', [
    ...Array.from({ length: count }, (_, i) => ({
      _id: `act-member-${String(i + 1).padStart(4, '0')}`,
      openid: memberOpenid(i + 1),
      unionId: 'u-courier',
      memberNumber: `2025${String(10_000 + i).padStart(8, '0')}`,
      name: `${surnames[i % surnames.length]}师傅${i + 1}`,
      status: 'active',
      joinedAt: joined,
      createdAt: joined,
    })),
    { _id: 'act-member-delivery', openid: DELIVERY_MEMBER, unionId: 'u-delivery', memberNumber: '202599990001', name: '骑手小周', status: 'active', joinedAt: joined, createdAt: joined },
  ])
  await cloud.insert('staff', [{ _id: 'act-staff-delivery', openid: DELIVERY_STAFF, unionId: 'u-delivery', role: 'staff', name: '赵干事', createdAt: joined }])
}

const HOUR = 3600_000
export const inHours = (hours: number) => new Date(Date.now() + hours * HOUR).toISOString()

/** A first-come courier activity whose sign-up is open now; times relative to now. */
export function activityInput(overrides: Partial<ActionInput<'activities', 'save'>> = {}): ActionInput<'activities', 'save'> {
  return {
    unionId: 'u-courier',
    title: '快递小哥防暑降温慰问',
    category: 'care',
    description: '为一线快递员发放防暑降温礼包，凭会员码到现场领取。',
    place: '滨江区江南大道 88 号 快递员爱心驿站',
    startAt: inHours(48),
    endAt: inHours(52),
    signupOpensAt: inHours(-1),
    signupClosesAt: inHours(24),
    cancelCutoffAt: inHours(36),
    capacity: 50,
    membersOnly: false,
    allocation: 'first_come',
    coverFileId: null,
    ...overrides,
  }
}

export { requestId } from './harness'

/** The outbox messages (local subscribe messages) sent to one person. */
export async function outboxFor(cloud: LocalCloud, openid: string): Promise<Array<{ template: string; data: Record<string, string>; page: string }>> {
  return (await cloud.collection<{ toOpenid: string; template: string; data: Record<string, string>; page: string }>('outbox')).filter(
    (message) => message.toOpenid === openid,
  )
}

/** Saves and publishes an activity as courier staff; resolves its id. */
export async function publishActivity(cloud: LocalCloud, overrides: Partial<ActionInput<'activities', 'save'>> = {}, as = COURIER_STAFF): Promise<string> {
  const draft = expectOk(await cloud.call('activities', 'save', activityInput(overrides), { as }))
  expectOk(await cloud.call('activities', 'publish', { activityId: draft.activityId }, { as }))
  return draft.activityId
}

export interface StoredActivity {
  _id: string
  capacity: number
  confirmedCount: number
  lineOpen: boolean
  promotion: { signupId: string; token: string } | null
  entryCount: number
  drawStatus: string | null
  seedSecret?: string
  coverFileId: string | null
}

export interface StoredSignup {
  _id: string
  activityId: string
  openid: string
  status: string
  waitlistedAt: string | null
  waitlistSeq: number | null
  drawRank: number | null
  cancelledFrom: string | null
  promotedAt: string | null
  checkedInAt: string | null
}

export async function storedActivity(cloud: LocalCloud, activityId: string): Promise<StoredActivity> {
  const found = (await cloud.collection<StoredActivity>('activities')).find((doc) => doc._id === activityId)
  if (!found) throw new Error(`activity ${activityId} not stored`)
  return found
}

export async function storedSignups(cloud: LocalCloud, activityId: string): Promise<StoredSignup[]> {
  return (await cloud.collection<StoredSignup>('signups')).filter((doc) => doc.activityId === activityId)
}
