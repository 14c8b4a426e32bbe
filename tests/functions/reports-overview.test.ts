import { addDays, chinaDay } from '@shared/rules/china-time'
import { activityInput, publishActivity } from './activities-fixtures'
import { wageCase } from './complaints-fixtures'
import { NOT_YET_HANDLED } from '../../cloudfunctions/src/complaints/work-order'
import { expectOk, localCloudForTests, type LocalCloud } from './harness'
import { application, idFrom } from './membership-fixtures'
import { CITY_TREE, comparable, directCount } from './reports-fixtures'

/**
 * reports.overview: who may see which unions, China days, and exactness against a direct count of
 * the stored documents, before any fold (everything from the tail), after folds, and with folds
 * racing the writes.
 */

const CITY_ADMIN = 'demo-admin'
const COURIER_STAFF = 'demo-staff'
const BINJIANG_ADMIN = 'rp-admin-binjiang'
const BINJIANG_STAFF = 'rp-staff-binjiang'
const china = (local: string) => new Date(`${local}+08:00`)

const member = (fields: Record<string, unknown> & { _id: string; unionId: string }) => ({
  openid: `rp-${fields._id}`,
  memberNumber: `2025${fields._id.replace(/\D/g, '').padStart(8, '0')}`,
  name: '测试会员',
  status: 'active',
  employmentType: 'employee',
  employer: '示范纺织有限公司',
  platform: null,
  occupation: '纺织工',
  district: '滨江区',
  joinedAt: china('2025-03-01T09:00:00'),
  since: china('2025-03-01T09:00:00'),
  history: [],
  applicationId: `ap-${fields._id}`,
  ...fields,
})

const storedApplication = (fields: Record<string, unknown> & { _id: string; unionId: string; status: string; createdAt: Date }) => ({
  openid: `rp-applicant-${fields._id}`,
  kind: 'join',
  fromUnionId: null,
  memberId: null,
  name: '申请人',
  employmentType: 'employee',
  employer: '示范纺织有限公司',
  platform: null,
  occupation: '纺织工',
  district: '滨江区',
  rejectReason: null,
  decidedAt: null,
  decidedBy: null,
  ...fields,
})

const caseAt = (fields: Record<string, unknown> & { _id: string; unionId: string; status: string; filedAt: Date }) => ({
  trackingNumber: `WQ20250101-${fields._id.slice(-4)}`,
  ownerOpenid: 'rp-owner',
  rootUnionId: 'u-city',
  routedBy: 'membership',
  memberNumber: null,
  isMember: true,
  district: null,
  category: 'wage_arrears',
  description: '存量案件',
  employer: '示范市某某物流',
  amountOwedFen: null,
  occurredOn: '2025-01-01',
  attachments: [],
  anonymous: false,
  contactPhoneCipher: null,
  callerNameCipher: null,
  contentCheck: { suggest: 'pass', label: null },
  deadlines: {
    acceptBy: new Date((fields.filedAt as Date).getTime() + 3 * 86_400_000),
    acceptByDay: '2025-01-01',
    acceptProvisional: false,
    acceptExtension: null,
    resolveBy: null,
    resolveByDay: null,
    resolveProvisional: false,
    resolveExtension: null,
  },
  dueAt: null,
  tier: null,
  ...NOT_YET_HANDLED,
  intake: null,
  escalation: null,
  rating: null,
  timeline: [],
  updatedAt: fields.filedAt,
  acceptedAt: null,
  resolvedAt: null,
  closedAt: null,
  ...fields,
})

/** Stored data of 2025 (never folded: it counts from the tail until a fold takes it). */
async function storeHistory(cloud: LocalCloud): Promise<void> {
  await cloud.insert('staff', [
    { _id: 'rp-s1', openid: BINJIANG_ADMIN, unionId: 'u-binjiang', role: 'admin', name: '滨江管理员', createdAt: new Date() },
    { _id: 'rp-s2', openid: BINJIANG_STAFF, unionId: 'u-binjiang', role: 'staff', name: '滨江干事', createdAt: new Date() },
  ])
  await cloud.insert('members', [
    member({ _id: 'rp-m01', unionId: 'u-ent-textile', joinedAt: china('2025-01-31T23:30:00') }),
    member({ _id: 'rp-m02', unionId: 'u-ent-textile', joinedAt: china('2025-02-01T00:10:00') }),
    member({ _id: 'rp-m03', unionId: 'u-binjiang', employmentType: 'platform', platform: '美团', joinedAt: china('2025-02-14T10:00:00') }),
    member({ _id: 'rp-m04', unionId: 'u-binjiang', employmentType: 'flexible', district: '西湖区', joinedAt: china('2025-02-20T10:00:00') }),
    // Joined the delivery federation, moved to binjiang on 4-30 at 23:50 China time (April), then to textile in May.
    member({
      _id: 'rp-m05',
      unionId: 'u-ent-textile',
      employmentType: 'platform',
      platform: '饿了么',
      joinedAt: china('2025-03-10T09:00:00'),
      since: china('2025-05-06T09:00:00'),
      history: [
        { unionId: 'u-delivery', from: china('2025-03-10T09:00:00'), to: china('2025-04-30T23:50:00') },
        { unionId: 'u-binjiang', from: china('2025-04-30T23:50:00'), to: china('2025-05-06T09:00:00') },
      ],
    }),
    member({ _id: 'rp-m06', unionId: 'u-binjiang', status: 'left', joinedAt: china('2025-03-03T09:00:00') }),
    member({ _id: 'rp-m07', unionId: 'u-xihu', district: '西湖区', joinedAt: china('2025-03-04T09:00:00') }),
  ])
  await cloud.insert('applications', [
    storedApplication({ _id: 'rp-a1', unionId: 'u-ent-textile', status: 'approved', createdAt: china('2025-01-31T23:30:00'), decidedAt: china('2025-02-03T10:00:00') }),
    storedApplication({ _id: 'rp-a2', unionId: 'u-binjiang', status: 'rejected', createdAt: china('2025-02-10T09:00:00'), decidedAt: china('2025-02-10T18:00:00') }),
    // The same person again after the refusal: two applications, one of each outcome.
    storedApplication({ _id: 'rp-a3', openid: 'rp-applicant-rp-a2', unionId: 'u-binjiang', status: 'approved', createdAt: china('2025-02-11T09:00:00'), decidedAt: china('2025-02-12T09:00:00') }),
    storedApplication({ _id: 'rp-a4', unionId: 'u-binjiang', status: 'pending', createdAt: china('2025-02-20T09:00:00') }),
    storedApplication({ _id: 'rp-a5', unionId: 'u-xihu', status: 'approved', createdAt: china('2025-02-21T09:00:00'), decidedAt: china('2025-02-28T09:00:00') }),
    storedApplication({ _id: 'rp-a6', kind: 'transfer', unionId: 'u-binjiang', status: 'approved', createdAt: china('2025-04-29T09:00:00'), decidedAt: china('2025-04-30T23:50:00') }),
  ])
  await cloud.insert('complaints', [
    caseAt({ _id: 'rp-c0001', unionId: 'u-binjiang', status: 'submitted', filedAt: china('2025-01-31T23:30:00') }),
    caseAt({ _id: 'rp-c0002', unionId: 'u-binjiang', status: 'rejected', category: 'labour_contract', filedAt: china('2025-02-03T09:00:00'), closedAt: china('2025-02-04T09:00:00') }),
    caseAt({ _id: 'rp-c0003', unionId: 'u-ent-textile', status: 'rejected', filedAt: china('2025-02-03T09:00:00'), closedAt: china('2025-02-20T09:00:00') }),
    caseAt({
      _id: 'rp-c0004',
      unionId: 'u-ent-textile',
      status: 'closed',
      category: 'social_insurance',
      filedAt: china('2025-02-05T09:00:00'),
      resolvedAt: china('2025-02-15T09:00:00'),
      closedAt: china('2025-02-16T09:00:00'),
      deadlines: { acceptBy: china('2025-02-07T23:59:59'), acceptByDay: '2025-02-07', resolveBy: china('2025-02-28T23:59:59'), resolveByDay: '2025-02-28' },
      rating: { score: 5, comment: null, at: china('2025-02-16T09:00:00') },
    }),
    caseAt({
      _id: 'rp-c0005',
      unionId: 'u-binjiang',
      status: 'resolved',
      filedAt: china('2025-02-06T09:00:00'),
      resolvedAt: china('2025-03-30T09:00:00'),
      deadlines: { acceptBy: china('2025-02-08T23:59:59'), acceptByDay: '2025-02-08', resolveBy: china('2025-03-01T23:59:59'), resolveByDay: '2025-03-01' },
      rating: { score: 2, comment: '太慢', at: china('2025-03-31T09:00:00') },
    }),
    // Open and past its deadline now, in binjiang and beside it.
    caseAt({ _id: 'rp-c0006', unionId: 'u-binjiang', status: 'accepted', filedAt: china('2025-03-01T09:00:00'), dueAt: china('2025-03-20T23:59:59') }),
    caseAt({ _id: 'rp-c0007', unionId: 'u-xihu', status: 'in_progress', filedAt: china('2025-03-01T09:00:00'), dueAt: china('2025-03-20T23:59:59') }),
  ])
  const activity = (id: string, unionId: string, startAt: Date, fields: Record<string, unknown> = {}) => ({
    ...activityInput({ unionId }),
    _id: id,
    startAt,
    endAt: new Date(startAt.getTime() + 2 * 3600_000),
    signupOpensAt: new Date(startAt.getTime() - 10 * 86_400_000),
    signupClosesAt: new Date(startAt.getTime() - 86_400_000),
    cancelCutoffAt: new Date(startAt.getTime() - 86_400_000),
    capacity: 10,
    confirmedCount: 0,
    waitlistCount: 0,
    status: 'published',
    createdBy: CITY_ADMIN,
    createdAt: new Date(startAt.getTime() - 20 * 86_400_000),
    ...fields,
  })
  await cloud.insert('activities', [
    activity('rp-act1', 'u-binjiang', china('2025-03-08T09:00:00')),
    activity('rp-act2', 'u-ent-textile', china('2025-03-31T23:00:00'), { capacity: 4 }),
    activity('rp-act3', 'u-binjiang', china('2025-03-09T09:00:00'), { status: 'cancelled' }),
  ])
  const signup = (id: string, activityId: string, unionId: string, status: string, activityStartAt: Date) => ({
    _id: id,
    activityId,
    unionId,
    openid: `rp-${id}`,
    memberId: null,
    memberNumber: null,
    allocation: 'first_come',
    status,
    attempt: 1,
    pendingSince: new Date(activityStartAt.getTime() - 5 * 86_400_000),
    waitlistSeq: null,
    drawRank: null,
    signedUpAt: new Date(activityStartAt.getTime() - 5 * 86_400_000),
    confirmedAt: null,
    promotedAt: null,
    cancelledAt: null,
    cancelledFrom: null,
    cancelReason: null,
    checkedInAt: status === 'checked_in' ? activityStartAt : null,
    checkedInBy: null,
    checkInMethod: null,
    activityStartAt,
    activityEndAt: new Date(activityStartAt.getTime() + 2 * 3600_000),
  })
  await cloud.insert('signups', [
    signup('rp-su1', 'rp-act1', 'u-binjiang', 'checked_in', china('2025-03-08T09:00:00')),
    signup('rp-su2', 'rp-act1', 'u-binjiang', 'confirmed', china('2025-03-08T09:00:00')),
    signup('rp-su3', 'rp-act1', 'u-binjiang', 'waitlisted', china('2025-03-08T09:00:00')),
    signup('rp-su4', 'rp-act1', 'u-binjiang', 'cancelled', china('2025-03-08T09:00:00')),
    signup('rp-su5', 'rp-act2', 'u-ent-textile', 'checked_in', china('2025-03-31T23:00:00')),
    signup('rp-su6', 'rp-act3', 'u-binjiang', 'cancelled', china('2025-03-09T09:00:00')),
  ])
}

describe('reports.overview', () => {
  // Few instances: the race below starts dozens of calls at once on a loaded 2-core machine.
  const cloud = localCloudForTests({ maxInstances: 3, prepare: storeHistory })
  const overview = (as: string, unionId: string, from: string, to: string) => cloud.call('reports', 'overview', { unionId, from, to }, { as })
  const fold = async () => expect(await cloud.timer('reports', 'foldRollups')).toMatchObject({ ok: true, data: { more: false } })
  const pendingLeft = async () => {
    const names = ['members', 'applications', 'complaints', 'activities', 'signups']
    const docs = (await Promise.all(names.map((name) => cloud.collection<{ rollupPending?: boolean }>(name)))).flat()
    return docs.filter((doc) => doc.rollupPending !== false).length
  }

  describe('who sees what', () => {
    it('a staff member sees their union alone; a union outside what they serve is refused', async () => {
      const own = expectOk(await overview(COURIER_STAFF, 'u-courier', '2025-01-01', '2025-12-31'))
      expect(own.scope).toBe('union')
      expect(own.members.byUnion.map((row) => row.unionId)).toEqual(['u-courier'])
      for (const unionId of ['u-city', 'u-delivery', 'u-binjiang']) {
        expect(await overview(COURIER_STAFF, unionId, '2025-01-01', '2025-12-31')).toEqual({
          ok: false,
          error: { code: 'FORBIDDEN', message: '只能查看你所服务工会的数据' },
        })
      }
    })

    it('an admin sees the subtree of any union at or below theirs, and nothing above or beside it', async () => {
      const city = expectOk(await overview(CITY_ADMIN, 'u-city', '2025-01-01', '2025-12-31'))
      expect(city.scope).toBe('subtree')
      expect(city.members.byUnion.map((row) => row.unionId).sort()).toEqual([...CITY_TREE].sort())
      const binjiang = expectOk(await overview(BINJIANG_ADMIN, 'u-binjiang', '2025-01-01', '2025-12-31'))
      expect(binjiang.members.byUnion.map((row) => row.unionId).sort()).toEqual(['u-binjiang', 'u-ent-textile'])
      const textile = expectOk(await overview(BINJIANG_ADMIN, 'u-ent-textile', '2025-01-01', '2025-12-31'))
      expect(textile.scope).toBe('subtree')
      expect(textile.members.byUnion.map((row) => row.unionId)).toEqual(['u-ent-textile'])
      for (const unionId of ['u-city', 'u-xihu', 'u-ent-logistics']) {
        expect(await overview(BINJIANG_ADMIN, unionId, '2025-01-01', '2025-12-31')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      }
    })

    it('staff of a union with unions below it see that union alone, not what is below', async () => {
      const report = expectOk(await overview(BINJIANG_STAFF, 'u-binjiang', '2025-01-01', '2025-12-31'))
      expect(report.scope).toBe('union')
      expect(report.members.byUnion).toEqual([{ unionId: 'u-binjiang', name: '滨江区长河街道工会联合会', count: 2 }])
      expect(comparable(report)).toEqual(await directCount(cloud, ['u-binjiang'], '2025-01-01', '2025-12-31'))
    })

    it('refuses members, signed-out callers, unknown unions and bad ranges, naming the field; a refusal stores nothing', async () => {
      const before = JSON.stringify(cloud.cloud.contents())
      expect(await overview('demo-member', 'u-courier', '2025-01-01', '2025-01-31')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      expect(await cloud.call('reports', 'overview', { unionId: 'u-courier', from: '2025-01-01', to: '2025-01-31' })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
      expect(await overview(CITY_ADMIN, 'u-nowhere', '2025-01-01', '2025-01-31')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', fields: [{ path: 'unionId' }] } })
      expect(await overview(CITY_ADMIN, 'u-city', '2025-02-01', '2025-01-31')).toEqual({
        ok: false,
        error: { code: 'INVALID_INPUT', message: '结束日期不能早于开始日期', fields: [{ path: 'to', message: '结束日期不能早于开始日期' }] },
      })
      expect(await overview(CITY_ADMIN, 'u-city', '2025-01-01', '2026-01-02')).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [{ path: 'to', message: '统计区间最长 366 天，请缩短' }] } })
      expect(await overview(CITY_ADMIN, 'u-city', '2025-02-30', '2025-03-01')).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', fields: [{ path: 'from', message: '开始日期格式不正确，应为 年-月-日' }] },
      })
      // Not even a fold: nothing pending was taken into the rollups on a refused call.
      expect(JSON.stringify(cloud.cloud.contents())).toBe(before)
    })
  })

  describe('China days', () => {
    it('an admission, an application and a case at 23:30 on the 31st count in that day and month; 00:10 on the 1st in the next', async () => {
      for (const when of ['before any fold', 'after a fold']) {
        if (when === 'after a fold') await fold()
        const january = expectOk(await overview(BINJIANG_ADMIN, 'u-binjiang', '2025-01-01', '2025-01-31'))
        expect(january.members.byMonth).toEqual([{ month: '2025-01', admitted: 1, transferredIn: 0, transferredOut: 0 }])
        expect(january.funnel).toMatchObject({ applied: 1, approved: 1, medianDaysToDecision: 3 })
        expect(january.complaints.filed).toBe(1)
        const lastDay = expectOk(await overview(BINJIANG_ADMIN, 'u-binjiang', '2025-01-31', '2025-01-31'))
        expect(lastDay.members.byMonth[0]!.admitted).toBe(1)
        const firstOfFebruary = expectOk(await overview(BINJIANG_ADMIN, 'u-binjiang', '2025-02-01', '2025-02-01'))
        expect(firstOfFebruary.members.byMonth).toEqual([{ month: '2025-02', admitted: 1, transferredIn: 0, transferredOut: 0 }])
        expect(firstOfFebruary.funnel.applied).toBe(0)
        // The transfer at 23:50 on April 30: out of delivery and into binjiang in April.
        const april = expectOk(await overview(CITY_ADMIN, 'u-city', '2025-04-01', '2025-04-30'))
        expect(april.members.byMonth).toEqual([{ month: '2025-04', admitted: 0, transferredIn: 1, transferredOut: 1 }])
      }
    })
  })

  describe('every number, counted by hand', () => {
    it('滨江 and the textile company below it over 2025, before and after a fold', async () => {
      const month = (m: string, admitted: number, transferredIn = 0, transferredOut = 0) => ({ month: `2025-${m}`, admitted, transferredIn, transferredOut })
      const nonZero = <T extends { count: number }>(rows: T[]) => rows.filter((row) => row.count > 0)
      for (const when of ['before', 'after']) {
        if (when === 'after') await fold()
        const report = expectOk(await overview(BINJIANG_ADMIN, 'u-binjiang', '2025-01-01', '2025-12-31'))
        // m06 has left; m07 is in 西湖; m05 came from the delivery federation, so its admission is not 滨江's.
        expect(report.members.current).toBe(5)
        expect(report.members.byUnion).toEqual([
          { unionId: 'u-ent-textile', name: '示范纺织有限公司工会', count: 3 },
          { unionId: 'u-binjiang', name: '滨江区长河街道工会联合会', count: 2 },
        ])
        expect([...report.members.byPlatform].sort((a, b) => a.platform.localeCompare(b.platform))).toEqual(
          [{ platform: '美团', count: 1 }, { platform: '饿了么', count: 1 }].sort((a, b) => a.platform.localeCompare(b.platform)),
        )
        expect(report.members.byDistrict).toEqual([{ district: '滨江区', count: 4 }, { district: '西湖区', count: 1 }])
        expect(new Map(report.members.byEmploymentType.map((row) => [row.employmentType, row.count]))).toEqual(new Map([['employee', 2], ['platform', 2], ['flexible', 1]]))
        expect(report.members.byMonth).toEqual([
          month('01', 1), month('02', 3), month('03', 1), month('04', 0, 1), month('05', 0, 1, 1),
          ...['06', '07', '08', '09', '10', '11', '12'].map((m) => month(m, 0)),
        ])
        // a1 (3 days), a2 (same day), a3 (1 day), a4 pending; a5 is 西湖's, a6 a transfer.
        expect(report.funnel).toEqual({ applied: 4, approved: 2, rejected: 1, pending: 1, medianDaysToDecision: 1 })
        // c2 refused in time, c3 refused late, c4 resolved in time, c5 resolved late; c6 is past its step's deadline now.
        expect(report.complaints).toMatchObject({ filed: 6, decided: 4, decidedOnTime: 2, onTimeShare: 0.5, overdueNow: 1, rated: 2, averageRating: 3.5 })
        expect(nonZero(report.complaints.byCategory)).toEqual([
          { category: 'wage_arrears', count: 4 },
          { category: 'labour_contract', count: 1 },
          { category: 'social_insurance', count: 1 },
        ])
        expect(nonZero(report.complaints.byStatus)).toEqual([
          { status: 'submitted', count: 1 },
          { status: 'accepted', count: 1 },
          { status: 'resolved', count: 1 },
          { status: 'closed', count: 1 },
          { status: 'rejected', count: 2 },
        ])
        // act3 was cancelled; waitlisted and cancelled sign-ups hold no seat.
        expect(report.activities).toEqual({ count: 2, capacity: 14, seatsFilled: 3, fillShare: 3 / 14, startedSeats: 3, checkedIn: 2, checkInShare: 2 / 3 })
      }
    })
  })

  describe('exactness', () => {
    const ranges: Array<[string, string]> = [
      ['2025-01-01', '2025-12-31'],
      ['2025-01-31', '2025-03-08'],
      ['2025-02-14', '2025-02-14'],
    ]
    const unionsToCheck: Array<[string, string, string[]]> = [
      [CITY_ADMIN, 'u-city', CITY_TREE],
      [BINJIANG_ADMIN, 'u-binjiang', ['u-binjiang', 'u-ent-textile']],
      [CITY_ADMIN, 'u-xihu', ['u-xihu', 'u-ent-logistics']],
      [CITY_ADMIN, 'u-freight', ['u-freight']],
    ]
    const expectExact = async (extraRanges: Array<[string, string]> = []) => {
      for (const [as, unionId, scope] of unionsToCheck) {
        for (const [from, to] of [...ranges, ...extraRanges]) {
          const report = expectOk(await overview(as, unionId, from, to))
          expect({ unionId, from, to, ...comparable(report) }).toEqual({ unionId, from, to, ...(await directCount(cloud, scope, from, to)) })
        }
      }
    }

    it('agrees with a direct count of the stored documents, before and after folding', async () => {
      await expectExact()
      await fold()
      expect(await pendingLeft()).toBe(0)
      await expectExact()
    })

    it('an empty union reports zeros and no shares', async () => {
      const report = expectOk(await overview(CITY_ADMIN, 'u-freight', '2025-01-01', '2025-12-31'))
      expect(report.members).toMatchObject({ current: 0, byPlatform: [], byDistrict: [], byEmploymentType: [] })
      expect(report.members.byMonth).toHaveLength(12)
      expect(report.funnel).toEqual({ applied: 0, approved: 0, rejected: 0, pending: 0, medianDaysToDecision: null })
      expect(report.complaints).toMatchObject({ filed: 0, decided: 0, onTimeShare: null, overdueNow: 0, averageRating: null })
      expect(report.activities).toEqual({ count: 0, capacity: 0, seatsFilled: 0, fillShare: null, startedSeats: 0, checkedIn: 0, checkInShare: null })
    })

    it('stays exact through joins, a refusal and a resubmission, a transfer, cases and sign-ups made by the actions, folded or not', async () => {
      const today = chinaDay(new Date())
      const recent: Array<[string, string]> = [[addDays(today, -30), addDays(today, 30)], [today, today]]
      const workers = ['rp-w1', 'rp-w2']
      const before = expectOk(await overview(COURIER_STAFF, 'u-courier', recent[0]![0], recent[0]![1]))
      // Worker 1 joins the courier federation; worker 2 is refused, applies again and is admitted.
      const first = expectOk(await cloud.call('membership', 'apply', application({ idNumber: idFrom('33010819900101001'), phone: '13800000001' }), { as: workers[0] }))
      expectOk(await cloud.call('membership', 'review', { applicationId: first.applicationId, decision: 'approve' }, { as: COURIER_STAFF }))
      const second = expectOk(await cloud.call('membership', 'apply', application({ idNumber: idFrom('33010819900101002'), phone: '13800000002' }), { as: workers[1] }))
      await expectExact(recent)
      expectOk(await cloud.call('membership', 'review', { applicationId: second.applicationId, decision: 'reject', reason: '信息不完整，请补充' }, { as: COURIER_STAFF }))
      await fold()
      const again = expectOk(await cloud.call('membership', 'apply', application({ idNumber: idFrom('33010819900101002'), phone: '13800000002' }), { as: workers[1] }))
      expectOk(await cloud.call('membership', 'review', { applicationId: again.applicationId, decision: 'approve' }, { as: COURIER_STAFF }))
      await expectExact(recent)
      // Worker 1 moves to the delivery federation; the city admin approves.
      const move = expectOk(await cloud.call('membership', 'transfer', { toUnionId: 'u-delivery' }, { as: workers[0] }))
      expectOk(await cloud.call('membership', 'review', { applicationId: move.applicationId, decision: 'approve' }, { as: CITY_ADMIN }))
      // Worker 2 files a case; staff accept it. An activity with two sign-ups, one cancelled.
      const filed = expectOk(await cloud.call('complaints', 'file', wageCase(), { as: workers[1] }))
      expectOk(await cloud.call('complaints', 'transition', { complaintId: filed.complaintId, to: 'accepted', tier: 'general' }, { as: COURIER_STAFF }))
      const activityId = await publishActivity(cloud)
      for (const openid of workers) expectOk(await cloud.call('activities', 'signUp', { activityId }, { as: openid }))
      expectOk(await cloud.call('activities', 'cancel', { activityId }, { as: workers[0] }))
      expect(await pendingLeft()).toBeGreaterThan(0)
      await expectExact(recent)
      await fold()
      expect(await pendingLeft()).toBe(0)
      await expectExact(recent)
      const courier = expectOk(await overview(COURIER_STAFF, 'u-courier', recent[0]![0], recent[0]![1]))
      expect(courier.funnel.applied - before.funnel.applied).toBe(3)
      expect(courier.funnel.approved - before.funnel.approved).toBe(2)
      expect(courier.funnel.rejected - before.funnel.rejected).toBe(1)
      const movedOut = (report: typeof courier) => report.members.byMonth.reduce((sum, row) => sum + row.transferredOut, 0)
      expect(movedOut(courier) - movedOut(before)).toBe(1)
    })

    it('stays exact when folds race the writes they fold', async () => {
      const filedAt = new Date(Date.now() - 2 * 86_400_000)
      const cases = Array.from({ length: 24 }, (_v, i) => ({
        ...caseAt({ _id: `rp-race-${String(i).padStart(4, '0')}`, unionId: 'u-courier', status: 'submitted', filedAt, trackingNumber: `WQ20990101-${String(i).padStart(4, '0')}` }),
        deadlines: { acceptBy: new Date(Date.now() + 86_400_000), acceptByDay: addDays(chinaDay(new Date()), 1), acceptProvisional: false, acceptExtension: null, resolveBy: null, resolveByDay: null, resolveProvisional: false, resolveExtension: null },
        dueAt: new Date(Date.now() + 86_400_000),
      }))
      await cloud.insert('complaints', cases)
      await fold()
      // Each case moved twice (accepted, then rejected or on to in_progress) while two folds run one after another.
      let writing = true
      const writes = Promise.all(
        cases.map(async (c, i) => {
          expectOk(await cloud.call('complaints', 'transition', { complaintId: c._id, to: i % 3 === 0 ? 'rejected' : 'accepted', ...(i % 3 === 0 ? { note: '不属于受理范围' } : { tier: 'general' }) }, { as: COURIER_STAFF }))
          if (i % 3 !== 0) expectOk(await cloud.call('complaints', 'transition', { complaintId: c._id, to: 'in_progress' }, { as: COURIER_STAFF }))
        }),
      ).finally(() => {
        writing = false
      })
      const folding = Promise.all(
        [0, 1].map(async () => {
          let folded = 0
          while (writing) {
            const result = await cloud.timer('reports', 'foldRollups')
            expect(result).toMatchObject({ ok: true })
            folded += (result as { data: { folded: number } }).data.folded
          }
          return folded
        }),
      )
      await writes
      const folded = (await folding).reduce((sum, n) => sum + n, 0)
      expect(folded).toBeGreaterThan(0)
      const today = chinaDay(new Date())
      await expectExact([[addDays(today, -7), today]])
      await fold()
      expect(await pendingLeft()).toBe(0)
      await expectExact([[addDays(today, -7), today]])
    })
  })
})
