import { createHmac, timingSafeEqual } from 'node:crypto'

/**
 * The rotating code on the electronic member card: `<memberId>.<window>.<mac>`, where the MAC is an
 * HMAC over the member and a 30-second window. A verifier accepts the current and the previous
 * window only, so a screenshot stops working within a minute. Key: `UNIONHUB_CARD_KEY`.
 */
export const CARD_WINDOW_SECONDS = 30

function key(): Buffer {
  const raw = process.env.UNIONHUB_CARD_KEY
  if (!raw || Buffer.from(raw, 'base64').length < 16) throw new Error('UNIONHUB_CARD_KEY must be at least 16 bytes, base64-encoded')
  return Buffer.from(raw, 'base64')
}

const windowOf = (now: Date) => Math.floor(now.getTime() / 1000 / CARD_WINDOW_SECONDS)

function mac(memberId: string, window: number): string {
  return createHmac('sha256', key()).update(`${memberId}.${window}`).digest('base64url').slice(0, 22)
}

export interface CardCode {
  code: string
  /** When the code stops being shown; the client refreshes before then. */
  refreshAt: Date
}

export function issueCardCode(memberId: string, now: Date): CardCode {
  const window = windowOf(now)
  return { code: `${memberId}.${window}.${mac(memberId, window)}`, refreshAt: new Date((window + 1) * CARD_WINDOW_SECONDS * 1000) }
}

/** The member id a code stands for, or null if it is forged, malformed or past its window. */
export function verifyCardCode(code: string, now: Date): string | null {
  const parts = code.split('.')
  if (parts.length !== 3) return null
  const [memberId, windowText, given] = parts as [string, string, string]
  const window = Number(windowText)
  const current = windowOf(now)
  if (!Number.isInteger(window) || window > current || window < current - 1) return null
  const expected = Buffer.from(mac(memberId, window))
  const actual = Buffer.from(given)
  return expected.length === actual.length && timingSafeEqual(expected, actual) ? memberId : null
}
