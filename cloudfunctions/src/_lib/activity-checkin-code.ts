import { createHmac, timingSafeEqual } from 'node:crypto'

/**
 * The rotating check-in code an activity shows at the venue: `UHCI.<activityId>.<window>.<mac>`,
 * an HMAC over the activity and a 60-second window. A member's phone scans it; the verifier accepts
 * the current and the previous window, so a photo sent to someone at home stops working within two
 * minutes. The key is derived from `UNIONHUB_CARD_KEY` under its own label, so a card code can never
 * pass as a check-in code or the other way round.
 */
export const CHECK_IN_WINDOW_SECONDS = 60
export const CHECK_IN_PREFIX = 'UHCI'

function key(): Buffer {
  const raw = process.env.UNIONHUB_CARD_KEY
  if (!raw || Buffer.from(raw, 'base64').length < 16) throw new Error('UNIONHUB_CARD_KEY must be at least 16 bytes, base64-encoded')
  return createHmac('sha256', Buffer.from(raw, 'base64')).update('unionhub/activity-check-in').digest()
}

const windowOf = (now: Date) => Math.floor(now.getTime() / 1000 / CHECK_IN_WINDOW_SECONDS)

function mac(activityId: string, window: number): string {
  return createHmac('sha256', key()).update(`${activityId}.${window}`).digest('base64url').slice(0, 22)
}

export function issueCheckInCode(activityId: string, now: Date): { code: string; refreshAt: Date } {
  const window = windowOf(now)
  return {
    code: `${CHECK_IN_PREFIX}.${activityId}.${window}.${mac(activityId, window)}`,
    refreshAt: new Date((window + 1) * CHECK_IN_WINDOW_SECONDS * 1000),
  }
}

/** The activity a code stands for, or null if it is forged, malformed or past its window. */
export function verifyCheckInCode(code: string, now: Date): string | null {
  const parts = code.trim().split('.')
  if (parts.length < 4 || parts[0] !== CHECK_IN_PREFIX) return null
  const given = parts.pop()!
  const window = Number(parts.pop())
  const activityId = parts.slice(1).join('.')
  const current = windowOf(now)
  if (!activityId || !Number.isInteger(window) || window > current || window < current - 1) return null
  const expected = Buffer.from(mac(activityId, window))
  const actual = Buffer.from(given)
  return expected.length === actual.length && timingSafeEqual(expected, actual) ? activityId : null
}
