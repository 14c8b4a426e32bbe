import { actorIdFor } from '@shared/rules/staff'
import { expectOk, localCloudForTests } from './harness'
import { addSectorAdmins, COURIER_ADMIN, COURIER_STAFF, DELIVERY_ADMIN, ROOT_ADMIN } from './staff-fixtures'

describe('staff.list and staff.auditLog: what an admin sees of their subtree', () => {
  const cloud = localCloudForTests({
    prepare: async (running) => {
      await addSectorAdmins(running)
      // A change with a phone number in it, and a change to the root union's calendar.
      expectOk(await running.call('unions', 'update', { unionId: 'u-courier', contactPhone: '13812345678' }, { as: COURIER_ADMIN }))
      expectOk(await running.call('complaints', 'saveHoliday', { date: '2031-10-01', kind: 'holiday', name: '国庆节' }, { as: ROOT_ADMIN }))
    },
  })

  describe('list', () => {
    it('shows the root admin every role below, and a sector admin only theirs', async () => {
      const all = expectOk(await cloud.call('staff', 'list', {}, { as: ROOT_ADMIN }))
      expect(all.items.map((item) => [item.name, item.unionName, item.role]).sort()).toEqual(
        [
          ['周主任', '示范市外卖配送行业工会联合会', 'admin'],
          ['孙主任', '示范市快递行业工会联合会', 'admin'],
          ['李干事', '示范市快递行业工会联合会', 'staff'],
          ['王主席', '示范市总工会', 'admin'],
        ].sort(),
      )
      expect(all.items.find((item) => item.name === '王主席')).toMatchObject({ isSelf: true, actorId: actorIdFor(ROOT_ADMIN) })
      const courier = expectOk(await cloud.call('staff', 'list', {}, { as: COURIER_ADMIN }))
      expect(courier.items.map((item) => item.name).sort()).toEqual(['孙主任', '李干事'].sort())
    })

    it('pages', async () => {
      const first = expectOk(await cloud.call('staff', 'list', { pageSize: 3 }, { as: ROOT_ADMIN }))
      const second = expectOk(await cloud.call('staff', 'list', { pageSize: 3, page: 2 }, { as: ROOT_ADMIN }))
      expect(first.total).toBe(4)
      expect(first.items).toHaveLength(3)
      expect(second.items).toHaveLength(1)
      expect(new Set([...first.items, ...second.items].map((item) => item.staffId)).size).toBe(4)
    })

    it('refuses a union beside or above, and staff who are not admins', async () => {
      for (const unionId of ['u-delivery', 'u-city']) {
        expect(await cloud.call('staff', 'list', { unionId }, { as: COURIER_ADMIN })).toEqual({
          ok: false,
          error: { code: 'FORBIDDEN', message: '只能查看你管理的工会（本会及下级工会）' },
        })
      }
      expect(await cloud.call('staff', 'list', {}, { as: COURIER_STAFF })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    })
  })

  describe('auditLog', () => {
    it('shows who did what where, newest first, with personal data masked', async () => {
      const log = expectOk(await cloud.call('staff', 'auditLog', {}, { as: ROOT_ADMIN }))
      const ats = log.items.map((item) => Date.parse(item.at))
      expect(ats).toEqual([...ats].sort((a, b) => b - a))
      const update = log.items.find((item) => item.action === 'unions.update')
      expect(update).toMatchObject({ actionLabel: '修改工会信息', unionName: '示范市快递行业工会联合会', actorName: '孙主任', actorId: actorIdFor(COURIER_ADMIN) })
      expect(update?.changes).toEqual([{ field: 'contactPhone', label: '联系电话', before: null, after: '138****5678' }])
      expect(log.items.find((item) => item.action === 'membership.review.approve')).toMatchObject({ actorName: '李干事', unionName: '示范市快递行业工会联合会' })
      // A calendar entry belongs to the root union whose calendar it changes (issue 13 item 5).
      expect(log.items.find((item) => item.action === 'complaints.saveHoliday')).toMatchObject({
        unionId: 'u-city',
        actorName: '王主席',
        actionLabel: '设置节假日',
        changes: [
          { field: 'kind', label: '类型', before: null, after: '放假' },
          { field: 'name', label: '名称', before: null, after: '国庆节' },
        ],
        details: [{ field: 'date', label: '日期', value: '2031-10-01' }],
      })
      // Nothing in the stored log holds the number in full.
      expect(JSON.stringify(await cloud.collection('auditLog'))).not.toContain('13812345678')
    })

    it('filters by union, person, action and China days', async () => {
      const byUnion = expectOk(await cloud.call('staff', 'auditLog', { unionId: 'u-courier' }, { as: ROOT_ADMIN }))
      expect(byUnion.total).toBeGreaterThan(0)
      expect(new Set(byUnion.items.map((item) => item.unionId))).toEqual(new Set(['u-courier']))

      const byPerson = expectOk(await cloud.call('staff', 'auditLog', { actorId: actorIdFor(COURIER_STAFF) }, { as: ROOT_ADMIN }))
      expect(byPerson.total).toBeGreaterThan(0)
      expect(new Set(byPerson.items.map((item) => item.actorName))).toEqual(new Set(['李干事']))

      const byAction = expectOk(await cloud.call('staff', 'auditLog', { action: 'staff' }, { as: ROOT_ADMIN }))
      expect(byAction.items.map((item) => item.action).sort()).toEqual(['staff.accept', 'staff.invite'])
      expect(expectOk(await cloud.call('staff', 'auditLog', { action: 'membership.review' }, { as: ROOT_ADMIN })).items.map((item) => item.action)).toEqual([
        'membership.review.approve',
      ])
      expect(expectOk(await cloud.call('staff', 'auditLog', { action: 'membership.rev' }, { as: ROOT_ADMIN })).total).toBe(0)

      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date())
      expect(expectOk(await cloud.call('staff', 'auditLog', { from: today, to: today }, { as: ROOT_ADMIN })).total).toBe(
        expectOk(await cloud.call('staff', 'auditLog', {}, { as: ROOT_ADMIN })).total,
      )
      expect(expectOk(await cloud.call('staff', 'auditLog', { to: '2020-01-01' }, { as: ROOT_ADMIN })).total).toBe(0)
      expect(await cloud.call('staff', 'auditLog', { from: '2030-01-02', to: '2030-01-01' }, { as: ROOT_ADMIN })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', fields: [{ path: 'to', message: '结束日期不能早于开始日期' }] },
      })
      expect(await cloud.call('staff', 'auditLog', { from: '2030-02-30' }, { as: ROOT_ADMIN })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    })

    it('shows an admin only their subtree, and refuses a union beside or above', async () => {
      const courier = expectOk(await cloud.call('staff', 'auditLog', {}, { as: COURIER_ADMIN }))
      expect(courier.total).toBeGreaterThan(0)
      expect(new Set(courier.items.map((item) => item.unionId))).toEqual(new Set(['u-courier']))
      expect(expectOk(await cloud.call('staff', 'auditLog', {}, { as: DELIVERY_ADMIN })).total).toBe(0)
      for (const unionId of ['u-delivery', 'u-city']) {
        expect(await cloud.call('staff', 'auditLog', { unionId }, { as: COURIER_ADMIN })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      }
      expect(await cloud.call('staff', 'auditLog', {}, { as: COURIER_STAFF })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    })
  })
})
