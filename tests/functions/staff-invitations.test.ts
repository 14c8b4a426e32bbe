import { invitationIdFor } from '../../cloudfunctions/src/_lib/records/invitations'
import { staffIdFor } from '@shared/rules/staff'
import { expectOk, localCloudForTests, requestId } from './harness'
import { addSectorAdmins, COURIER_ADMIN, COURIER_STAFF, DELIVERY_ADMIN, inviteAndAccept, ROOT_ADMIN, snapshot } from './staff-fixtures'

const NEWCOMER = 'si-newcomer'
const BYSTANDER = 'si-bystander'

describe('staff invitations: invite, see, accept', () => {
  const cloud = localCloudForTests({ freshEachTest: true, prepare: addSectorAdmins })

  it('gives a single-use code valid for 72 hours with a mini program code to scan, and the invitee the role', async () => {
    const before = Date.now()
    const made = expectOk(await cloud.call('staff', 'invite', { unionId: 'u-courier', role: 'staff', name: '吴小敏' }, { as: COURIER_ADMIN, requestId: requestId() }))
    expect(made).toMatchObject({ unionId: 'u-courier', unionName: '示范市快递行业工会联合会', role: 'staff', name: '吴小敏', page: 'subpackages/admin/pages/invitation/index' })
    expect(made.code).toMatch(/^[A-Za-z0-9]{20}$/)
    expect(made.scene).toBe(`i.${made.code}`)
    const lifetime = Date.parse(made.expiresAt) - before
    expect(lifetime).toBeGreaterThan(71.9 * 3600_000)
    expect(lifetime).toBeLessThanOrEqual(72 * 3600_000 + 60_000)
    const image = await fetch(made.imageUrl)
    expect(image.headers.get('content-type')).toBe('image/png')

    // Only the code's hash is stored.
    const [stored] = await cloud.collection<Record<string, unknown>>('invitations').then((all) => all.filter((doc) => doc._id === invitationIdFor(made.code)))
    expect(stored).toMatchObject({ unionId: 'u-courier', role: 'staff', name: '吴小敏', status: 'open', inviterName: '孙主任' })
    expect(JSON.stringify(await cloud.collection('invitations'))).not.toContain(made.code)

    expect(expectOk(await cloud.call('staff', 'invitation', { code: made.scene }, { as: NEWCOMER }))).toEqual({
      unionName: '示范市快递行业工会联合会',
      role: 'staff',
      name: '吴小敏',
      inviterName: '孙主任',
      expiresAt: made.expiresAt,
      state: 'open',
    })
    const accepted = expectOk(await cloud.call('staff', 'accept', { code: made.code }, { as: NEWCOMER, requestId: requestId() }))
    expect(accepted).toEqual({ staffId: staffIdFor(NEWCOMER, 'u-courier'), unionId: 'u-courier', unionName: '示范市快递行业工会联合会', role: 'staff' })
    expect(expectOk(await cloud.call('account', 'me', {}, { as: NEWCOMER })).staffOf).toEqual([{ unionId: 'u-courier', unionName: '示范市快递行业工会联合会', role: 'staff' }])
    expect(expectOk(await cloud.call('staff', 'invitation', { code: made.code }, { as: NEWCOMER })).state).toBe('accepted')

    const log = await cloud.collection<{ action: string; actorOpenid: string; unionId: string; before: unknown; after: Record<string, unknown> }>('auditLog')
    expect(log.find((entry) => entry.action === 'staff.invite' && entry.actorOpenid === COURIER_ADMIN)).toMatchObject({ unionId: 'u-courier', before: null, after: { name: '吴小敏', role: 'staff' } })
    expect(log.find((entry) => entry.action === 'staff.accept' && entry.actorOpenid === NEWCOMER)).toMatchObject({ unionId: 'u-courier', before: null, after: { name: '吴小敏', role: 'staff' } })
  })

  it('answers a retried invitation (same requestId) with the same code, which the request record keeps only sealed', async () => {
    const id = requestId()
    const input = { unionId: 'u-courier', role: 'staff', name: '吴小敏' } as const
    const made = expectOk(await cloud.call('staff', 'invite', input, { as: COURIER_ADMIN, requestId: id }))
    expect(expectOk(await cloud.call('staff', 'invite', input, { as: COURIER_ADMIN, requestId: id })).code).toBe(made.code)
    expect((await cloud.collection('invitations')).filter((doc) => doc._id === invitationIdFor(made.code))).toHaveLength(1)
    const records = await cloud.collection<{ state: string; answerCipher?: string; result?: unknown }>('idempotency')
    expect(records).toContainEqual(expect.objectContaining({ state: 'done', answerCipher: expect.any(String) }))
    expect(records.every((record) => record.result === undefined)).toBe(true)
    expect(JSON.stringify(records)).not.toContain(made.code)
  })

  it('is used once: a second person is refused, the same person again changes nothing', async () => {
    const { code } = expectOk(await cloud.call('staff', 'invite', { unionId: 'u-courier', role: 'staff', name: '吴小敏' }, { as: COURIER_ADMIN }))
    expectOk(await cloud.call('staff', 'accept', { code }, { as: NEWCOMER }))
    const after = await snapshot(cloud)
    expect(await cloud.call('staff', 'accept', { code }, { as: BYSTANDER })).toEqual({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('已被他人接受') } })
    expectOk(await cloud.call('staff', 'accept', { code }, { as: NEWCOMER }))
    expect(await snapshot(cloud)).toEqual(after)
  })

  it('goes to one of several people using it at once', async () => {
    const { code } = expectOk(await cloud.call('staff', 'invite', { unionId: 'u-courier', role: 'staff', name: '吴小敏' }, { as: COURIER_ADMIN }))
    const people = Array.from({ length: 6 }, (_, index) => `si-racer-${index}`)
    const results = await Promise.all(people.map((who) => cloud.call('staff', 'accept', { code }, { as: who })))
    expect(results.filter((result) => result.ok)).toHaveLength(1)
    const holders = (await cloud.collection<{ openid: string; unionId: string }>('staff')).filter((record) => people.includes(record.openid))
    expect(holders).toHaveLength(1)
  })

  it('cannot be accepted by the admin who made it (the wrong person), and stays open for the right one', async () => {
    const { code } = expectOk(await cloud.call('staff', 'invite', { unionId: 'u-courier', role: 'admin', name: '吴小敏' }, { as: COURIER_ADMIN }))
    const before = await snapshot(cloud)
    expect(await cloud.call('staff', 'accept', { code }, { as: COURIER_ADMIN })).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: expect.stringContaining('不能接受自己发出的邀请') },
    })
    expect(await snapshot(cloud)).toEqual(before)
    expect(expectOk(await cloud.call('staff', 'accept', { code }, { as: NEWCOMER })).role).toBe('admin')
  })

  it('expires: an invitation past its 72 hours is refused and shown as expired', async () => {
    const code = 'Expired0Invitation00'
    const createdAt = new Date(Date.now() - 73 * 3600_000)
    await cloud.insert('invitations', [
      {
        _id: invitationIdFor(code),
        unionId: 'u-courier',
        role: 'staff',
        name: '吴小敏',
        invitedBy: COURIER_ADMIN,
        inviterName: '孙主任',
        createdAt,
        expiresAt: new Date(createdAt.getTime() + 72 * 3600_000),
        status: 'open',
        acceptedBy: null,
        acceptedAt: null,
        staffId: null,
      },
    ])
    expect(expectOk(await cloud.call('staff', 'invitation', { code }, { as: NEWCOMER })).state).toBe('expired')
    const before = await snapshot(cloud)
    expect(await cloud.call('staff', 'accept', { code }, { as: NEWCOMER })).toEqual({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('已过期') } })
    expect(await snapshot(cloud)).toEqual(before)
  })

  it('answers an unknown or malformed code in Chinese', async () => {
    expect(await cloud.call('staff', 'accept', { code: 'Abcdefghij0123456789' }, { as: NEWCOMER })).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: expect.stringContaining('邀请码无效') },
    })
    expect(await cloud.call('staff', 'accept', { code: 'short' }, { as: NEWCOMER })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: [{ path: 'code', message: '邀请码应为 20 位字母和数字，请核对' }] },
    })
  })

  describe('someone already staff', () => {
    it('keeps their roles elsewhere and adds the new one', async () => {
      await inviteAndAccept(cloud, ROOT_ADMIN, COURIER_STAFF, 'u-delivery', 'staff', '李干事')
      const me = expectOk(await cloud.call('account', 'me', {}, { as: COURIER_STAFF }))
      expect(me.staffOf.map((role) => [role.unionId, role.role]).sort()).toEqual([
        ['u-courier', 'staff'],
        ['u-delivery', 'staff'],
      ])
    })

    it('is refused the role they hold already, and the invitation stays open for someone else', async () => {
      const { code } = expectOk(await cloud.call('staff', 'invite', { unionId: 'u-courier', role: 'staff', name: '李干事' }, { as: COURIER_ADMIN }))
      expect(await cloud.call('staff', 'accept', { code }, { as: COURIER_STAFF })).toEqual({
        ok: false,
        error: { code: 'CONFLICT', message: expect.stringContaining('你已经是「示范市快递行业工会联合会」的工作人员') },
      })
      expect(expectOk(await cloud.call('staff', 'invitation', { code }, { as: NEWCOMER })).state).toBe('open')
    })

    it('becomes admin of the union they were staff of: one record, role admin', async () => {
      await inviteAndAccept(cloud, COURIER_ADMIN, COURIER_STAFF, 'u-courier', 'admin', '李干事')
      const records = (await cloud.collection<{ openid: string; role: string }>('staff')).filter((record) => record.openid === COURIER_STAFF)
      expect(records).toEqual([expect.objectContaining({ unionId: 'u-courier', role: 'admin' })])
    })

    it('is refused a role in a union they administer from above', async () => {
      const { code } = expectOk(await cloud.call('staff', 'invite', { unionId: 'u-courier', role: 'staff', name: '王主席' }, { as: COURIER_ADMIN }))
      expect(await cloud.call('staff', 'accept', { code }, { as: ROOT_ADMIN })).toEqual({
        ok: false,
        error: { code: 'CONFLICT', message: expect.stringContaining('上级工会的管理员') },
      })
    })

    it('accepting two invitations to one union at once leaves one record', async () => {
      const codes = await Promise.all(
        [1, 2].map(async () => expectOk(await cloud.call('staff', 'invite', { unionId: 'u-delivery', role: 'staff', name: '吴小敏' }, { as: DELIVERY_ADMIN })).code),
      )
      const results = await Promise.all(codes.map((code) => cloud.call('staff', 'accept', { code }, { as: NEWCOMER })))
      expect(results.some((result) => result.ok)).toBe(true)
      expect((await cloud.collection<{ openid: string }>('staff')).filter((record) => record.openid === NEWCOMER)).toHaveLength(1)
    })
  })

  describe('only inside the inviter’s subtree', () => {
    it.each([
      ['a sibling union', COURIER_ADMIN, 'u-delivery', 'staff'],
      ['the union above, as admin', COURIER_ADMIN, 'u-city', 'admin'],
      ['the union above, as staff', DELIVERY_ADMIN, 'u-city', 'staff'],
      ['a union that does not exist', COURIER_ADMIN, 'u-nowhere', 'staff'],
    ] as const)('refuses %s and stores nothing', async (_what, inviter, unionId, role) => {
      const before = await snapshot(cloud)
      expect(await cloud.call('staff', 'invite', { unionId, role, name: '吴小敏' }, { as: inviter })).toEqual({
        ok: false,
        error: { code: 'FORBIDDEN', message: '只能邀请工作人员到你管理的工会（本会及下级工会）' },
      })
      expect(await snapshot(cloud)).toEqual(before)
    })

    it('refuses staff who are not admins, and people who are not staff', async () => {
      for (const who of [COURIER_STAFF, NEWCOMER]) {
        expect(await cloud.call('staff', 'invite', { unionId: 'u-courier', role: 'staff', name: '吴小敏' }, { as: who })).toEqual({
          ok: false,
          error: { code: 'FORBIDDEN', message: '此功能仅限工会管理员使用' },
        })
      }
    })

    it('lets the root admin invite anywhere below, and an admin for their own union', async () => {
      expectOk(await cloud.call('staff', 'invite', { unionId: 'u-ent-textile', role: 'admin', name: '吴小敏' }, { as: ROOT_ADMIN }))
      expectOk(await cloud.call('staff', 'invite', { unionId: 'u-courier', role: 'admin', name: '吴小敏' }, { as: COURIER_ADMIN }))
    })

    it('refuses a retired union', async () => {
      expect(await cloud.call('staff', 'invite', { unionId: 'u-retired', role: 'staff', name: '吴小敏' }, { as: ROOT_ADMIN })).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT', message: expect.stringContaining('已撤销') },
      })
    })
  })

  it('names a bad role or name in Chinese', async () => {
    const result = await cloud.send('staff', { action: 'invite', input: { unionId: 'u-courier', role: 'boss', name: '1' } }, { as: COURIER_ADMIN })
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    const fields = (result as { error: { fields: Array<{ path: string; message: string }> } }).error.fields
    expect(fields.map((field) => field.path).sort()).toEqual(['name', 'role'])
    expect(fields.find((field) => field.path === 'role')?.message).toBe('角色不在可选范围内')
  })
})
