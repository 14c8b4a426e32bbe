import type { ActionInput } from '@shared/contract'
import { COMPLAINT_CATEGORIES, CATEGORY_RULES } from '@shared/rules/complaint-categories'
import { TRACKING_NUMBER_PATTERN } from '@shared/rules/tracking-number'
import { addPeople, COURIER_STAFF, CITY_ADMIN, daysAgo, MEMBER, requestId, wageCase, WORKER } from './complaints-fixtures'
import { expectOk, localCloudForTests } from './harness'

type FileInput = ActionInput<'complaints', 'file'>

describe('complaints.file on the local cloud', () => {
  const cloud = localCloudForTests({ prepare: (cloud) => addPeople(cloud) })

  const file = (input: FileInput, as: string | null = MEMBER) => cloud.call('complaints', 'file', input, { as, requestId: requestId() })

  it.each(COMPLAINT_CATEGORIES.map((category) => [category]))('files a %s case for a member, routed to their union', async (category) => {
    const input = CATEGORY_RULES[category].asksAmount ? wageCase({ category }) : wageCase({ category, amountOwed: undefined })
    const filed = expectOk(await file(input))
    expect(filed).toMatchObject({
      viewer: 'owner',
      category,
      status: 'submitted',
      union: { unionId: 'u-courier', name: '示范市快递行业工会联合会' },
      amountOwed: category === 'wage_arrears' ? '8400.00' : null,
      canRate: false,
      deadline: { kind: 'accept', overdue: false },
    })
    expect(filed.trackingNumber).toMatch(TRACKING_NUMBER_PATTERN)
    expect(filed.deadline?.sentence).toMatch(/^工会将在 \d{1,2}月\d{1,2}日 前受理$/)
    expect(filed.timeline).toEqual([expect.objectContaining({ actor: 'complainant', kind: 'filed', to: 'submitted' })])

    const [stored] = (await cloud.collection<Record<string, unknown>>('complaints')).filter((doc) => doc._id === filed.complaintId)
    expect(stored).toMatchObject({ ownerOpenid: MEMBER, unionId: 'u-courier', category, memberNumber: '202500004270' })
    expect(stored!.amountOwedFen).toBe(category === 'wage_arrears' ? 840000 : null)
  })

  it('routes a non-member to the federation of their district, else to the city federation', async () => {
    const binjiang = expectOk(await file(wageCase({ district: '滨江区' }), WORKER))
    expect(binjiang.union).toEqual({ unionId: 'u-binjiang', name: '滨江区长河街道工会联合会' })
    const elsewhere = expectOk(await file(wageCase({ district: '上城区' }), WORKER))
    expect(elsewhere.union.unionId).toBe('u-city')
    // Staff of the routed union see it, and the city admin sees every union below theirs (as in
    // joining and activities); staff of a sibling union do not.
    expect((await cloud.call('complaints', 'get', { complaintId: elsewhere.complaintId }, { as: CITY_ADMIN })).ok).toBe(true)
    expect((await cloud.call('complaints', 'get', { complaintId: binjiang.complaintId }, { as: CITY_ADMIN })).ok).toBe(true)
    for (const complaintId of [elsewhere.complaintId, binjiang.complaintId]) {
      expect(await cloud.call('complaints', 'get', { complaintId }, { as: COURIER_STAFF })).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      })
    }
  })

  it('asks a non-member for their district, and tells where a case would go', async () => {
    expect(await file(wageCase(), WORKER)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: [{ path: 'district', message: expect.stringContaining('区县') }] },
    })
    const where = expectOk(await cloud.call('complaints', 'destination', { district: '西湖区' }, { as: WORKER }))
    expect(where).toEqual({ isMember: false, union: { unionId: 'u-xihu', name: '西湖区西溪街道工会联合会' }, districts: ['拱墅区', '滨江区', '西湖区'].sort((a, b) => a.localeCompare(b, 'zh-Hans-CN')) })
    const member = expectOk(await cloud.call('complaints', 'destination', {}, { as: MEMBER }))
    expect(member).toMatchObject({ isMember: true, union: { unionId: 'u-courier' } })
  })

  const badFields: Array<[field: string, input: Record<string, unknown>, message: RegExp]> = [
    ['category', { category: 'gossip' }, /求助类型/],
    ['category', { category: undefined }, /请选择求助类型/],
    ['description', { description: '太短' }, /情况描述至少 10 个字/],
    ['description', { description: 12345 }, /情况描述必须是文字/],
    ['description', { description: '欠'.repeat(2001) }, /情况描述不能超过 2000 个字/],
    ['employer', { employer: undefined }, /请填写用人单位或平台/],
    ['amountOwed', { amountOwed: undefined }, /请填写拖欠金额/],
    ['amountOwed', { amountOwed: '12.345' }, /最多保留两位小数/],
    ['amountOwed', { amountOwed: '-3' }, /不能为负数/],
    ['amountOwed', { amountOwed: true }, /拖欠金额必须是数字/],
    ['occurredOn', { occurredOn: daysAgo(-2) }, /不能晚于今天/],
    ['occurredOn', { occurredOn: '2026-02-30' }, /发生日期格式不正确/],
    ['attachments', { attachments: Array.from({ length: 10 }, (_, i) => `cloud://env.bucket/complaint-evidence/${i}.png`) }, /最多 9 张/],
    ['attachments.0', { attachments: ['https://example.com/a.png'] }, /证据图片格式不正确/],
    ['anonymous', { anonymous: 'yes' }, /匿名/],
    ['contactPhone', { contactPhone: '12345' }, /联系电话/],
    ['contactPhone', { anonymous: true, contactPhone: '13812345678' }, /匿名求助不留联系电话/],
  ]

  it.each(badFields)('refuses a bad %s, naming it', async (path, change, message) => {
    const before = (await cloud.collection('complaints')).length
    const result = await file({ ...wageCase(), ...change } as FileInput)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('INVALID_INPUT')
    expect(result.error.fields).toEqual(expect.arrayContaining([expect.objectContaining({ path, message: expect.stringMatching(message) })]))
    expect((await cloud.collection('complaints')).length).toBe(before)
  })

  it('refuses risky text naming the field, storing nothing and taking no tracking number', async () => {
    const complaintsBefore = await cloud.collection('complaints')
    const countersBefore = await cloud.collection('counters')
    const result = await file(wageCase({ employer: '站长说可以去赌博网站赚钱还债' }))
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'CONTENT_REJECTED',
        message: '用人单位或平台中有不适合提交的内容，请修改这部分后再提交',
        fields: [{ path: 'employer', message: '用人单位或平台中有不适合提交的内容，请修改这部分后再提交' }],
      },
    })
    const described = await file(wageCase({ description: '老板让我们去代开发票抵工资，还拖欠了三个月的工资不发。' }))
    expect(described).toMatchObject({ ok: false, error: { code: 'CONTENT_REJECTED', fields: [{ path: 'description' }] } })
    expect(await cloud.collection('complaints')).toEqual(complaintsBefore)
    expect(await cloud.collection('counters')).toEqual(countersBefore)
  })

  it('checks text as it reads: zero-width characters neither fill a description nor hide a blocked word', async () => {
    const before = cloud.cloud.contents()
    const blank = await file(wageCase({ description: '\u200b'.repeat(12) }))
    expect(blank).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [{ path: 'description' }] } })
    const hidden = await file(wageCase({ employer: '站长说可以去赌\u200b博\u2060网站赚钱还债' }))
    expect(hidden).toMatchObject({ ok: false, error: { code: 'CONTENT_REJECTED', fields: [{ path: 'employer' }] } })
    expect(cloud.cloud.contents()).toEqual(before)
  })

  it('keeps text the check sends for review, and flags it for staff', async () => {
    const filed = expectOk(await file(wageCase({ description: '站长让我们加微信转账押金，不交就扣工资，已经拖欠两个月了。' })))
    const seen = expectOk(await cloud.call('complaints', 'get', { complaintId: filed.complaintId }, { as: COURIER_STAFF }))
    expect(seen).toMatchObject({ viewer: 'staff', contentCheck: 'review' })
  })

  it('files once per requestId: a double tap or a retry returns the same case', async () => {
    const id = requestId()
    const before = (await cloud.collection('complaints')).length
    const [first, second] = await Promise.all([
      cloud.call('complaints', 'file', wageCase(), { as: MEMBER, requestId: id }),
      cloud.call('complaints', 'file', wageCase(), { as: MEMBER, requestId: id }),
    ])
    const again = await cloud.call('complaints', 'file', wageCase(), { as: MEMBER, requestId: id })
    const oks = [first, second, again].filter((result) => result.ok)
    expect(oks.length).toBeGreaterThanOrEqual(2)
    expect(new Set(oks.map((result) => (result.ok ? result.data.trackingNumber : '')))).toEqual(new Set([expectOk(again).trackingNumber]))
    expect((await cloud.collection('complaints')).length).toBe(before + 1)
  })

  it('refuses a caller who is not signed in', async () => {
    expect(await file(wageCase(), null)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
  })

  it('lists the caller’s own cases only, newest first', async () => {
    const mine = expectOk(await cloud.call('complaints', 'mine', { page: 1, pageSize: 50 }, { as: WORKER }))
    expect(mine.items.length).toBe(2)
    expect(mine.items.every((item) => item.union.unionId === 'u-city' || item.union.unionId === 'u-binjiang')).toBe(true)
    expect(mine.items[0]!.filedAt >= mine.items[1]!.filedAt).toBe(true)
  })
})
