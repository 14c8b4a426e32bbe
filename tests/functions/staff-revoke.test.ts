import { staffIdFor } from '@shared/rules/staff'
import { expectOk, localCloudForTests } from './harness'
import { addSectorAdmins, COURIER_ADMIN, COURIER_STAFF, DELIVERY_ADMIN, inviteAndAccept, ROOT_ADMIN, snapshot } from './staff-fixtures'

const ROOT_ADMIN_ID = staffIdFor(ROOT_ADMIN, 'u-city')
const COURIER_STAFF_ID = staffIdFor(COURIER_STAFF, 'u-courier')

const rootAdmins = async (cloud: ReturnType<typeof localCloudForTests>) =>
  (await cloud.collection<{ unionId: string; role: string }>('staff')).filter((record) => record.unionId === 'u-city' && record.role === 'admin')

describe('staff.revoke', () => {
  const cloud = localCloudForTests({ freshEachTest: true, prepare: addSectorAdmins })

  it('takes the role away: the person no longer serves the union, and the log keeps who it was', async () => {
    expect(expectOk(await cloud.call('staff', 'revoke', { staffId: COURIER_STAFF_ID }, { as: COURIER_ADMIN }))).toEqual({ staffId: COURIER_STAFF_ID })
    expect(expectOk(await cloud.call('account', 'me', {}, { as: COURIER_STAFF })).staffOf).toEqual([])
    expect(await cloud.call('membership', 'list', { status: 'pending' }, { as: COURIER_STAFF })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    const entry = (await cloud.collection<Record<string, unknown>>('auditLog')).find((logged) => logged.action === 'staff.revoke')
    expect(entry).toMatchObject({ actorOpenid: COURIER_ADMIN, actorName: '孙主任', unionId: 'u-courier', targetId: COURIER_STAFF_ID, before: { name: '李干事', role: 'staff' }, after: null })
  })

  it.each([
    ['beside their subtree', DELIVERY_ADMIN, COURIER_STAFF_ID],
    ['above their subtree', COURIER_ADMIN, ROOT_ADMIN_ID],
    ['a record that does not exist', ROOT_ADMIN, 'st-nobody'],
  ])('refuses a role %s and changes nothing', async (_what, who, staffId) => {
    const before = await snapshot(cloud)
    expect(await cloud.call('staff', 'revoke', { staffId }, { as: who })).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: '没有找到这位工作人员，或他不在你管理的工会' },
    })
    expect(await snapshot(cloud)).toEqual(before)
  })

  it('refuses staff who are not admins', async () => {
    expect(await cloud.call('staff', 'revoke', { staffId: COURIER_STAFF_ID }, { as: COURIER_STAFF })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })

  it('never removes the last admin of the root union, who may still leave once another is there', async () => {
    const before = await snapshot(cloud)
    expect(await cloud.call('staff', 'revoke', { staffId: ROOT_ADMIN_ID }, { as: ROOT_ADMIN })).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringContaining('最后一位管理员') },
    })
    expect(await snapshot(cloud)).toEqual(before)

    const second = await inviteAndAccept(cloud, ROOT_ADMIN, 'sr-second-admin', 'u-city', 'admin', '钱副主席')
    expectOk(await cloud.call('staff', 'revoke', { staffId: ROOT_ADMIN_ID }, { as: ROOT_ADMIN }))
    expect((await rootAdmins(cloud)).map((record) => (record as unknown as { _id: string })._id)).toEqual([second])
    expect(await cloud.call('staff', 'revoke', { staffId: second }, { as: 'sr-second-admin' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
  })

  it('leaves one admin when the two root admins revoke each other at the same moment', async () => {
    for (let round = 0; round < 3; round += 1) {
      const other = `sr-rival-${round}`
      const otherId = await inviteAndAccept(cloud, ROOT_ADMIN, other, 'u-city', 'admin', '钱副主席')
      const [first, second] = await Promise.all([
        cloud.call('staff', 'revoke', { staffId: otherId }, { as: ROOT_ADMIN }),
        cloud.call('staff', 'revoke', { staffId: ROOT_ADMIN_ID }, { as: other }),
      ])
      expect([first.ok, second.ok].filter(Boolean)).toHaveLength(1)
      const left = await rootAdmins(cloud)
      expect(left).toHaveLength(1)
      if (!first.ok) return // the rival is the one admin now; the demo admin is gone
    }
  })

  it('may remove the last admin of a union below the root (the root admin still covers it)', async () => {
    expectOk(await cloud.call('staff', 'revoke', { staffId: staffIdFor(COURIER_ADMIN, 'u-courier') }, { as: ROOT_ADMIN }))
    expect((await cloud.collection<{ openid: string }>('staff')).some((record) => record.openid === COURIER_ADMIN)).toBe(false)
  })
})
