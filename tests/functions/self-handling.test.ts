import { application, idFrom } from './membership-fixtures'
import { wageCase } from './complaints-fixtures'
import { expectOk, localCloudForTests } from './harness'
import { COURIER_STAFF, ROOT_ADMIN, snapshot } from './staff-fixtures'

/**
 * Nobody reviews their own join application or handles their own complaint (issue 11; issue 13
 * item 10: a staff member approved their own join application). Staff may still apply and file
 * like anyone; someone else of their union decides.
 */
describe('staff acting on their own application or case', () => {
  const cloud = localCloudForTests({ freshEachTest: true })

  it('refuses to let staff review their own join application; a colleague can', async () => {
    // 李干事 applies to the union he works for, as any worker may.
    const mine = expectOk(await cloud.call('membership', 'apply', application({ name: '李干事', idNumber: idFrom('33010619880214201') }), { as: COURIER_STAFF }))
    const before = await snapshot(cloud)
    for (const decision of ['approve', 'reject'] as const) {
      const result = await cloud.call('membership', 'review', { applicationId: mine.applicationId, decision, reason: '自审测试' }, { as: COURIER_STAFF })
      expect(result).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: '不能审核本人的申请，请由本工会其他工作人员审核' } })
    }
    expect(await snapshot(cloud)).toEqual(before)
    expect(expectOk(await cloud.call('membership', 'review', { applicationId: mine.applicationId, decision: 'approve' }, { as: ROOT_ADMIN })).status).toBe('approved')
  })

  it.each([false, true])('refuses to let staff handle a complaint they filed (anonymous: %s); a colleague can', async (anonymous) => {
    // 李干事 is also a member of the courier federation, so his case goes to the union he works for.
    await cloud.insert('members', [{ _id: 'sh-m1', openid: COURIER_STAFF, unionId: 'u-courier', memberNumber: '202500009990', status: 'active', createdAt: new Date() }])
    const filed = expectOk(await cloud.call('complaints', 'file', wageCase({ anonymous }), { as: COURIER_STAFF }))
    const before = await snapshot(cloud)
    const attempts = [
      () => cloud.call('complaints', 'transition', { complaintId: filed.complaintId, to: 'accepted', tier: 'general', note: '自己受理' }, { as: COURIER_STAFF }),
      () => cloud.call('complaints', 'transition', { complaintId: filed.complaintId, to: 'rejected', note: '自己驳回自己的求助' }, { as: COURIER_STAFF }),
      () => cloud.call('complaints', 'reply', { complaintId: filed.complaintId, message: '我来回复我自己' }, { as: COURIER_STAFF }),
      // The work-order steps too (质检 is an admin's, and goes through the same check).
      () => cloud.call('complaints', 'extend', { complaintId: filed.complaintId, days: 3, reason: '给自己延期' }, { as: COURIER_STAFF }),
      () => cloud.call('complaints', 'refer', { complaintId: filed.complaintId, department: 'labour_inspection', note: '转给劳动监察' }, { as: COURIER_STAFF }),
      () => cloud.call('complaints', 'referralFeedback', { complaintId: filed.complaintId, note: '劳动监察已反馈' }, { as: COURIER_STAFF }),
      () => cloud.call('complaints', 'callback', { complaintId: filed.complaintId, reached: true, satisfaction: 'satisfied' }, { as: COURIER_STAFF }),
    ]
    for (const attempt of attempts) {
      expect(await attempt()).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: '不能处理本人提交的求助，请由本工会其他工作人员处理' } })
    }
    expect(await snapshot(cloud)).toEqual(before)
    const accepted = expectOk(await cloud.call('complaints', 'transition', { complaintId: filed.complaintId, to: 'accepted', tier: 'general', note: '已受理' }, { as: ROOT_ADMIN }))
    expect(accepted.status).toBe('accepted')
  })
})
