import { createHmac, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { parseCookies } from './http'

export const SESSION_COOKIE = 'uh_dev_session'
const OPENID = /^[A-Za-z0-9_-]{1,64}$/
const MAX_AGE_SECONDS = 30 * 24 * 60 * 60

export function isValidOpenid(value: unknown): value is string {
  return typeof value === 'string' && OPENID.test(value)
}

/**
 * The dev sign-in: the cookie names an openid and is signed with the data folder's key, so it
 * survives a restart of `npm start` and cannot be edited into another identity.
 */
export class DevSessions {
  constructor(private readonly key: string) {}

  openidOf(req: IncomingMessage): string | null {
    const value = parseCookies(req.headers.cookie).get(SESSION_COOKIE)
    if (!value) return null
    const [encoded, signature] = value.split('.')
    if (!encoded || !signature) return null
    const openid = Buffer.from(encoded, 'base64url').toString('utf8')
    if (!isValidOpenid(openid)) return null
    const expected = Buffer.from(this.sign(openid))
    const given = Buffer.from(signature)
    return given.length === expected.length && timingSafeEqual(given, expected) ? openid : null
  }

  cookieFor(openid: string): string {
    const value = `${Buffer.from(openid, 'utf8').toString('base64url')}.${this.sign(openid)}`
    return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${MAX_AGE_SECONDS}`
  }

  clearCookie(): string {
    return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`
  }

  private sign(openid: string): string {
    return createHmac('sha256', this.key).update(`dev-session\n${openid}`).digest('base64url')
  }
}
