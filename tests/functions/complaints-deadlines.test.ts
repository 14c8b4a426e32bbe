import { chinaDay } from '@shared/rules/china-time'
import { addPeople, CITY_ADMIN, COURIER_STAFF, MEMBER, requestId, wageCase } from './complaints-fixtures'
import { expectOk, localCloudForTests } from './harness'

const DAY = 86_400_000
const chinaToday = () => chinaDay(new Date())
const plus = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10)
const weekday = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay()
const monthDay = (day: string) => `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`

describe('deadlines and the holiday list on the local cloud', () => {
  const cloud = localCloudForTests({ prepare: (cloud) => addPeople(cloud) })

  it('lets admins maintain the holiday list, staff read it, and nobody else', async () => {
    const saved = expectOk(await cloud.call('complaints', 'saveHoliday', { date: '2030-10-01', kind: 'holiday', name: '国庆节' }, { as: CITY_ADMIN, requestId: requestId() }))
    expect(saved).toEqual({ date: '2030-10-01', kind: 'holiday', name: '国庆节' })
    expectOk(await cloud.call('complaints', 'saveHoliday', { date: '2030-09-29', kind: 'workday', name: '国庆调休' }, { as: CITY_ADMIN, requestId: requestId() }))
    expect(expectOk(await cloud.call('complaints', 'holidays', { year: 2030 }, { as: COURIER_STAFF })).items).toEqual([
      { date: '2030-09-29', kind: 'workday', name: '国庆调休' },
      { date: '2030-10-01', kind: 'holiday', name: '国庆节' },
    ])
    expect(expectOk(await cloud.call('complaints', 'removeHoliday', { date: '2030-09-29' }, { as: CITY_ADMIN }))).toEqual({ removed: true })
    expect(expectOk(await cloud.call('complaints', 'holidays', { year: 2030 }, { as: COURIER_STAFF })).items).toHaveLength(1)

    expect(await cloud.call('complaints', 'saveHoliday', { date: '2030-10-02', kind: 'holiday', name: '国庆节' }, { as: COURIER_STAFF })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: '此功能仅限工会管理员使用' },
    })
    expect(await cloud.call('complaints', 'holidays', { year: 2030 }, { as: MEMBER })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await cloud.call('complaints', 'saveHoliday', { date: '2030-02-30', kind: 'holiday', name: '无' }, { as: CITY_ADMIN })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: [{ path: 'date', message: '日期格式不正确，应为 年-月-日' }] },
    })
  })

  it('counts the accept deadline in working days across a weekend and a holiday', async () => {
    // From today, the first Friday after tomorrow (F) stays a working day, every other weekday up to
    // the Tuesday after it is a holiday: F is day 1, Sat and Sun are the weekend, Monday is a
    // holiday, so Tuesday (F + 4) is day 2.
    const today = chinaToday()
    let friday = plus(today, 2)
    while (weekday(friday) !== 5) friday = plus(friday, 1)
    const tuesday = plus(friday, 4)
    for (let day = plus(today, 1); day < tuesday; day = plus(day, 1)) {
      if (day === friday || weekday(day) === 0 || weekday(day) === 6) continue
      expectOk(await cloud.call('complaints', 'saveHoliday', { date: day, kind: 'holiday', name: '测试假日' }, { as: CITY_ADMIN, requestId: requestId() }))
    }
    const filed = expectOk(await cloud.call('complaints', 'file', wageCase(), { as: MEMBER, requestId: requestId() }))
    expect(filed.deadline).toMatchObject({ kind: 'accept', day: tuesday, sentence: `工会将在 ${monthDay(tuesday)} 前受理`, overdue: false })
    expect(filed.deadline!.dueAt).toBe(new Date(`${tuesday}T23:59:59.999+08:00`).toISOString())

    // A weekend day worked instead (调休) counts: Saturday becomes day 2.
    expectOk(await cloud.call('complaints', 'saveHoliday', { date: plus(friday, 1), kind: 'workday', name: '调休上班' }, { as: CITY_ADMIN, requestId: requestId() }))
    const swapped = expectOk(await cloud.call('complaints', 'file', wageCase(), { as: MEMBER, requestId: requestId() }))
    expect(swapped.deadline!.day).toBe(plus(friday, 1))
    // The deadline already promised does not move.
    expect(expectOk(await cloud.call('complaints', 'get', { complaintId: filed.complaintId }, { as: MEMBER })).deadline!.day).toBe(tuesday)
  })
})
