import type { ActionInput, ActionOutput } from '@shared/contract'
import { canMove, COMPLAINT_STATUSES, type ComplaintStatus } from '@shared/rules/complaint-status'
import {
  addPeople,
  CITY_ADMIN,
  COURIER_STAFF,
  DELIVERY_STAFF,
  MEMBER,
  OTHER_MEMBER,
  requestId,
  storedCase,
  wageCase,
  WORKER,
} from './complaints-fixtures'
import { expectOk, localCloudForTests } from './harness'

type TransitionInput = ActionInput<'complaints', 'transition'>
type CaseView = ActionOutput<'complaints', 'get'>

function asStaff(view: CaseView): Extract<CaseView, { viewer: 'staff' }> {
  if (view.viewer !== 'staff') throw new Error(`expected the staff view, got ${view.viewer}`)
  return view
}

describe('handling complaints on the local cloud', () => {
  const cloud = localCloudForTests({
    prepare: async (cloud) => {
      await addPeople(cloud)
      await cloud.insert('staff', [{ _id: 'cm-s2', openid: 'cm-staff-courier-2', unionId: 'u-courier', role: 'staff', name: '钱干事', createdAt: new Date() }])
    },
  })

  const fileCase = async (overrides: Partial<ActionInput<'complaints', 'file'>> = {}, as = MEMBER) =>
    expectOk(await cloud.call('complaints', 'file', wageCase(overrides), { as, requestId: requestId() }))
  const move = (complaintId: string, to: ComplaintStatus, as = COURIER_STAFF) => {
    const input: TransitionInput = { complaintId, to, note: `说明：${to}`, letterType: 'reminder', tier: 'general' }
    return cloud.call('complaints', 'transition', input, { as, requestId: requestId() })
  }

  it('runs a case from filing to closing: accept, reply, handle, resolve, rate (the callback), quality check', async () => {
    const filed = await fileCase({ contactPhone: '13812345678' })
    const accepted = expectOk(await move(filed.complaintId, 'accepted'))
    expect(accepted).toMatchObject({ viewer: 'staff', status: 'accepted', deadline: { kind: 'resolve' }, nextStatuses: ['in_progress', 'escalated'] })
    expect(accepted.deadline?.sentence).toMatch(/^工会将在 \d{1,2}月\d{1,2}日 前办结$/)

    const replied = expectOk(await cloud.call('complaints', 'reply', { complaintId: filed.complaintId, message: '已联系站点负责人，请保留好考勤记录。' }, { as: COURIER_STAFF, requestId: requestId() }))
    expect(replied.status).toBe('accepted')
    expectOk(await move(filed.complaintId, 'in_progress'))
    const resolved = expectOk(await move(filed.complaintId, 'resolved'))
    expect(resolved).toMatchObject({ status: 'resolved', deadline: null, canReply: false, nextStatuses: [] })

    const seen = expectOk(await cloud.call('complaints', 'get', { complaintId: filed.complaintId }, { as: MEMBER }))
    expect(seen).toMatchObject({ viewer: 'owner', status: 'resolved', canRate: true, contactPhone: '138****5678' })
    expect(seen.timeline.map((entry) => [entry.actor, entry.kind, entry.to])).toEqual([
      ['complainant', 'filed', 'submitted'],
      ['staff', 'status', 'accepted'],
      ['staff', 'reply', null],
      ['staff', 'status', 'in_progress'],
      ['staff', 'status', 'resolved'],
    ])
    expect(seen.timeline[2]!.note).toBe('已联系站点负责人，请保留好考勤记录。')

    const rated = expectOk(await cloud.call('complaints', 'rate', { complaintId: filed.complaintId, score: 5, comment: '工会很负责' }, { as: MEMBER, requestId: requestId() }))
    expect(rated).toMatchObject({
      status: 'reviewing',
      canRate: false,
      rating: { score: 5, comment: '工会很负责' },
      callback: { by: 'complainant', reached: true, satisfaction: 'satisfied', note: '工会很负责' },
    })
    expect(rated.timeline.slice(-1).map((entry) => [entry.kind, entry.to, entry.score, entry.satisfaction])).toEqual([['rated', 'reviewing', 5, 'satisfied']])
    expect(await cloud.call('complaints', 'rate', { complaintId: filed.complaintId, score: 1 }, { as: MEMBER, requestId: requestId() })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: '您已经评价过这个案件' },
    })
    const checked = expectOk(await cloud.call('complaints', 'qualityCheck', { complaintId: filed.complaintId, passed: true }, { as: CITY_ADMIN, requestId: requestId() }))
    expect(checked).toMatchObject({ status: 'closed', qualityCheck: { passed: true }, deadline: null })

    // Each staff step is in the audit log, and the owner got a message per status change and reply.
    const audit = (await cloud.collection<{ action: string; targetId: string; actorOpenid: string }>('auditLog')).filter((entry) => entry.targetId === filed.complaintId)
    expect(audit.map((entry) => entry.action)).toEqual([
      'complaints.transition.accepted',
      'complaints.reply',
      'complaints.transition.in_progress',
      'complaints.transition.resolved',
      'complaints.qualityCheck',
    ])
    const messages = (await cloud.collection<{ toOpenid: string; data: Record<string, string> }>('outbox')).filter((message) => message.toOpenid === MEMBER)
    expect(messages.map((message) => message.data.phrase2)).toEqual(['已受理', '已受理', '处理中', '已办结', '已结案'])
    expect(messages.every((message) => message.data.character_string1 === filed.trackingNumber)).toBe(true)
  })

  it('refuses every transition the status machine does not allow, with CONFLICT', async () => {
    // Reach each status by legal moves, then try every target.
    const paths: Record<ComplaintStatus, ComplaintStatus[]> = {
      submitted: [],
      accepted: ['accepted'],
      in_progress: ['accepted', 'in_progress'],
      escalated: ['accepted', 'escalated'],
      referred: ['accepted'],
      resolved: ['accepted', 'in_progress', 'resolved'],
      reviewing: ['accepted', 'in_progress', 'resolved'],
      closed: ['accepted', 'in_progress', 'resolved'],
      rejected: ['rejected'],
    }
    let refused = 0
    for (const from of COMPLAINT_STATUSES) {
      const { complaintId } = await fileCase()
      for (const to of paths[from]) expectOk(await move(complaintId, to))
      if (from === 'referred') expectOk(await cloud.call('complaints', 'refer', { complaintId, department: 'legal_aid', note: '申请法律援助' }, { as: COURIER_STAFF }))
      if (from === 'reviewing' || from === 'closed') expectOk(await cloud.call('complaints', 'rate', { complaintId, score: 4 }, { as: MEMBER, requestId: requestId() }))
      if (from === 'closed') expectOk(await cloud.call('complaints', 'qualityCheck', { complaintId, passed: true }, { as: CITY_ADMIN }))
      for (const to of COMPLAINT_STATUSES) {
        if (canMove('transition', from, to)) continue
        const result = await move(complaintId, to)
        expect([from, to, result]).toEqual([from, to, { ok: false, error: { code: 'CONFLICT', message: expect.stringContaining(`案件当前为`) } }])
        refused += 1
      }
      const [stored] = (await cloud.collection<{ _id: string; status: string }>('complaints')).filter((doc) => doc._id === complaintId)
      expect(stored!.status).toBe(from)
    }
    expect(refused).toBe(81 - 7)
  })

  it('refuses rating before the case is resolved, and by anyone but the owner', async () => {
    const { complaintId } = await fileCase()
    expect(await cloud.call('complaints', 'rate', { complaintId, score: 3 }, { as: MEMBER, requestId: requestId() })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: '工会办结后才能评价' },
    })
    expect(await cloud.call('complaints', 'rate', { complaintId, score: 3 }, { as: OTHER_MEMBER, requestId: requestId() })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
    expect(await cloud.call('complaints', 'rate', { complaintId, score: 6 }, { as: MEMBER, requestId: requestId() })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: [{ path: 'score', message: '评分不能大于 5' }] },
    })
  })

  it('asks for a reason when rejecting, a summary when resolving, a letter type when escalating', async () => {
    const { complaintId } = await fileCase()
    expect(await cloud.call('complaints', 'transition', { complaintId, to: 'rejected' }, { as: COURIER_STAFF })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: [{ path: 'note', message: '请填写不予受理的理由' }] },
    })
    expectOk(await move(complaintId, 'accepted'))
    expect(await cloud.call('complaints', 'transition', { complaintId, to: 'escalated', note: '用人单位拒不整改' }, { as: COURIER_STAFF })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: [{ path: 'letterType', message: '请选择函件类型' }] },
    })
    const escalated = expectOk(await cloud.call('complaints', 'transition', { complaintId, to: 'escalated', note: '已向用人单位发出提示函', letterType: 'opinion' }, { as: COURIER_STAFF }))
    expect(escalated).toMatchObject({ status: 'escalated', escalation: { letterType: 'opinion' }, deadline: { kind: 'resolve' } })
    expect(escalated.deadline?.sentence).toMatch(/前反馈督办结果$/)
  })

  it('keeps cases from other workers and other unions out of reach', async () => {
    const { complaintId } = await fileCase()
    for (const [as, action] of [
      [OTHER_MEMBER, 'get'],
      [WORKER, 'get'],
      [DELIVERY_STAFF, 'get'],
    ] as const) {
      expect([as, action, await cloud.call('complaints', action, { complaintId }, { as })]).toEqual([
        as,
        action,
        { ok: false, error: { code: 'NOT_FOUND', message: '案件不存在，或您无权查看' } },
      ])
    }
    expect(await move(complaintId, 'accepted', DELIVERY_STAFF)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await cloud.call('complaints', 'reply', { complaintId, message: '你好' }, { as: DELIVERY_STAFF })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await cloud.call('complaints', 'revealContact', { complaintId }, { as: DELIVERY_STAFF })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    const other = expectOk(await cloud.call('complaints', 'list', { page: 1, pageSize: 50 }, { as: DELIVERY_STAFF }))
    expect(other.items.some((item) => item.complaintId === complaintId)).toBe(false)
    expect(JSON.stringify(expectOk(await cloud.call('complaints', 'mine', { page: 1, pageSize: 50 }, { as: OTHER_MEMBER })))).not.toContain(complaintId)
    // The city federation's admin serves every union below it, so the courier case is in reach.
    expect((await cloud.call('complaints', 'get', { complaintId }, { as: CITY_ADMIN })).ok).toBe(true)
  })

  it('refuses staff actions to people who are not staff, before reading the input', async () => {
    for (const action of ['list', 'transition', 'reply', 'revealContact', 'holidays', 'extend', 'refer', 'referralFeedback', 'callback', 'intake', 'tierSettings'] as const) {
      expect(await cloud.send('complaints', { action, input: {} }, { as: MEMBER })).toEqual({
        ok: false,
        error: { code: 'FORBIDDEN', message: '此功能仅限工会工作人员使用' },
      })
    }
    for (const action of ['closeResolved', 'qualityCheck', 'saveTierSettings', 'saveHoliday', 'removeHoliday'] as const) {
      expect(await cloud.send('complaints', { action, input: {} }, { as: COURIER_STAFF })).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: '此功能仅限工会管理员使用' } })
    }
  })

  it('shows staff an anonymous case with no trace of who filed it', async () => {
    const filed = await fileCase({ anonymous: true }, MEMBER)
    const seen = asStaff(expectOk(await cloud.call('complaints', 'get', { complaintId: filed.complaintId }, { as: COURIER_STAFF })))
    expect(seen.complainant).toEqual({ anonymous: true })
    const listed = expectOk(await cloud.call('complaints', 'list', { page: 1, pageSize: 50 }, { as: COURIER_STAFF }))
    const moved = expectOk(await move(filed.complaintId, 'accepted'))
    for (const response of [seen, listed, moved]) {
      const text = JSON.stringify(response)
      for (const trace of [MEMBER, '202500004270', 'ownerOpenid', 'openid', 'memberNumber', 'isMember', 'contactPhone']) expect([trace, text.includes(trace)]).toEqual([trace, false])
    }
    expect(await cloud.call('complaints', 'revealContact', { complaintId: filed.complaintId }, { as: COURIER_STAFF })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    // The owner still sees it as theirs.
    expect(expectOk(await cloud.call('complaints', 'get', { complaintId: filed.complaintId }, { as: MEMBER })).viewer).toBe('owner')
  })

  it('shows staff a named case with the member number and a masked phone; the full number is audited', async () => {
    const filed = await fileCase({ contactPhone: '13912345678' })
    const seen = asStaff(expectOk(await cloud.call('complaints', 'get', { complaintId: filed.complaintId }, { as: COURIER_STAFF })))
    expect(seen.complainant).toEqual({ anonymous: false, isMember: true, memberNumber: '202500004270', contactPhoneMasked: '139****5678' })
    expect(JSON.stringify(seen)).not.toContain(MEMBER)
    expect(expectOk(await cloud.call('complaints', 'revealContact', { complaintId: filed.complaintId }, { as: COURIER_STAFF }))).toEqual({ contactPhone: '13912345678' })
    const audit = (await cloud.collection<{ action: string; targetId: string; actorOpenid: string }>('auditLog')).filter((entry) => entry.targetId === filed.complaintId)
    expect(audit.map((entry) => [entry.action, entry.actorOpenid])).toEqual([
      ['complaints.view', COURIER_STAFF],
      ['complaints.revealContact', COURIER_STAFF],
    ])
    const [stored] = (await cloud.collection<Record<string, unknown>>('complaints')).filter((doc) => doc._id === filed.complaintId)
    expect(String(stored!.contactPhoneCipher)).toMatch(/^local1:/) // sealed by the test cloud's one key
    expect(JSON.stringify(stored)).not.toContain('13912345678')
  })

  it('lets exactly one of two staff acting at once move a case', async () => {
    const { complaintId } = await fileCase()
    const results = await Promise.all([move(complaintId, 'accepted', COURIER_STAFF), move(complaintId, 'accepted', 'cm-staff-courier-2')])
    expect(results.filter((result) => result.ok)).toHaveLength(1)
    expect(results.filter((result) => !result.ok)).toEqual([{ ok: false, error: { code: 'CONFLICT', message: expect.any(String) } }])
    const seen = expectOk(await cloud.call('complaints', 'get', { complaintId }, { as: MEMBER }))
    expect(seen.timeline.filter((entry) => entry.to === 'accepted')).toHaveLength(1)
  })

  it('lists open cases by nearest deadline, marks overdue ones, and filters by status and category', async () => {
    const past = new Date(Date.now() - 2 * 86_400_000)
    await cloud.insert('complaints', [
      storedCase({ _id: 'cm-overdue-0001', status: 'in_progress', dueAt: past }),
      storedCase({ _id: 'cm-overdue-0002', status: 'accepted', dueAt: new Date(Date.now() - 86_400_000), category: 'hours_leave' } as never),
    ])
    const open = expectOk(await cloud.call('complaints', 'list', { page: 1, pageSize: 50 }, { as: COURIER_STAFF }))
    expect(open.items.slice(0, 2).map((item) => [item.complaintId, item.deadline?.overdue])).toEqual([
      ['cm-overdue-0001', true],
      ['cm-overdue-0002', true],
    ])
    expect(open.items.every((item) => ['submitted', 'accepted', 'in_progress', 'escalated', 'referred'].includes(item.status))).toBe(true)
    expect(open.overdue).toBe(2)
    const dues = open.items.map((item) => item.deadline!.dueAt)
    expect([...dues].sort()).toEqual(dues)
    expect(open.total).toBe(open.items.length)

    const overdue = expectOk(await cloud.call('complaints', 'list', { overdueOnly: true, page: 1, pageSize: 50 }, { as: COURIER_STAFF }))
    expect(overdue.items.map((item) => item.complaintId)).toEqual(['cm-overdue-0001', 'cm-overdue-0002'])
    const hours = expectOk(await cloud.call('complaints', 'list', { category: 'hours_leave', page: 1, pageSize: 50 }, { as: COURIER_STAFF }))
    expect(hours.items.map((item) => item.complaintId)).toEqual(['cm-overdue-0002'])
    const closed = expectOk(await cloud.call('complaints', 'list', { status: 'closed', page: 1, pageSize: 50 }, { as: COURIER_STAFF }))
    expect(closed.items.length).toBeGreaterThan(0)
    expect(closed.items.every((item) => item.status === 'closed' && item.deadline === null)).toBe(true)

    const firstPage = expectOk(await cloud.call('complaints', 'list', { page: 1, pageSize: 2 }, { as: COURIER_STAFF }))
    const secondPage = expectOk(await cloud.call('complaints', 'list', { page: 2, pageSize: 2 }, { as: COURIER_STAFF }))
    expect(firstPage.items).toHaveLength(2)
    expect(firstPage.total).toBe(open.total)
    expect(secondPage.items.map((item) => item.complaintId)).toEqual(open.items.slice(2, 4).map((item) => item.complaintId))
  })

  it('closes cases resolved over 7 days ago on the timer, once, recording that nobody answered the callback, and leaves them open to rating', async () => {
    const day = 86_400_000
    await cloud.insert('complaints', [
      storedCase({ _id: 'cm-resolved-0008', status: 'resolved', resolvedAt: new Date(Date.now() - 8 * day) }),
      storedCase({ _id: 'cm-resolved-0006', status: 'resolved', resolvedAt: new Date(Date.now() - 6 * day) }),
    ])
    expect(await cloud.timer('complaints', 'closeResolved')).toEqual({ ok: true, data: { closed: 1 } })
    expect(await cloud.timer('complaints', 'closeResolved')).toEqual({ ok: true, data: { closed: 0 } })
    // A signed-in person sending a timer-shaped event is an ordinary (unknown) call.
    const timer = { Type: 'Timer', TriggerName: 'closeResolved', Time: new Date().toISOString() }
    expect(await cloud.send('complaints', timer, { as: MEMBER })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })

    const stored = await cloud.collection<{ _id: string; status: string; callback: unknown; timeline: Array<{ actor: string; to: string | null }> }>('complaints')
    const closed = stored.find((doc) => doc._id === 'cm-resolved-0008')!
    expect(closed.status).toBe('closed')
    expect(closed.callback).toMatchObject({ by: 'system', reached: false, satisfaction: null })
    expect(closed.timeline.at(-1)).toMatchObject({ actor: 'system', to: 'closed', reached: false, note: '办结 7 天内求助人未回复回访，自动结案' })
    expect(stored.find((doc) => doc._id === 'cm-resolved-0006')!.status).toBe('resolved')

    const rated = expectOk(await cloud.call('complaints', 'rate', { complaintId: 'cm-resolved-0008', score: 4, comment: '满意' }, { as: OTHER_MEMBER, requestId: requestId() }))
    expect(rated).toMatchObject({ status: 'closed', rating: { score: 4 } })
    expect(expectOk(await cloud.call('complaints', 'closeResolved', {}, { as: CITY_ADMIN }))).toEqual({ closed: 0 })
  })
})
