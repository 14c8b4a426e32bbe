import type { ActionOutput } from '@shared/contract'
import { addWorkingDays, chinaDay } from '@shared/rules/china-time'
import { workCalendar } from '@shared/rules/work-calendar'
import { addPeople, CITY_ADMIN, COURIER_STAFF, DELIVERY_STAFF, MEMBER, OTHER_MEMBER, requestId, storedCase, wageCase } from './complaints-fixtures'
import { expectOk, localCloudForTests } from './harness'

type StaffCase = ActionOutput<'complaints', 'transition'>

/** An admin of the courier federation: serves the case's union, as the city admin does. */
const COURIER_ADMIN = 'cm-admin-courier'

const today = () => chinaDay(new Date())
const national = workCalendar()

describe('complaints as work orders: tiers, extensions, referrals, callback and quality check', () => {
  const cloud = localCloudForTests({
    prepare: async (cloud) => {
      await addPeople(cloud)
      await cloud.insert('staff', [{ _id: 'cm-s-courier-admin', openid: COURIER_ADMIN, unionId: 'u-courier', role: 'admin', name: '吴主席', createdAt: new Date() }])
    },
  })

  const fileCase = async () => expectOk(await cloud.call('complaints', 'file', wageCase(), { as: MEMBER, requestId: requestId() }))
  const accept = async (complaintId: string, tier: 'general' | 'difficult' | 'complex' = 'general') =>
    expectOk(await cloud.call('complaints', 'transition', { complaintId, to: 'accepted', tier }, { as: COURIER_STAFF, requestId: requestId() }))
  /** Handles (if only accepted) and resolves. */
  const resolve = async (complaintId: string) => {
    if ((await stored(complaintId)).status === 'accepted') {
      expectOk(await cloud.call('complaints', 'transition', { complaintId, to: 'in_progress' }, { as: COURIER_STAFF, requestId: requestId() }))
    }
    return expectOk(await cloud.call('complaints', 'transition', { complaintId, to: 'resolved', note: '已补发工资' }, { as: COURIER_STAFF, requestId: requestId() }))
  }
  const stored = async (complaintId: string) => (await cloud.collection<Record<string, unknown> & { _id: string }>('complaints')).find((doc) => doc._id === complaintId)!

  it('needs a tier to accept, and the tier sets the resolve clock the worker counts down', async () => {
    const { complaintId } = await fileCase()
    expect(await cloud.call('complaints', 'transition', { complaintId, to: 'accepted' }, { as: COURIER_STAFF })).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', message: '请选择案件分级', fields: [{ path: 'tier', message: '请选择案件分级' }] },
    })
    expect(await cloud.call('complaints', 'transition', { complaintId, to: 'accepted', tier: 'urgent' as never }, { as: COURIER_STAFF })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: [{ path: 'tier', message: '案件分级不在可选范围内' }] },
    })
    const accepted = await accept(complaintId, 'difficult')
    const day = addWorkingDays(today(), 30, national)
    expect(accepted).toMatchObject({ tier: 'difficult', deadline: { kind: 'resolve', day, workingDaysLeft: 30, countdown: '还剩 30 个工作日', dueToday: false, extension: null } })
    expect(accepted.timeline.at(-1)).toMatchObject({ kind: 'status', to: 'accepted', tier: 'difficult', day })
    const owner = expectOk(await cloud.call('complaints', 'get', { complaintId }, { as: MEMBER }))
    expect(owner).toMatchObject({ viewer: 'owner', tier: 'difficult', deadline: { countdown: '还剩 30 个工作日' } })
    expect(await stored(complaintId)).toMatchObject({ tier: 'difficult', acceptedOnTime: true })
  })

  it('extends a stage once, with the reason the worker reads and the audit log keeps; a second extension is refused', async () => {
    const { complaintId, deadline } = await fileCase()
    const extended = expectOk(await cloud.call('complaints', 'extend', { complaintId, days: 3, reason: '需要调取更多证据材料' }, { as: COURIER_STAFF, requestId: requestId() }))
    const day = addWorkingDays(deadline!.day, 3, national)
    expect(extended.deadline).toMatchObject({ kind: 'accept', day, extension: { fromDay: deadline!.day, toDay: day, days: 3, reason: '需要调取更多证据材料' } })
    expect(extended.can.extend).toBe(false)
    expect(await cloud.call('complaints', 'extend', { complaintId, days: 1, reason: '再延一天' }, { as: COURIER_STAFF, requestId: requestId() })).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringMatching(/^本阶段的期限已于 .+ 延长过一次，不能再延期$/) },
    })
    const owner = expectOk(await cloud.call('complaints', 'get', { complaintId }, { as: MEMBER }))
    expect(owner.deadline).toMatchObject({ day, extension: { reason: '需要调取更多证据材料' } })
    expect(owner.timeline.at(-1)).toMatchObject({ actor: 'staff', kind: 'extended', note: '需要调取更多证据材料', day })
    type Entry = { action: string; targetId: string; actorName: string; detail: Record<string, unknown>; before: Record<string, unknown>; after: Record<string, unknown> }
    const audit = (await cloud.collection<Entry>('auditLog')).filter((entry) => entry.targetId === complaintId)
    expect(audit.map(({ action, actorName, detail, before, after }) => ({ action, actorName, detail, before, after }))).toEqual([
      {
        action: 'complaints.extend',
        actorName: expect.any(String),
        detail: expect.objectContaining({ stage: 'accept', days: 3, reason: '需要调取更多证据材料' }),
        before: { status: 'submitted', deadline: deadline!.day },
        after: { status: 'submitted', deadline: day },
      },
    ])
    // 操作记录 shows it in words.
    const [shown] = expectOk(await cloud.call('staff', 'auditLog', { action: 'complaints.extend' }, { as: CITY_ADMIN })).items
    expect(shown).toMatchObject({ actionLabel: '延长期限', changes: [{ field: 'deadline', label: '期限', before: deadline!.day, after: day }] })
    expect(shown!.details).toEqual(expect.arrayContaining([{ field: 'stage', label: '延期的阶段', value: '受理' }, { field: 'reason', label: '原因', value: '需要调取更多证据材料' }]))

    // The resolve stage is a new stage: it may be extended once too, and the promise after acceptance counts.
    const accepted = await accept(complaintId)
    expect(accepted.can.extend).toBe(true)
    const again = expectOk(await cloud.call('complaints', 'extend', { complaintId, days: 5, reason: '用人单位未按时答复' }, { as: COURIER_STAFF, requestId: requestId() }))
    expect(again.deadline).toMatchObject({ kind: 'resolve', day: addWorkingDays(accepted.deadline!.day, 5, national) })
  })

  it('extends once even when two staff extend at the same moment', async () => {
    const { complaintId } = await fileCase()
    await cloud.insert('staff', [{ _id: `cm-s-race-${complaintId}`, openid: `cm-race-${complaintId}`, unionId: 'u-courier', role: 'staff', name: '郑干事', createdAt: new Date() }])
    const results = await Promise.all([
      cloud.call('complaints', 'extend', { complaintId, days: 2, reason: '需要调取更多证据材料' }, { as: COURIER_STAFF, requestId: requestId() }),
      cloud.call('complaints', 'extend', { complaintId, days: 4, reason: '用人单位未按时答复' }, { as: `cm-race-${complaintId}`, requestId: requestId() }),
    ])
    expect(results.filter((result) => result.ok)).toHaveLength(1)
    expect(results.filter((result) => !result.ok)).toEqual([{ ok: false, error: { code: 'CONFLICT', message: expect.any(String) } }])
    const timeline = (await stored(complaintId)).timeline as Array<{ kind: string }>
    expect(timeline.filter((entry) => entry.kind === 'extended')).toHaveLength(1)
  })

  it('refuses extensions with bad input, on finished cases, and to staff of other unions', async () => {
    const { complaintId } = await fileCase()
    for (const [input, path, message] of [
      [{ complaintId, days: 0, reason: '需要调取更多证据材料' }, 'days', '延期天数不能小于 1'],
      [{ complaintId, days: 31, reason: '需要调取更多证据材料' }, 'days', '延期天数不能大于 30'],
      [{ complaintId, days: 3, reason: ' ' }, 'reason', '延期理由至少 2 个字'],
    ] as const) {
      expect(await cloud.call('complaints', 'extend', input, { as: COURIER_STAFF })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [{ path, message }] } })
    }
    expect(await cloud.call('complaints', 'extend', { complaintId, days: 3, reason: '理由充分' }, { as: DELIVERY_STAFF })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await cloud.call('complaints', 'extend', { complaintId, days: 3, reason: '理由充分' }, { as: MEMBER })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    await accept(complaintId)
    await resolve(complaintId)
    expect(await cloud.call('complaints', 'extend', { complaintId, days: 3, reason: '理由充分' }, { as: COURIER_STAFF })).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: '案件当前为「已办结」，没有可以延长的期限' },
    })
    expect((await stored(complaintId)).deadlines).toMatchObject({ acceptExtension: null, resolveExtension: null })
  })

  it('refers a case on its own clock, pauses the resolve clock, and takes the feedback back into handling', async () => {
    const { complaintId } = await fileCase()
    const accepted = await accept(complaintId, 'difficult')
    expect(await cloud.call('complaints', 'refer', { complaintId, department: 'other', note: '转交区总工会法律服务站' }, { as: COURIER_STAFF })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: [{ path: 'departmentName', message: '请填写部门名称' }] },
    })
    const referred = expectOk(await cloud.call('complaints', 'refer', { complaintId, department: 'labour_inspection', note: '用人单位拒不支付，转劳动监察立案' }, { as: COURIER_STAFF, requestId: requestId() }))
    const dueDay = addWorkingDays(today(), 10, national)
    expect(referred).toMatchObject({
      status: 'referred',
      referral: { department: '人社劳动监察', note: '用人单位拒不支付，转劳动监察立案', day: dueDay, overdue: false, feedback: null },
      deadline: { kind: 'referral', day: dueDay, sentence: expect.stringContaining('已转交人社劳动监察') },
      can: { referralFeedback: true, refer: false, extend: false },
    })
    expect(await stored(complaintId)).toMatchObject({ referral: { resolveDaysLeft: 30 } })
    expect(await cloud.call('complaints', 'transition', { complaintId, to: 'resolved', note: '已办结' }, { as: COURIER_STAFF })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(await cloud.call('complaints', 'extend', { complaintId, days: 2, reason: '等待反馈' }, { as: COURIER_STAFF })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })

    const back = expectOk(await cloud.call('complaints', 'referralFeedback', { complaintId, note: '劳动监察已责令限期支付' }, { as: COURIER_STAFF, requestId: requestId() }))
    expect(back).toMatchObject({ status: 'in_progress', referral: { feedback: { note: '劳动监察已责令限期支付' } }, deadline: { kind: 'resolve', day: accepted.deadline!.day } })
    const owner = expectOk(await cloud.call('complaints', 'get', { complaintId }, { as: MEMBER }))
    expect(owner.timeline.slice(-2).map((entry) => [entry.kind, entry.department, entry.to, entry.day])).toEqual([
      ['referred', '人社劳动监察', 'referred', dueDay],
      ['feedback', '人社劳动监察', 'in_progress', accepted.deadline!.day],
    ])
    expect(await cloud.call('complaints', 'referralFeedback', { complaintId, note: '再反馈一次' }, { as: COURIER_STAFF })).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: '案件当前为「处理中」，没有等待反馈的转办' },
    })
  })

  it('flags a referral past its clock in the list and on the case', async () => {
    const past = new Date(Date.now() - 3 * 86_400_000)
    const referral = { department: 'housing', departmentName: '住建', note: '工地欠薪转住建', at: past, dueAt: past, dueDay: chinaDay(past), provisional: false, resolveDaysLeft: 5, feedback: null }
    await cloud.insert('complaints', [{ ...storedCase({ _id: 'cm-referral-0001', status: 'referred', dueAt: past }), referral }])
    const list = expectOk(await cloud.call('complaints', 'list', { overdueOnly: true, page: 1, pageSize: 50 }, { as: COURIER_STAFF }))
    const row = list.items.find((item) => item.complaintId === 'cm-referral-0001')
    expect(row).toMatchObject({ status: 'referred', deadline: { kind: 'referral', overdue: true, countdown: expect.stringMatching(/^已超期/) } })
    const seen = expectOk(await cloud.call('complaints', 'get', { complaintId: 'cm-referral-0001' }, { as: COURIER_STAFF })) as StaffCase
    expect(seen.referral).toMatchObject({ department: '住建', overdue: true })
  })

  it('sorts open cases by the time left and counts what is due today', async () => {
    const endOfToday = new Date(`${today()}T23:59:59.999+08:00`)
    await cloud.insert('complaints', [storedCase({ _id: 'cm-duetoday-0001', status: 'in_progress', dueAt: endOfToday })])
    const list = expectOk(await cloud.call('complaints', 'list', { page: 1, pageSize: 50 }, { as: COURIER_STAFF }))
    const row = list.items.find((item) => item.complaintId === 'cm-duetoday-0001')!
    expect(row.deadline).toMatchObject({ dueToday: true, overdue: false, workingDaysLeft: 0, countdown: '今天到期' })
    expect(list.dueToday).toBeGreaterThanOrEqual(1)
    const lefts = list.items.map((item) => item.deadline!.dueAt)
    expect([...lefts].sort()).toEqual(lefts)
  })

  it('records a callback that did not reach the worker and waits; reached, it goes to the quality check', async () => {
    const { complaintId } = await fileCase()
    await accept(complaintId)
    expect(await cloud.call('complaints', 'callback', { complaintId, reached: true, satisfaction: 'satisfied' }, { as: COURIER_STAFF })).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: '案件当前为「已受理」，办结后才能回访' },
    })
    await resolve(complaintId)
    expect(await cloud.call('complaints', 'callback', { complaintId, reached: true }, { as: COURIER_STAFF })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: [{ path: 'satisfaction', message: '请选择求助人的满意度' }] },
    })
    const missed = expectOk(await cloud.call('complaints', 'callback', { complaintId, reached: false, note: '电话无人接听' }, { as: COURIER_STAFF, requestId: requestId() }))
    expect(missed).toMatchObject({ status: 'resolved', callback: null, can: { callback: true } })
    const reached = expectOk(await cloud.call('complaints', 'callback', { complaintId, reached: true, satisfaction: 'neutral', note: '工资已到账，希望今后按时发放' }, { as: COURIER_STAFF, requestId: requestId() }))
    expect(reached).toMatchObject({ status: 'reviewing', callback: { by: 'staff', reached: true, satisfaction: 'neutral' }, can: { callback: false, qualityCheck: false } })
    expect(reached.timeline.slice(-2).map((entry) => [entry.kind, entry.reached, entry.satisfaction, entry.to])).toEqual([
      ['callback', false, null, null],
      ['callback', true, 'neutral', 'reviewing'],
    ])
    // The worker can still rate it once, without moving it.
    const rated = expectOk(await cloud.call('complaints', 'rate', { complaintId, score: 3 }, { as: MEMBER, requestId: requestId() }))
    expect(rated).toMatchObject({ status: 'reviewing', rating: { score: 3 }, canRate: false })
  })

  it('lets only an admin serving the case run the quality check, which passes or reopens with a note', async () => {
    const { complaintId } = await fileCase()
    await accept(complaintId)
    expect(await cloud.call('complaints', 'qualityCheck', { complaintId, passed: true }, { as: CITY_ADMIN })).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: '案件当前为「已受理」，回访完成后才能质检' },
    })
    await resolve(complaintId)
    expectOk(await cloud.call('complaints', 'rate', { complaintId, score: 2, comment: '只补了一个月' }, { as: MEMBER, requestId: requestId() }))
    expect(await cloud.call('complaints', 'qualityCheck', { complaintId, passed: true }, { as: COURIER_STAFF })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await cloud.call('complaints', 'qualityCheck', { complaintId, passed: false }, { as: COURIER_ADMIN })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: [{ path: 'note', message: '请填写退回重办的理由' }] },
    })
    const reopened = expectOk(await cloud.call('complaints', 'qualityCheck', { complaintId, passed: false, note: '只追回一个月工资，请继续督促' }, { as: COURIER_ADMIN, requestId: requestId() }))
    const day = addWorkingDays(today(), 15, national)
    expect(reopened).toMatchObject({ status: 'in_progress', callback: null, qualityCheck: { passed: false, note: '只追回一个月工资，请继续督促' }, deadline: { kind: 'resolve', day }, can: { extend: true } })
    expect(reopened.timeline.at(-1)).toMatchObject({ kind: 'quality', from: 'reviewing', to: 'in_progress', day })

    await resolve(complaintId)
    const owner = expectOk(await cloud.call('complaints', 'get', { complaintId }, { as: MEMBER }))
    expect(owner).toMatchObject({ status: 'resolved', canRate: true })
    expectOk(await cloud.call('complaints', 'rate', { complaintId, score: 5, comment: '两个月工资都拿到了' }, { as: MEMBER, requestId: requestId() }))
    const closed = expectOk(await cloud.call('complaints', 'qualityCheck', { complaintId, passed: true }, { as: CITY_ADMIN, requestId: requestId() }))
    expect(closed).toMatchObject({ status: 'closed', qualityCheck: { passed: true }, rating: { score: 5 } })
    expect(await stored(complaintId)).toMatchObject({ resolvedOnTime: true, status: 'closed' })
    expect(await cloud.call('complaints', 'qualityCheck', { complaintId, passed: false, note: '再查' }, { as: CITY_ADMIN })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
  })

  it('keeps every new step from the worker and from staff of other unions', async () => {
    const { complaintId } = await fileCase()
    for (const [action, input] of [
      ['extend', { complaintId, days: 1, reason: '理由充分' }],
      ['refer', { complaintId, department: 'legal_aid', note: '申请法律援助' }],
      ['referralFeedback', { complaintId, note: '反馈' }],
      ['callback', { complaintId, reached: false }],
    ] as const) {
      expect([action, await cloud.send('complaints', { action, input }, { as: OTHER_MEMBER })]).toEqual([action, { ok: false, error: { code: 'FORBIDDEN', message: '此功能仅限工会工作人员使用' } }])
      expect([action, await cloud.send('complaints', { action, input }, { as: DELIVERY_STAFF })]).toEqual([action, { ok: false, error: { code: 'NOT_FOUND', message: '案件不存在，或您无权查看' } }])
    }
  })
})
