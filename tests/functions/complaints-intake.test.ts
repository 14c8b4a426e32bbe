import type { ActionInput } from '@shared/contract'
import { CLAIM_REFUSED } from '@shared/rules/complaint-handling'
import { addPeople, COURIER_STAFF, daysAgo, DELIVERY_STAFF, MEMBER, OTHER_MEMBER, requestId, wageCase, WORKER } from './complaints-fixtures'
import { expectOk, localCloudForTests } from './harness'

const CALLER_PHONE = '13987654321'
const CALLER = 'cm-hotline-caller'

function hotlineCase(overrides: Partial<ActionInput<'complaints', 'intake'>> = {}): ActionInput<'complaints', 'intake'> {
  return {
    category: 'wage_arrears',
    description: '来电人反映：在快递分拣中心做临时工三个月，最后一个月工资 3600 元至今未发。',
    employer: '示范市某某快递分拣中心',
    amountOwed: '3600',
    occurredOn: daysAgo(10),
    callerName: '陈大勇',
    callerPhone: CALLER_PHONE,
    ...overrides,
  }
}

const refused = { ok: false, error: { code: 'NOT_FOUND', message: CLAIM_REFUSED } }
const limited = { ok: false, error: { code: 'RATE_LIMITED', message: '尝试次数过多，请一小时后再试，或拨打 12351 查询' } }

describe('phone-in intake and the caller claiming the case in the app', () => {
  const cloud = localCloudForTests({ freshEachTest: true, prepare: (cloud) => addPeople(cloud) })

  const take = async (overrides: Partial<ActionInput<'complaints', 'intake'>> = {}) =>
    expectOk(await cloud.call('complaints', 'intake', hotlineCase(overrides), { as: COURIER_STAFF, requestId: requestId() }))
  const claim = (trackingNumber: string, phoneLast4 = '4321', name = '陈大勇', as = CALLER) =>
    cloud.call('complaints', 'claim', { trackingNumber, phoneLast4, name }, { as, requestId: requestId() })

  it('files a case for a hotline caller, with the phone and name encrypted and masked', async () => {
    const taken = await take({ tier: 'difficult' })
    expect(taken).toMatchObject({
      viewer: 'staff',
      status: 'submitted',
      tier: 'difficult',
      union: { unionId: 'u-courier' },
      complainant: { anonymous: false, isMember: false, memberNumber: null, contactPhoneMasked: '139****4321' },
      intake: { callerName: '陈**', claimed: false },
      deadline: { kind: 'accept' },
      amountOwed: '3600.00',
    })
    expect(taken.trackingNumber).toMatch(/^WQ\d{8}-\d{4}$/)
    expect(taken.timeline).toEqual([expect.objectContaining({ actor: 'staff', kind: 'filed', note: '12351 热线来电登记', tier: 'difficult', day: taken.deadline!.day })])
    const [stored] = await cloud.collection<Record<string, unknown>>('complaints')
    expect(stored).toMatchObject({ ownerOpenid: null, routedBy: 'intake', rootUnionId: 'u-city', intake: { takenBy: COURIER_STAFF, claimedAt: null } })
    const text = JSON.stringify(stored)
    expect(text).not.toContain(CALLER_PHONE)
    expect(text).not.toContain('陈大勇')
    const audit = (await cloud.collection<{ action: string; targetId: string; before: unknown; after: Record<string, unknown> }>('auditLog')).filter(
      (entry) => entry.targetId === taken.complaintId,
    )
    expect(audit.map(({ action, before, after }) => ({ action, before, after }))).toEqual([
      { action: 'complaints.intake', before: null, after: { category: 'wage_arrears', tier: 'difficult', callerName: '陈**', contactPhone: expect.stringMatching(/^\d{3}\*{4}\d{4}$/) } },
    ])
    expect(JSON.stringify(audit)).not.toContain(CALLER_PHONE)
    expect(JSON.stringify(audit)).not.toContain('陈大勇')
    // Staff see it in their list; nobody has it in 我的求助 yet.
    expect(expectOk(await cloud.call('complaints', 'list', { page: 1, pageSize: 50 }, { as: COURIER_STAFF })).items.map((item) => item.complaintId)).toEqual([taken.complaintId])
  })

  it('refuses intake with bad input (nothing stored), for a union the staff member does not serve, and to non-staff', async () => {
    for (const [overrides, path, message] of [
      [{ callerPhone: '12345' }, 'callerPhone', '来电号码应为 11 位数字'],
      [{ callerName: '陈' }, 'callerName', '来电人姓名至少 2 个字'],
      [{ amountOwed: undefined }, 'amountOwed', '请填写拖欠金额'],
      [{ tier: 'urgent' as never }, 'tier', '案件分级不在可选范围内'],
    ] as const) {
      expect(await cloud.call('complaints', 'intake', hotlineCase(overrides), { as: COURIER_STAFF })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', fields: [{ path, message }] },
      })
    }
    expect(await cloud.call('complaints', 'intake', hotlineCase({ unionId: 'u-courier' }), { as: DELIVERY_STAFF })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: [{ path: 'unionId', message: '请选择您所服务的工会' }] },
    })
    expect(await cloud.call('complaints', 'intake', hotlineCase(), { as: MEMBER })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await cloud.collection('complaints')).toEqual([])
  })

  it('lets the caller claim it with the tracking number, last four digits and name; it then shows in 我的求助', async () => {
    const taken = await take()
    const claimed = expectOk(await claim(taken.trackingNumber.toLowerCase()))
    expect(claimed).toMatchObject({ viewer: 'owner', complaintId: taken.complaintId, contactPhone: '139****4321', status: 'submitted' })
    expect(claimed.timeline.at(-1)).toMatchObject({ actor: 'complainant', kind: 'claimed' })
    const mine = expectOk(await cloud.call('complaints', 'mine', { page: 1, pageSize: 20 }, { as: CALLER }))
    expect(mine.items.map((item) => item.trackingNumber)).toEqual([taken.trackingNumber])
    // Claiming again is harmless; nobody else can claim it afterwards, and they learn nothing.
    expect(expectOk(await claim(taken.trackingNumber)).complaintId).toBe(taken.complaintId)
    expect(await claim(taken.trackingNumber, '4321', '陈大勇', OTHER_MEMBER)).toEqual(refused)
    const staffView = expectOk(await cloud.call('complaints', 'get', { complaintId: taken.complaintId }, { as: COURIER_STAFF }))
    expect(staffView).toMatchObject({ viewer: 'staff', intake: { claimed: true } })
    // The caller now follows it like any case of theirs, and gets the messages.
    expectOk(await cloud.call('complaints', 'transition', { complaintId: taken.complaintId, to: 'accepted', tier: 'general' }, { as: COURIER_STAFF }))
    const outbox = (await cloud.collection<{ toOpenid: string; data: Record<string, string> }>('outbox')).filter((message) => message.data.character_string1 === taken.trackingNumber)
    expect(outbox.map((message) => [message.toOpenid, message.data.phrase2])).toEqual([[CALLER, '已受理']])
  })

  it('answers every wrong claim the same way, whatever was wrong and whether or not the case exists', async () => {
    const taken = await take()
    const workerCase = expectOk(await cloud.call('complaints', 'file', wageCase(), { as: MEMBER, requestId: requestId() }))
    const answers = [
      await claim(taken.trackingNumber, '1234'),
      await claim(taken.trackingNumber, '4321', '陈小勇'),
      await claim('WQ20200101-0001'),
      await claim(workerCase.trackingNumber, '4321', '陈大勇'),
    ]
    expect(answers).toEqual([refused, refused, refused, refused])
    expect(await cloud.call('complaints', 'claim', { trackingNumber: 'WQ-12', phoneLast4: '12a4', name: '陈大勇' }, { as: CALLER })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: [{ path: 'trackingNumber', message: '查询编号格式不正确，如 WQ20261127-0042' }, { path: 'phoneLast4', message: '请填写来电手机号的后四位数字' }] },
    })
    const [stored] = (await cloud.collection<{ _id: string; ownerOpenid: string | null }>('complaints')).filter((doc) => doc._id === taken.complaintId)
    expect(stored!.ownerOpenid).toBeNull()
  })

  it('allows 5 tries per tracking number an hour, then RATE_LIMITED even with the right answers, and for numbers no case has', async () => {
    const taken = await take()
    for (let i = 0; i < 5; i += 1) expect(await claim(taken.trackingNumber, '0000', '陈大勇', WORKER)).toEqual(refused)
    expect(await claim(taken.trackingNumber)).toEqual(limited)
    for (let i = 0; i < 5; i += 1) expect(await claim('WQ20200101-0002', '0000')).toEqual(refused)
    expect(await claim('WQ20200101-0002', '0000')).toEqual(limited)
    // Tries older than an hour no longer count.
    const hourAgo = new Date(Date.now() - 61 * 60 * 1000)
    await cloud.insert('rateLimits', [{ _id: 'claim:WQ20200101-0003', attempts: [hourAgo, hourAgo, hourAgo, hourAgo, hourAgo], version: 5 }])
    expect(await claim('WQ20200101-0003')).toEqual(refused)
  })

  it('holds the limit when many tries arrive at once', async () => {
    const taken = await take()
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => claim(taken.trackingNumber, String(1000 + i), '陈大勇', `cm-guesser-${i}`)))
    expect(answers.filter((answer) => answer.ok === false && answer.error.code === 'NOT_FOUND')).toHaveLength(5)
    expect(answers.filter((answer) => answer.ok === false && answer.error.code === 'RATE_LIMITED')).toHaveLength(7)
    // The seed's own join application holds a limit of its own (membership.apply); this one is the claim's.
    const limit = (await cloud.collection<{ _id: string; attempts: unknown[] }>('rateLimits')).find((entry) => entry._id === `claim:${taken.trackingNumber}`)
    expect(limit).toBeDefined()
    expect(limit!.attempts).toHaveLength(5)
  })
})
