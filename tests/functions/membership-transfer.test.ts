import { expectOk, localCloudForTests, requestId } from './harness'

describe('membership.transfer on the local cloud', () => {
  const cloud = localCloudForTests({ freshEachTest: true })

  const toBinjiang = { toUnionId: 'u-binjiang', employmentType: 'employee' as const, employer: '滨江某物流公司', occupation: '仓库管理员', district: '滨江区' }

  it('files a transfer the receiving union reviews; the member keeps number, join date and history', async () => {
    const before = expectOk(await cloud.call('membership', 'mine', {}, { as: 'demo-member' })).membership!
    const request = expectOk(await cloud.call('membership', 'transfer', toBinjiang, { as: 'demo-member', requestId: requestId() }))
    expect(request).toMatchObject({
      kind: 'transfer',
      status: 'pending',
      unionId: 'u-binjiang',
      unionName: '滨江区长河街道工会联合会',
      fromUnionName: '示范市快递行业工会联合会',
      name: '张师傅',
      employmentType: 'employee',
      employer: '滨江某物流公司',
      platform: null,
      occupation: '仓库管理员',
    })
    // Still a member of the old union until the new one approves.
    expect(expectOk(await cloud.call('account', 'me', {}, { as: 'demo-member' })).membership).toMatchObject({ status: 'member', unionId: 'u-courier' })

    // Staff of the union being left cannot approve; the receiving union's admin (here the city admin) can.
    expect(await cloud.call('membership', 'review', { applicationId: request.applicationId, decision: 'approve' }, { as: 'demo-staff' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    const decided = expectOk(await cloud.call('membership', 'review', { applicationId: request.applicationId, decision: 'approve' }, { as: 'demo-admin' }))
    expect(decided.memberNumber).toBe(before.memberNumber)

    const after = expectOk(await cloud.call('membership', 'mine', {}, { as: 'demo-member' })).membership!
    expect(after).toMatchObject({ unionId: 'u-binjiang', memberNumber: before.memberNumber, joinedAt: before.joinedAt, memberId: before.memberId })
    expect(after.history).toEqual([
      { unionId: 'u-courier', unionName: '示范市快递行业工会联合会', from: before.joinedAt, to: decided.decidedAt },
      { unionId: 'u-binjiang', unionName: '滨江区长河街道工会联合会', from: decided.decidedAt, to: null },
    ])
    expect(expectOk(await cloud.call('membership', 'card', {}, { as: 'demo-member' })).unionName).toBe('滨江区长河街道工会联合会')
    expect((await cloud.collection('members')).filter((m) => m.openid === 'demo-member')).toHaveLength(1)
  })

  it('keeps the member where they are when the transfer is rejected', async () => {
    const request = expectOk(await cloud.call('membership', 'transfer', toBinjiang, { as: 'demo-member' }))
    expectOk(await cloud.call('membership', 'review', { applicationId: request.applicationId, decision: 'reject', reason: '请提供新单位的劳动合同' }, { as: 'demo-admin' }))
    const mine = expectOk(await cloud.call('membership', 'mine', {}, { as: 'demo-member' }))
    expect(mine.membership).toMatchObject({ unionId: 'u-courier' })
    expect(mine.application).toMatchObject({ kind: 'transfer', status: 'rejected', rejectReason: '请提供新单位的劳动合同' })
    expect(expectOk(await cloud.call('account', 'me', {}, { as: 'demo-member' })).membership.status).toBe('member')
  })

  it('keeps the platform and workplace when only the union changes', async () => {
    const request = expectOk(await cloud.call('membership', 'transfer', { toUnionId: 'u-xihu' }, { as: 'demo-member' }))
    expect(request).toMatchObject({ employmentType: 'platform', platform: '顺丰', occupation: '快递员', district: '滨江区' })
  })

  it('refuses one open request at a time, the same union, closed and unknown unions', async () => {
    expectOk(await cloud.call('membership', 'transfer', toBinjiang, { as: 'demo-member' }))
    expect(await cloud.call('membership', 'transfer', { toUnionId: 'u-xihu' }, { as: 'demo-member' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    await cloud.reset()
    await cloud.seed()
    expect(await cloud.call('membership', 'transfer', { toUnionId: 'u-courier' }, { as: 'demo-member' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: '你已是这个工会的会员，无需转会' },
    })
    expect(await cloud.call('membership', 'transfer', { toUnionId: 'u-retired' }, { as: 'demo-member' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(await cloud.call('membership', 'transfer', { toUnionId: 'u-nowhere' }, { as: 'demo-member' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })

  it('names a missing employer for an employee, and refuses non-members', async () => {
    expect(await cloud.call('membership', 'transfer', { toUnionId: 'u-xihu', employmentType: 'employee' }, { as: 'demo-member' })).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', message: '请填写新的工作单位', fields: [{ path: 'employer', message: '请填写工作单位' }] },
    })
    expect(await cloud.call('membership', 'transfer', { toUnionId: 'u-xihu' }, { as: 'demo-worker' })).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: '此功能仅限工会会员使用，请先申请入会' },
    })
    expect(await cloud.send('membership', { action: 'transfer', input: { toUnionId: ['u-xihu'] } }, { as: 'demo-member' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: [{ path: 'toUnionId', message: '转入工会格式不正确' }] },
    })
  })
})
