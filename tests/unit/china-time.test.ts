import {
  addDays,
  addWorkingDays,
  calendarFrom,
  calendarWindow,
  chinaDateTime,
  chinaDay,
  EMPTY_CALENDAR,
  endOfChinaDay,
  formatDayAndTime,
  formatFullDate,
  formatFullDateTime,
  formatMonthDay,
  formatTimeRange,
  parseChinaDateTime,
  parseIsoDateTime,
  startOfChinaDay,
  isDay,
  isWorkingDay,
  weekdayOf,
} from '@shared/rules/china-time'

// 2026-11-27 is a Friday.
describe('working days', () => {
  it('reads calendar dates strictly', () => {
    expect(isDay('2026-11-27')).toBe(true)
    expect(isDay('2026-02-29')).toBe(false)
    expect(isDay('2028-02-29')).toBe(true)
    expect(isDay('2026-13-01')).toBe(false)
    expect(isDay('2026-1-1')).toBe(false)
    expect(isDay('')).toBe(false)
  })

  it('takes the date in China, whatever the instant is written in', () => {
    expect(chinaDay(new Date('2026-11-27T15:59:59Z'))).toBe('2026-11-27')
    expect(chinaDay(new Date('2026-11-27T16:00:00Z'))).toBe('2026-11-28')
    expect(chinaDay(new Date('2026-11-28T00:30:00+08:00'))).toBe('2026-11-28')
  })

  it('adds calendar days across months and years', () => {
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01')
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28')
    expect(weekdayOf('2026-11-27')).toBe(5)
  })

  it('counts from the day after: Monday + 2 working days is Wednesday', () => {
    expect(addWorkingDays('2026-11-23', 2, EMPTY_CALENDAR)).toBe('2026-11-25')
  })

  it('skips the weekend: filed on Friday, accept within 2 is Tuesday', () => {
    expect(addWorkingDays('2026-11-27', 2, EMPTY_CALENDAR)).toBe('2026-12-01')
  })

  it('filed on Saturday or Sunday starts counting on Monday', () => {
    expect(addWorkingDays('2026-11-28', 1, EMPTY_CALENDAR)).toBe('2026-11-30')
    expect(addWorkingDays('2026-11-29', 2, EMPTY_CALENDAR)).toBe('2026-12-01')
  })

  it('skips a holiday that falls on a weekday, across a weekend', () => {
    const calendar = calendarFrom([{ date: '2026-11-30', kind: 'holiday' }])
    // Fri → (Sat, Sun skipped) → Mon holiday skipped → Tue, Wed.
    expect(addWorkingDays('2026-11-27', 2, calendar)).toBe('2026-12-02')
    expect(isWorkingDay('2026-11-30', calendar)).toBe(false)
  })

  it('counts a swapped weekend working day (调休上班)', () => {
    const calendar = calendarFrom([{ date: '2026-11-28', kind: 'workday' }])
    expect(isWorkingDay('2026-11-28', calendar)).toBe(true)
    expect(addWorkingDays('2026-11-27', 2, calendar)).toBe('2026-11-30')
  })

  it('runs through a National Day week with its make-up days', () => {
    // A week-long holiday Thu 1 Oct – Wed 7 Oct, with Sat 10 Oct worked instead.
    const days = ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07']
    const calendar = calendarFrom([...days.map((date) => ({ date, kind: 'holiday' as const })), { date: '2026-10-10', kind: 'workday' }])
    // Filed Wed 30 Sep: Thu 8 (1), Fri 9 (2), Sat 10 worked (3).
    expect(addWorkingDays('2026-09-30', 3, calendar)).toBe('2026-10-10')
    // 15 working days from Wed 30 Sep: 8, 9, 10, 12–16, 19–23, 26, 27 → Tue 27 Oct.
    expect(addWorkingDays('2026-09-30', 15, calendar)).toBe('2026-10-27')
  })

  it('refuses nonsense counts and a calendar with no working day', () => {
    expect(() => addWorkingDays('2026-11-27', 0, EMPTY_CALENDAR)).toThrow(RangeError)
    expect(() => addWorkingDays('2026-11-27', 1.5, EMPTY_CALENDAR)).toThrow(RangeError)
    const closed = calendarFrom(Array.from({ length: 400 }, (_, i) => ({ date: addDays('2026-11-28', i), kind: 'holiday' as const })))
    expect(() => addWorkingDays('2026-11-27', 1, closed)).toThrow(/holiday list/)
  })

  it('loads holidays over a window wide enough for the deadline', () => {
    const window = calendarWindow('2026-11-27', 15)
    expect(window.from).toBe('2026-11-28')
    expect(addWorkingDays('2026-11-27', 15, EMPTY_CALENDAR) <= window.to).toBe(true)
  })

  it('ends a day at midnight China time', () => {
    expect(endOfChinaDay('2026-11-29').toISOString()).toBe('2026-11-29T15:59:59.999Z')
  })

  it('writes dates the way people read them', () => {
    expect(formatMonthDay('2026-11-29')).toBe('11月29日')
    expect(formatMonthDay('2026-01-05')).toBe('1月5日')
    expect(formatFullDate('2027-01-05')).toBe('2027年1月5日')
  })
})

// The phone, the function instance and the test machine may each run in another zone: China time
// must not move with them. Node reads TZ afresh when it changes.
describe.each(['UTC', 'America/Los_Angeles', 'Asia/Kolkata'])('China time on a machine in %s', (zone) => {
  const saved = process.env.TZ
  beforeAll(() => {
    process.env.TZ = zone
  })
  afterAll(() => {
    process.env.TZ = saved
  })

  it('formats moments as a clock in China shows them', () => {
    const lateEvening = new Date('2026-06-30T17:05:00Z') // 01:05 on 1 July in China
    expect(chinaDay(lateEvening)).toBe('2026-07-01')
    expect(chinaDateTime(lateEvening)).toBe('2026-07-01 01:05')
    expect(formatFullDateTime(lateEvening)).toBe('2026年7月1日 01:05')
    expect(formatDayAndTime('2026-07-01T01:00:00Z')).toBe('7月1日 周三 09:00')
    expect(formatTimeRange('2026-07-01T01:00:00Z', '2026-07-01T09:00:00Z')).toBe('7月1日 周三 09:00–17:00')
    expect(formatTimeRange('2026-07-01T01:00:00Z', '2026-07-02T01:00:00Z')).toBe('7月1日 周三 09:00 至 7月2日 周四 09:00')
  })

  it('reads typed times as China time and refuses dates that do not exist', () => {
    expect(parseChinaDateTime('2026-07-01 09:00')?.toISOString()).toBe('2026-07-01T01:00:00.000Z')
    expect(parseChinaDateTime(' 2026-7-1 9:00 ')?.toISOString()).toBe('2026-07-01T01:00:00.000Z')
    expect(parseChinaDateTime('2031-02-30 01:00')).toBeNull()
    expect(parseChinaDateTime('2026-07-01 24:00')).toBeNull()
    expect(parseChinaDateTime('2026-07-01')).toBeNull()
  })

  it('reads ISO moments from the wire only when every field is real (no roll-over into the next month)', () => {
    expect(parseIsoDateTime('2031-02-28T01:00:00Z')?.toISOString()).toBe('2031-02-28T01:00:00.000Z')
    expect(parseIsoDateTime('2031-02-28T09:00:00.123+08:00')?.toISOString()).toBe('2031-02-28T01:00:00.123Z')
    expect(parseIsoDateTime('2028-02-29T01:00Z')?.toISOString()).toBe('2028-02-29T01:00:00.000Z')
    for (const impossible of ['2031-02-30T01:00:00Z', '2031-04-31T01:00:00Z', '2029-02-29T01:00:00Z', '2031-13-01T01:00:00Z', '2031-02-01T24:00:00Z', '2031-02-01T01:60:00Z', '2031-02-01T01:00:61Z']) {
      expect([impossible, parseIsoDateTime(impossible)]).toEqual([impossible, null])
    }
    // Without an offset the moment would depend on the zone of the instance that reads it.
    expect(parseIsoDateTime('2031-02-01T01:00:00')).toBeNull()
    expect(parseIsoDateTime('tomorrow')).toBeNull()
  })

  it('bounds a China day at its own midnights', () => {
    expect(startOfChinaDay('2026-07-01').toISOString()).toBe('2026-06-30T16:00:00.000Z')
    expect(endOfChinaDay('2026-07-01').toISOString()).toBe('2026-07-01T15:59:59.999Z')
  })
})
