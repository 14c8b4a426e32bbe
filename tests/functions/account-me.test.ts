import { expectOk, localCloudForTests, uploadFolderFor } from './harness'

describe('account.me through the local cloud', () => {
  const cloud = localCloudForTests()

  it('tells a worker with no application that they are not a member', async () => {
    const me = expectOk(await cloud.call('account', 'me', {}, { as: 'demo-worker' }))
    expect(me).toEqual({
      membership: { status: 'none', unionId: null, unionName: null, memberNumber: null },
      staffOf: [],
      uploadFolder: uploadFolderFor('demo-worker'),
    })
  })

  it('lists the unions a staff member serves, by name', async () => {
    const me = expectOk(await cloud.call('account', 'me', {}, { as: 'demo-staff' }))
    expect(me.staffOf).toEqual([{ unionId: 'u-courier', unionName: '示范市快递行业工会联合会', role: 'staff' }])
  })

  it('refuses a caller with no identity', async () => {
    await expect(cloud.call('account', 'me', {}, { as: null })).resolves.toEqual({
      ok: false,
      error: { code: 'UNAUTHENTICATED', message: '请先登录' },
    })
  })

  it('ignores an openid planted in the event', async () => {
    const result = await cloud.send('account', { action: 'me', input: {}, openid: 'demo-staff', userInfo: { openId: 'demo-staff' } }, { as: 'demo-worker' })
    expect(result).toMatchObject({ ok: true, data: { staffOf: [], uploadFolder: uploadFolderFor('demo-worker') } })
  })
})
