import { toDataURL } from 'qrcode'
import { startTestCloud, testSecrets, type TestCloud } from '../../emulator/gateway/testing'
import { CARD_WINDOW_SECONDS, issueCardCode } from '../../cloudfunctions/src/_lib/member-card'
import { isMemberNumber } from '@shared/rules/member-number'

/**
 * The card's rotating code. This file starts its local cloud with keys it knows, so that it can
 * sign codes for past windows exactly as the function did then: a screenshot replayed later.
 */
describe('membership.card and verifyCard on the local cloud', () => {
  const secrets = testSecrets()
  let cloud: TestCloud
  beforeAll(async () => {
    process.env.UNIONHUB_CARD_KEY = secrets.functions.UNIONHUB_CARD_KEY
    cloud = await startTestCloud({ seed: true, secrets, functionsDir: process.env.UNIONHUB_TEST_FUNCTIONS_DIR })
  })
  afterAll(() => cloud.close())

  const call = async (fn: string, action: string, input: unknown, openid: string | null) => (await cloud.call(fn, action, input, { openid })).body as {
    ok: boolean
    data: Record<string, unknown>
    error: { code: string; message: string }
  }

  it("shows a member their card: name, union, number, join date and a QR of the current window's code", async () => {
    const before = Date.now()
    const card = await call('membership', 'card', {}, 'demo-member')
    expect(card.ok).toBe(true)
    expect(card.data).toMatchObject({ name: '张师傅', unionName: '示范市快递行业工会联合会' })
    expect(isMemberNumber(card.data.memberNumber as string)).toBe(true)
    expect(card.data.code).toMatch(/^m-[0-9a-f]{32}\.\d+\.[A-Za-z0-9_-]{22}$/)
    // The image is the QR of that very code (drawn by the pinned qrcode package, loaded on first use).
    expect(card.data.qrImage).toBe(await toDataURL(card.data.code as string, { errorCorrectionLevel: 'M', margin: 1, width: 280 }))
    const refreshAt = Date.parse(card.data.refreshAt as string)
    expect(refreshAt).toBeGreaterThan(before)
    expect(refreshAt - before).toBeLessThanOrEqual(CARD_WINDOW_SECONDS * 1000)
  })

  it('is for members only', async () => {
    expect(await call('membership', 'card', {}, 'demo-worker')).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: '此功能仅限工会会员使用，请先申请入会' } })
    expect(await call('membership', 'card', {}, null)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
  })

  it('verifies a fresh code for staff, names the member and audits the check', async () => {
    const { data } = await call('membership', 'card', {}, 'demo-member')
    const verdict = await call('membership', 'verifyCard', { code: data.code }, 'demo-staff')
    expect(verdict).toEqual({
      ok: true,
      data: { valid: true, reason: null, member: { name: '张师傅', unionName: '示范市快递行业工会联合会', memberNumber: data.memberNumber, joinedAt: data.joinedAt } },
    })
    const audit = ((await cloud.collection('auditLog')) as Array<Record<string, unknown>>).filter((e) => e.action === 'membership.verifyCard')
    expect(audit).toEqual([expect.objectContaining({ actorOpenid: 'demo-staff', targetCollection: 'members' })])
  })

  it('accepts the previous window (a code shown just before it rotated) and refuses a replay after that', async () => {
    const { data } = await call('membership', 'card', {}, 'demo-member')
    const memberId = (data.code as string).split('.')[0]!
    const now = Date.now()
    const previous = issueCardCode(memberId, new Date(now - CARD_WINDOW_SECONDS * 1000)).code
    expect((await call('membership', 'verifyCard', { code: previous }, 'demo-staff')).data.valid).toBe(true)

    // A screenshot taken two windows (60 s) ago, signed with the real key: refused.
    const replay = issueCardCode(memberId, new Date(now - 2 * CARD_WINDOW_SECONDS * 1000)).code
    expect(await call('membership', 'verifyCard', { code: replay }, 'demo-staff')).toEqual({
      ok: true,
      data: { valid: false, reason: expect.stringContaining('已过期'), member: null },
    })
  })

  it('refuses forged, tampered, future and malformed codes', async () => {
    const { data } = await call('membership', 'card', {}, 'demo-member')
    const [memberId, window, mac] = (data.code as string).split('.') as [string, string, string]
    const codes = [
      `${memberId}.${window}.${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`,
      `m-${'0'.repeat(32)}.${window}.${mac}`,
      issueCardCode(memberId, new Date(Date.now() + 2 * CARD_WINDOW_SECONDS * 1000)).code,
      'not-a-code',
      `${memberId}.${window}`,
    ]
    for (const code of codes) expect((await call('membership', 'verifyCard', { code }, 'demo-staff')).data).toMatchObject({ valid: false, member: null })
  })

  it('is for staff only, and names a missing code', async () => {
    const { data } = await call('membership', 'card', {}, 'demo-member')
    expect(await call('membership', 'verifyCard', { code: data.code }, 'demo-member')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await call('membership', 'verifyCard', {}, 'demo-staff')).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: '请填写会员码' } })
  })
})
