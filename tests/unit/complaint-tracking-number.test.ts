import { formatTrackingNumber, parseTrackingNumber, trackingCounterId } from '@shared/rules/tracking-number'

describe('tracking numbers', () => {
  it('formats the day and a 4-digit sequence', () => {
    expect(formatTrackingNumber('2026-11-27', 42)).toBe('WQ20261127-0042')
    expect(formatTrackingNumber('2026-11-27', 9999)).toBe('WQ20261127-9999')
  })

  it('refuses sequences outside 1–9999 and bad days', () => {
    expect(() => formatTrackingNumber('2026-11-27', 0)).toThrow(RangeError)
    expect(() => formatTrackingNumber('2026-11-27', 10_000)).toThrow(RangeError)
    expect(() => formatTrackingNumber('20261127', 1)).toThrow(RangeError)
  })

  it('reads back what people type', () => {
    expect(parseTrackingNumber(' wq20261127-0042 ')).toEqual({ day: '2026-11-27', sequence: 42, value: 'WQ20261127-0042' })
    expect(parseTrackingNumber('WQ20261127-0000')).toBeNull()
    expect(parseTrackingNumber('WQ2026112-0042')).toBeNull()
  })

  it('keeps one counter per day', () => {
    expect(trackingCounterId('2026-11-27')).toBe('complaint-tracking-2026-11-27')
  })
})
