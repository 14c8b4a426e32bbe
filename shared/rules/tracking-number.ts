/**
 * Complaint tracking numbers: `WQ` (维权), the China date of filing and a 4-digit sequence of that
 * day (`WQ20261127-0042`). Short enough to read out over the 12351 hotline; the sequence comes
 * from a per-day counter taken atomically, so two cases never share a number.
 */
export const TRACKING_NUMBER_PATTERN = /^WQ(\d{4})(\d{2})(\d{2})-(\d{4})$/

export const MAX_DAILY_SEQUENCE = 9999

/** `2026-11-27`, 42 → `WQ20261127-0042`. */
export function formatTrackingNumber(day: string, sequence: number): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new RangeError(`not a date: ${day}`)
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > MAX_DAILY_SEQUENCE) throw new RangeError(`sequence out of range: ${sequence}`)
  return `WQ${day.replace(/-/g, '')}-${String(sequence).padStart(4, '0')}`
}

/** The parts of a tracking number, or null when it is not one (people type them in with spaces and lower case). */
export function parseTrackingNumber(raw: string): { day: string; sequence: number; value: string } | null {
  const value = raw.replace(/\s+/g, '').toUpperCase()
  const match = TRACKING_NUMBER_PATTERN.exec(value)
  if (!match) return null
  const sequence = Number(match[4])
  if (sequence < 1) return null
  return { day: `${match[1]}-${match[2]}-${match[3]}`, sequence, value }
}

/** The id of the counter document that hands out one day's sequence numbers. */
export function trackingCounterId(day: string): string {
  return `complaint-tracking-${day}`
}
