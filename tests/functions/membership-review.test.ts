import { isMemberNumber } from '@shared/rules/member-number'
import { expectOk, localCloudForTests, requestId } from './harness'
import { application, idFrom } from './membership-fixtures'

describe('membership review, list, get and reveal on the local cloud', () => {
  const cloud = localCloudForTests({ freshEachTest: true })

  const applyAs = async (openid: string, overrides: Parameters<typeof application>[0] = {}) =>
    expectOk(await cloud.call('membership', 'apply', application(overrides), { as: openid, requestId: requestId() }))

  describe('review', () => {
    it('answers a retried application or decision from the stored application; the request records keep only its id', async () => {
      const applying = requestId()
      const applied = expectOk(await cloud.call('membership', 'apply', application(), { as: 'demo-worker', requestId: applying }))
      expect(expectOk(await cloud.call('membership', 'apply', application(), { as: 'demo-worker', requestId: applying }))).toEqual(applied)
      const deciding = requestId()
      const decision = { applicationId: applied.applicationId, decision: 'approve' as const }
      const decided = expectOk(await cloud.call('membership', 'review', decision, { as: 'demo-staff', requestId: deciding }))
      expect(expectOk(await cloud.call('membership', 'review', decision, { as: 'demo-staff', requestId: deciding }))).toEqual(decided)
      expect(isMemberNumber(decided.memberNumber!)).toBe(true)
      const records = await cloud.collection<{ kept?: string; result?: unknown }>('idempotency')
      expect(records.map((record) => record.kept)).toEqual([applied.applicationId, applied.applicationId])
      expect(JSON.stringify(records)).not.toContain(applied.name)
    })

    it('approves: member number, membership on 我的, the applicant notified, the decision audited', async () => {
      const { applicationId } = await applyAs('demo-worker')
      const decided = expectOk(await cloud.call('membership', 'review', { applicationId, decision: 'approve' }, { as: 'demo-staff', requestId: requestId() }))
      expect(decided).toMatchObject({ applicationId, status: 'approved', rejectReason: null })
      expect(isMemberNumber(decided.memberNumber!)).toBe(true)
      expect(decided.decidedAt).not.toBeNull()

      expect(expectOk(await cloud.call('account', 'me', {}, { as: 'demo-worker' })).membership).toEqual({
        status: 'member',
        unionId: 'u-courier',
        unionName: '示范市快递行业工会联合会',
        memberNumber: decided.memberNumber,
      })
      const { membership } = expectOk(await cloud.call('membership', 'mine', {}, { as: 'demo-worker' }))
      expect(membership).toMatchObject({ unionId: 'u-courier', memberNumber: decided.memberNumber, name: '陈小妹' })
      expect(membership!.history).toEqual([{ unionId: 'u-courier', unionName: '示范市快递行业工会联合会', from: membership!.joinedAt, to: null }])

      const outbox = (await cloud.collection<{ toOpenid: string; data: Record<string, string>; page: string }>('outbox')).filter((m) => m.toOpenid === 'demo-worker')
      expect(outbox).toHaveLength(1)
      expect(outbox[0]).toMatchObject({ page: 'subpackages/join/pages/status/index', data: { phrase2: '已通过', thing1: expect.any(String) } })
      const audit = (await cloud.collection<Record<string, unknown>>('auditLog')).filter((e) => e.targetId === applicationId)
      expect(audit).toEqual([expect.objectContaining({ actorOpenid: 'demo-staff', action: 'membership.review.approve', unionId: 'u-courier' })])
    })

    it('numbers members distinctly when several are approved at once', async () => {
      const ids: string[] = []
      for (let i = 0; i < 5; i += 1) {
        ids.push((await applyAs(`worker-n${i}`, { idNumber: idFrom(`330102199001010${i}1`), name: '测试人' })).applicationId)
      }
      const results = await Promise.all(ids.map((applicationId) => cloud.call('membership', 'review', { applicationId, decision: 'approve' }, { as: 'demo-staff' })))
      const numbers = results.map((result) => expectOk(result).memberNumber)
      expect(new Set(numbers).size).toBe(5)
    })

    it('rejects with a reason the applicant sees, and lets them fix and resubmit', async () => {
      const { applicationId } = await applyAs('demo-worker')
      const reason = '姓名与身份证号不一致，请核对后重新提交'
      expectOk(await cloud.call('membership', 'review', { applicationId, decision: 'reject', reason }, { as: 'demo-staff' }))
      const mine = expectOk(await cloud.call('membership', 'mine', {}, { as: 'demo-worker' }))
      expect(mine.application).toMatchObject({ applicationId, status: 'rejected', rejectReason: reason })
      expect(expectOk(await cloud.call('account', 'me', {}, { as: 'demo-worker' })).membership.status).toBe('rejected')
      const outbox = (await cloud.collection<{ toOpenid: string; data: Record<string, string> }>('outbox')).filter((m) => m.toOpenid === 'demo-worker')
      expect(outbox[0]!.data).toMatchObject({ phrase2: '未通过' })

      const again = await applyAs('demo-worker', { name: '陈晓梅' })
      expect(again.applicationId).not.toBe(applicationId)
      expect(expectOk(await cloud.call('membership', 'mine', {}, { as: 'demo-worker' })).application).toMatchObject({ status: 'pending', name: '陈晓梅' })
    })

    it('requires a reason to reject', async () => {
      const { applicationId } = await applyAs('demo-worker')
      for (const input of [{ applicationId, decision: 'reject' }, { applicationId, decision: 'reject', reason: ' ' }]) {
        expect(await cloud.send('membership', { action: 'review', input }, { as: 'demo-staff' })).toEqual({
          ok: false,
          error: { code: 'INVALID_INPUT', message: '请选择或填写不通过的原因', fields: [{ path: 'reason', message: '请选择或填写不通过的原因' }] },
        })
      }
      expect(await cloud.send('membership', { action: 'review', input: { applicationId, decision: 'maybe' } }, { as: 'demo-staff' })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', fields: [{ path: 'decision', message: '审核结果不在可选范围内' }] },
      })
    })

    it('refuses staff of another union, and a worker, and changes nothing', async () => {
      const { applicationId } = await applyAs('demo-worker', { unionId: 'u-delivery', platform: '美团' })
      expect(await cloud.call('membership', 'review', { applicationId, decision: 'approve' }, { as: 'demo-staff' })).toEqual({
        ok: false,
        error: { code: 'FORBIDDEN', message: '只有该工会的工作人员可以审核这份申请' },
      })
      expect(await cloud.call('membership', 'review', { applicationId, decision: 'approve' }, { as: 'demo-worker' })).toEqual({
        ok: false,
        error: { code: 'FORBIDDEN', message: '此功能仅限工会工作人员使用' },
      })
      expect(await cloud.call('membership', 'review', { applicationId, decision: 'approve' }, { as: 'demo-member' })).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      })
      expect(expectOk(await cloud.call('membership', 'mine', {}, { as: 'demo-worker' })).application!.status).toBe('pending')
    })

    it('lets the city admin review for a union below (the admin serves the whole tree)', async () => {
      const { applicationId } = await applyAs('demo-worker', { unionId: 'u-ent-textile', employmentType: 'employee', employer: '示范纺织有限公司', platform: '' })
      expect(expectOk(await cloud.call('membership', 'review', { applicationId, decision: 'approve' }, { as: 'demo-admin' })).status).toBe('approved')
    })

    it('decides once: a second decision, or two reviewers at once, get CONFLICT', async () => {
      const { applicationId } = await applyAs('demo-worker')
      const [a, b] = await Promise.all([
        cloud.call('membership', 'review', { applicationId, decision: 'approve' }, { as: 'demo-staff' }),
        cloud.call('membership', 'review', { applicationId, decision: 'reject', reason: '不属于本工会的服务范围' }, { as: 'demo-admin' }),
      ])
      expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1)
      expect([a, b].find((r) => !r.ok)).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '这份申请已经审核过了，请刷新列表' } })
      expect(await cloud.call('membership', 'review', { applicationId, decision: 'approve' }, { as: 'demo-staff' })).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT' },
      })
      const members = (await cloud.collection('members')).filter((m) => m.openid === 'demo-worker')
      expect(members).toHaveLength(a.ok && a.data.status === 'approved' ? 1 : 0)
    })

    it('admits one member when two accounts with the same ID are approved at once', async () => {
      const idNumber = idFrom('33010619880515201')
      const first = await applyAs('worker-a', { idNumber, unionId: 'u-courier' })
      // The pending check refuses a second open application for the same ID, so the second one is planted.
      const stored = (await cloud.collection<Record<string, unknown>>('applications')).find((doc) => doc._id === first.applicationId)!
      const { _id: _ignored, ...copy } = stored
      await cloud.insert('applications', [{ ...copy, _id: 'ap-planted', openid: 'worker-b', createdAt: new Date(), consentAt: new Date() }])
      const results = await Promise.all([
        cloud.call('membership', 'review', { applicationId: first.applicationId, decision: 'approve' }, { as: 'demo-staff' }),
        cloud.call('membership', 'review', { applicationId: 'ap-planted', decision: 'approve' }, { as: 'demo-admin' }),
      ])
      expect(results.filter((r) => r.ok)).toHaveLength(1)
      expect(results.find((r) => !r.ok)).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('不能重复入会') } })
      const members = (await cloud.collection('members')).filter((m) => m.openid === 'worker-a' || m.openid === 'worker-b')
      expect(members).toHaveLength(1)
      // The losing application is back in the queue, for a reviewer to reject with the right reason.
      const statuses = (await cloud.collection<{ _id: string; status: string }>('applications'))
        .filter((doc) => doc._id === 'ap-planted' || doc._id === first.applicationId)
        .map((doc) => doc.status)
        .sort()
      expect(statuses).toEqual(['approved', 'pending'])
    })

    it('answers an unknown application with NOT_FOUND', async () => {
      expect(await cloud.call('membership', 'review', { applicationId: 'ap-none', decision: 'approve' }, { as: 'demo-staff' })).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      })
    })
  })

  describe('list', () => {
    it('shows staff the applications to their union only, masked, filtered and paginated', async () => {
      await applyAs('w-1', { idNumber: idFrom('33010219900101001'), name: '王一' })
      await applyAs('w-2', { idNumber: idFrom('33010219900101002'), name: '王二' })
      await applyAs('w-3', { idNumber: idFrom('33010219900101003'), name: '王三', unionId: 'u-delivery', platform: '美团' })
      const page1 = expectOk(await cloud.call('membership', 'list', { status: 'pending', page: 1, pageSize: 1 }, { as: 'demo-staff' }))
      expect(page1).toMatchObject({ total: 2, page: 1, pageSize: 1 })
      expect(page1.items[0]!.name).toBe('王二')
      expect(page1.items[0]!.idNumberMasked).toMatch(/^330\*{11}\d{3}[\dX]$/)
      expect(page1.items[0]!.phoneMasked).toBe('138****5678')
      const page2 = expectOk(await cloud.call('membership', 'list', { status: 'pending', page: 2, pageSize: 1 }, { as: 'demo-staff' }))
      expect(page2.items.map((item) => item.name)).toEqual(['王一'])
      // The seeded member's approved application is in the approved filter only.
      expect(expectOk(await cloud.call('membership', 'list', { status: 'approved' }, { as: 'demo-staff' })).items.map((i) => i.name)).toEqual(['张师傅'])
      expect(JSON.stringify(page1)).not.toContain('13812345678')
    })

    it('shows the city admin every union below, and one union on request', async () => {
      await applyAs('w-3', { idNumber: idFrom('33010219900101003'), unionId: 'u-delivery', platform: '美团' })
      const all = expectOk(await cloud.call('membership', 'list', { status: 'pending' }, { as: 'demo-admin' }))
      expect(all.items.map((item) => item.unionId)).toEqual(['u-delivery'])
      expect(expectOk(await cloud.call('membership', 'list', { unionId: 'u-courier' }, { as: 'demo-admin' })).total).toBe(1)
    })

    it('refuses a union the staff member does not serve, and workers', async () => {
      expect(await cloud.call('membership', 'list', { unionId: 'u-delivery' }, { as: 'demo-staff' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      expect(await cloud.call('membership', 'list', {}, { as: 'demo-worker' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      expect(await cloud.send('membership', { action: 'list', input: { status: 'open', pageSize: 500 } }, { as: 'demo-staff' })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', fields: [{ path: 'status' }, { path: 'pageSize', message: '每页条数不能大于 50' }] },
      })
    })
  })

  describe('get and reveal', () => {
    it('lets the owner and the staff of the union read an application, and nobody else', async () => {
      const { applicationId } = await applyAs('demo-worker')
      expect(expectOk(await cloud.call('membership', 'get', { applicationId }, { as: 'demo-worker' })).applicationId).toBe(applicationId)
      expect(expectOk(await cloud.call('membership', 'get', { applicationId }, { as: 'demo-staff' })).name).toBe('陈小妹')
      expect(await cloud.call('membership', 'get', { applicationId }, { as: 'demo-member' })).toEqual({
        ok: false,
        error: { code: 'FORBIDDEN', message: '只能查看自己的入会申请' },
      })
      expect(await cloud.call('membership', 'get', { applicationId }, { as: 'someone-else' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      expect(await cloud.call('membership', 'get', { applicationId }, { as: null })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    })

    it('shows staff the full number only through reveal, and audits each view', async () => {
      const { applicationId } = await applyAs('demo-worker')
      expect(expectOk(await cloud.call('membership', 'reveal', { applicationId, field: 'idNumber' }, { as: 'demo-staff' })).value).toBe(application().idNumber)
      expect(expectOk(await cloud.call('membership', 'reveal', { applicationId, field: 'phone' }, { as: 'demo-staff' })).value).toBe('13812345678')
      const views = (await cloud.collection<Record<string, unknown>>('auditLog')).filter((e) => e.action === 'membership.viewPersonalData')
      expect(views).toEqual([
        expect.objectContaining({ actorOpenid: 'demo-staff', targetId: applicationId, detail: { field: 'idNumber' } }),
        expect.objectContaining({ actorOpenid: 'demo-staff', targetId: applicationId, detail: { field: 'phone' } }),
      ])
    })

    it('refuses reveal to staff of another union and to workers, unaudited', async () => {
      const { applicationId } = await applyAs('demo-worker', { unionId: 'u-delivery', platform: '美团' })
      expect(await cloud.call('membership', 'reveal', { applicationId, field: 'idNumber' }, { as: 'demo-staff' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      expect(await cloud.call('membership', 'reveal', { applicationId, field: 'idNumber' }, { as: 'demo-worker' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      expect((await cloud.collection<Record<string, unknown>>('auditLog')).filter((e) => e.action === 'membership.viewPersonalData')).toEqual([])
    })
  })
})
