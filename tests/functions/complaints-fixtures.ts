import type { ActionInput } from '@shared/contract'
import { addDays, chinaDay } from '@shared/rules/china-time'
import { EVIDENCE_DIR } from '@shared/rules/complaint-evidence'
import { uploadAs, type LocalCloud } from './harness'

/**
 * People and inputs shared by the complaint function tests. Members are inserted with their own
 * openids (not `demo-member`) so these tests do not depend on how the join seed sets people up.
 */
export const MEMBER = 'cm-member-courier'
export const OTHER_MEMBER = 'cm-member-courier-2'
export const WORKER = 'cm-worker'
export const COURIER_STAFF = 'demo-staff'
export const DELIVERY_STAFF = 'cm-staff-delivery'
export const CITY_ADMIN = 'demo-admin'

export async function addPeople(cloud: LocalCloud): Promise<void> {
  const joined = new Date('2025-03-01T09:00:00+08:00')
  await cloud.insert('members', [
    { _id: 'cm-m1', openid: MEMBER, unionId: 'u-courier', memberNumber: '202500004270', status: 'active', createdAt: joined },
    { _id: 'cm-m2', openid: OTHER_MEMBER, unionId: 'u-courier', memberNumber: '202500004288', status: 'active', createdAt: joined },
  ])
  await cloud.insert('staff', [{ _id: 'cm-s1', openid: DELIVERY_STAFF, unionId: 'u-delivery', role: 'staff', name: '赵干事', createdAt: joined }])
}

/** A China calendar date `days` before today. */
export function daysAgo(days: number): string {
  return addDays(chinaDay(new Date()), -days)
}

export function wageCase(overrides: Partial<ActionInput<'complaints', 'file'>> = {}): ActionInput<'complaints', 'file'> {
  return {
    category: 'wage_arrears',
    description: '快递站点拖欠我九月、十月两个月的工资，每月应发 4200 元，站长一直推说总部没打款。',
    employer: '示范市某某快递站点',
    amountOwed: '8400.00',
    occurredOn: daysAgo(20),
    attachments: [],
    anonymous: false,
    ...overrides,
  }
}

/** A real 1×1 PNG: storage sniffs the content, and browsers can show it. */
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64')

/** Uploads an evidence image the way the H5 client does; resolves the HTTP status and the file ID. */
export function uploadEvidence(cloud: LocalCloud, openid: string, file: Buffer = PNG): Promise<{ status: number; fileID?: string; message?: string }> {
  return uploadAs(cloud, openid, EVIDENCE_DIR, file)
}

export { requestId } from './harness'

/** A stored case in any state, for states no action reaches quickly (overdue, resolved a week ago). */
export function storedCase(fields: {
  _id: string
  status: string
  unionId?: string
  rootUnionId?: string
  ownerOpenid?: string
  dueAt?: Date | null
  resolvedAt?: Date | null
  trackingNumber?: string
  category?: string
  tier?: string | null
}) {
  const filedAt = new Date(Date.now() - 30 * 86_400_000)
  const resolveByDay = fields.dueAt ? chinaDay(fields.dueAt) : null
  return {
    trackingNumber: `WQ20200101-${fields._id.slice(-4).padStart(4, '0')}`,
    ownerOpenid: OTHER_MEMBER,
    unionId: 'u-courier',
    rootUnionId: 'u-city',
    routedBy: 'membership',
    memberNumber: '202500004288',
    isMember: true,
    district: null,
    category: 'wage_arrears',
    description: '存量案件，用于测试逾期与自动结案。',
    employer: '示范市某某物流',
    amountOwedFen: 100000,
    occurredOn: '2020-01-01',
    attachments: [],
    anonymous: false,
    contactPhoneCipher: null,
    callerNameCipher: null,
    contentCheck: { suggest: 'pass', label: null },
    tier: fields.status === 'submitted' ? null : 'general',
    deadlines: {
      acceptBy: filedAt,
      acceptByDay: chinaDay(filedAt),
      acceptProvisional: false,
      acceptExtension: null,
      resolveBy: fields.dueAt ?? null,
      resolveByDay,
      resolveProvisional: false,
      resolveExtension: null,
    },
    dueAt: null,
    acceptedOnTime: null,
    resolvedOnTime: null,
    escalation: null,
    referral: null,
    callback: null,
    qualityCheck: null,
    rating: null,
    intake: null,
    timeline: [
      { at: filedAt, actor: 'complainant', kind: 'filed', from: null, to: 'submitted', note: null, letterType: null, score: null, tier: null, day: null, department: null, reached: null, satisfaction: null },
    ],
    filedAt,
    updatedAt: filedAt,
    acceptedAt: null,
    resolvedAt: null,
    closedAt: null,
    ...fields,
  }
}
