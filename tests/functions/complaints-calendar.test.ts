import { addDays, addWorkingDays, chinaDay, weekdayOf } from '@shared/rules/china-time'
import { reachesUnknownYear, workCalendar } from '@shared/rules/work-calendar'
import { addPeople, CITY_ADMIN, COURIER_STAFF, MEMBER, requestId, wageCase } from './complaints-fixtures'
import { expectOk, localCloudForTests } from './harness'

/** An admin of one enterprise union (a leaf of the city's tree), and a second city with its own admin. */
const ENTERPRISE_ADMIN = 'cm-admin-textile'
const OTHER_CITY_ADMIN = 'cm-admin-city2'

const today = () => chinaDay(new Date())
const nextWeekdays = (from: string, count: number) => {
  const days: string[] = []
  for (let day = addDays(from, 1); days.length < count; day = addDays(day, 1)) if (weekdayOf(day) !== 0 && weekdayOf(day) !== 6) days.push(day)
  return days
}

interface StoredHoliday {
  _id: string
  rootUnionId: string
  date: string
}

describe('the holiday calendar and tier settings, per root union', () => {
  const cloud = localCloudForTests({
    freshEachTest: true,
    prepare: async (cloud) => {
      await addPeople(cloud)
      const createdAt = new Date()
      await cloud.insert('unions', [
        { _id: 'u-city2', name: '邻市总工会', kind: 'federation', parentId: null, city: '邻市', district: null, sector: null, platforms: [], scene: 'j.city2', status: 'active', createdAt },
      ])
      await cloud.insert('staff', [
        { _id: 'cm-s-textile', openid: ENTERPRISE_ADMIN, unionId: 'u-ent-textile', role: 'admin', name: '孙主席', createdAt },
        { _id: 'cm-s-city2', openid: OTHER_CITY_ADMIN, unionId: 'u-city2', role: 'admin', name: '周主席', createdAt },
      ])
    },
  })

  it('ships the national arrangements: staff read them for a known year, and a note for a year not published yet', async () => {
    const year = expectOk(await cloud.call('complaints', 'holidays', { year: 2026 }, { as: COURIER_STAFF }))
    expect(year).toMatchObject({ union: { unionId: 'u-city', name: '示范市总工会' }, nationalKnown: true, source: expect.stringMatching(/^chinese-days \d/), editable: false })
    expect(year.items.filter((item) => item.date.startsWith('2026-10'))).toEqual([
      ...['01', '02', '03', '04', '05', '06', '07'].map((d) => ({ date: `2026-10-${d}`, kind: 'holiday', name: '国庆节', source: 'national' })),
      { date: '2026-10-10', kind: 'workday', name: '国庆节', source: 'national' },
    ])
    expect(expectOk(await cloud.call('complaints', 'holidays', { year: 2027 }, { as: COURIER_STAFF }))).toMatchObject({ nationalKnown: false, items: [] })
    expect(expectOk(await cloud.call('complaints', 'holidays', { year: 2026 }, { as: CITY_ADMIN })).editable).toBe(true)
    // Nothing needs seeding: a fresh database holds no calendar entries.
    expect(await cloud.collection('holidays')).toEqual([])
  })

  it('lets only the root union\'s admins change its calendar; an enterprise union\'s admin changes nothing', async () => {
    for (const input of [
      { date: '2026-12-24', kind: 'holiday' as const, name: '企业自定假日' },
      { date: '2026-12-24', kind: 'holiday' as const, name: '企业自定假日', unionId: 'u-ent-textile' },
    ]) {
      expect(await cloud.call('complaints', 'saveHoliday', input, { as: ENTERPRISE_ADMIN, requestId: requestId() })).toEqual({
        ok: false,
        error: { code: 'FORBIDDEN', message: '只有示范市总工会的管理员可以修改节假日' },
      })
    }
    expect(await cloud.call('complaints', 'saveHoliday', { date: '2026-12-24', kind: 'holiday', name: '假日', unionId: 'u-city' }, { as: ENTERPRISE_ADMIN })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
    expect(await cloud.call('complaints', 'removeHoliday', { date: '2026-10-01' }, { as: ENTERPRISE_ADMIN })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await cloud.collection('holidays')).toEqual([])
    expect(expectOk(await cloud.call('complaints', 'holidays', { year: 2026 }, { as: ENTERPRISE_ADMIN })).editable).toBe(false)

    // The city federation's admin adds a local holiday and corrects a national make-up day.
    expectOk(await cloud.call('complaints', 'saveHoliday', { date: '2026-12-24', kind: 'holiday', name: '市庆日' }, { as: CITY_ADMIN, requestId: requestId() }))
    expectOk(await cloud.call('complaints', 'saveHoliday', { date: '2026-10-10', kind: 'holiday', name: '本市不调休' }, { as: CITY_ADMIN, requestId: requestId() }))
    const seen = expectOk(await cloud.call('complaints', 'holidays', { year: 2026 }, { as: COURIER_STAFF })).items
    expect(seen.filter((item) => item.source === 'local')).toEqual([
      { date: '2026-10-10', kind: 'holiday', name: '本市不调休', source: 'local' },
      { date: '2026-12-24', kind: 'holiday', name: '市庆日', source: 'local' },
    ])
    expect(seen.filter((item) => item.date === '2026-10-10')).toHaveLength(1)
    const stored = await cloud.collection<StoredHoliday>('holidays')
    expect(stored.map((entry) => [entry._id, entry.rootUnionId])).toEqual([
      ['u-city:2026-12-24', 'u-city'],
      ['u-city:2026-10-10', 'u-city'],
    ])
    // Removing the correction brings the national arrangement back.
    expect(expectOk(await cloud.call('complaints', 'removeHoliday', { date: '2026-10-10' }, { as: CITY_ADMIN }))).toEqual({ removed: true })
    const back = expectOk(await cloud.call('complaints', 'holidays', { year: 2026 }, { as: COURIER_STAFF })).items.find((item) => item.date === '2026-10-10')
    expect(back).toEqual({ date: '2026-10-10', kind: 'workday', name: '国庆节', source: 'national' })
  })

  it('counts deadlines with the root union\'s own calendar only: another city\'s holidays change nothing here', async () => {
    // The other city closes the next three weekdays; the courier member's case does not notice.
    for (const date of nextWeekdays(today(), 3)) {
      expectOk(await cloud.call('complaints', 'saveHoliday', { date, kind: 'holiday', name: '邻市假日' }, { as: OTHER_CITY_ADMIN, requestId: requestId() }))
    }
    const national = addWorkingDays(today(), 2, workCalendar())
    const filed = expectOk(await cloud.call('complaints', 'file', wageCase(), { as: MEMBER, requestId: requestId() }))
    expect(filed.deadline).toMatchObject({ kind: 'accept', day: national })

    // The same three days closed by this city's admin move the next case's deadline.
    const closed = nextWeekdays(today(), 3)
    for (const date of closed) expectOk(await cloud.call('complaints', 'saveHoliday', { date, kind: 'holiday', name: '本市假日' }, { as: CITY_ADMIN, requestId: requestId() }))
    const later = expectOk(await cloud.call('complaints', 'file', wageCase(), { as: MEMBER, requestId: requestId() }))
    const expected = addWorkingDays(today(), 2, workCalendar(closed.map((date) => ({ date, kind: 'holiday' as const }))))
    expect(later.deadline!.day).toBe(expected)
    expect(later.deadline!.day > national).toBe(true)
    expect(later.deadline!.dueAt).toBe(new Date(`${expected}T23:59:59.999+08:00`).toISOString())
    // The deadline already promised does not move.
    expect(expectOk(await cloud.call('complaints', 'get', { complaintId: filed.complaintId }, { as: MEMBER })).deadline!.day).toBe(national)
  })

  it('gives each tier its documented days until the root union\'s admins change them, and only they can', async () => {
    const defaults = expectOk(await cloud.call('complaints', 'tierSettings', {}, { as: COURIER_STAFF }))
    expect(defaults).toEqual({
      union: { unionId: 'u-city', name: '示范市总工会' },
      tiers: { general: { acceptDays: 2, resolveDays: 15 }, difficult: { acceptDays: 2, resolveDays: 30 }, complex: { acceptDays: 3, resolveDays: 60 } },
      referralDays: 10,
      isDefault: true,
      editable: false,
    })
    const tiers = { general: { acceptDays: 1, resolveDays: 10 }, difficult: { acceptDays: 2, resolveDays: 20 }, complex: { acceptDays: 3, resolveDays: 40 } }
    expect(await cloud.call('complaints', 'saveTierSettings', { tiers, referralDays: 5 }, { as: ENTERPRISE_ADMIN })).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: '只有示范市总工会的管理员可以修改案件分级期限' },
    })
    expect(await cloud.call('complaints', 'saveTierSettings', { tiers: { ...tiers, complex: { acceptDays: 3, resolveDays: 9 } }, referralDays: 5 }, { as: CITY_ADMIN })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: [{ path: 'tiers.complex.resolveDays', message: '「特别复杂」的办结期限不能短于「难点」' }] },
    })
    expect(await cloud.call('complaints', 'saveTierSettings', { tiers: { ...tiers, general: { acceptDays: 0, resolveDays: 10 } }, referralDays: 5 }, { as: CITY_ADMIN })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: [{ path: 'tiers.general.acceptDays', message: '受理期限不能小于 1' }] },
    })
    expect(await cloud.collection('complaintSettings')).toEqual([])

    expect(expectOk(await cloud.call('complaints', 'saveTierSettings', { tiers, referralDays: 5 }, { as: CITY_ADMIN, requestId: requestId() }))).toMatchObject({ tiers, isDefault: false })
    const filed = expectOk(await cloud.call('complaints', 'file', wageCase(), { as: MEMBER, requestId: requestId() }))
    expect(filed.deadline!.day).toBe(addWorkingDays(today(), 1, workCalendar()))
    const accepted = expectOk(await cloud.call('complaints', 'transition', { complaintId: filed.complaintId, to: 'accepted', tier: 'difficult' }, { as: COURIER_STAFF }))
    const resolveDay = addWorkingDays(today(), 20, workCalendar())
    expect(accepted).toMatchObject({ tier: 'difficult', deadline: { kind: 'resolve', day: resolveDay, provisional: reachesUnknownYear(today(), resolveDay) } })
    const audit = await cloud.collection<{ action: string; actorOpenid: string; before: Record<string, unknown>; after: Record<string, unknown> }>('auditLog')
    expect(audit.filter((entry) => entry.action === 'complaints.saveTierSettings').map(({ actorOpenid, before, after }) => ({ actorOpenid, before, after }))).toEqual([
      {
        actorOpenid: CITY_ADMIN,
        before: { general: '2/15', difficult: '2/30', complex: '3/60', referralDays: 10 },
        after: { general: `${tiers.general.acceptDays}/${tiers.general.resolveDays}`, difficult: `${tiers.difficult.acceptDays}/${tiers.difficult.resolveDays}`, complex: `${tiers.complex.acceptDays}/${tiers.complex.resolveDays}`, referralDays: 5 },
      },
    ])
  })

  it('marks a deadline counted into a year with no national arrangements as provisional', async () => {
    const filed = expectOk(await cloud.call('complaints', 'file', wageCase(), { as: MEMBER, requestId: requestId() }))
    const accepted = expectOk(await cloud.call('complaints', 'transition', { complaintId: filed.complaintId, to: 'accepted', tier: 'complex' }, { as: COURIER_STAFF }))
    const day = addWorkingDays(today(), 60, workCalendar())
    expect(accepted.deadline).toMatchObject({ day, provisional: reachesUnknownYear(today(), day) })
    // Today is late 2026 on this machine's clock; 60 working days reach a year chinese-days does not know yet.
    if (today() >= '2026-09-01' && today() <= '2026-12-31') expect(accepted.deadline!.provisional).toBe(true)
  })
})
