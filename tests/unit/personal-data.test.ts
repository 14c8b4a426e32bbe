import { randomBytes } from 'node:crypto'
import { maskIdNumber, maskName, maskPhone } from '@shared/mask'

process.env.UNIONHUB_DATA_KEY = randomBytes(32).toString('base64')
process.env.UNIONHUB_CARD_KEY = randomBytes(32).toString('base64')

// Imported after the keys are in the environment, as in a function instance.
import { decrypt, encrypt, lookupHash } from '../../cloudfunctions/src/_lib/personal-data'
import { issueCardCode, verifyCardCode } from '../../cloudfunctions/src/_lib/member-card'

describe('personal data at rest', () => {
  it('round-trips through AES-256-GCM without the clear text in the stored value', () => {
    const sealed = encrypt('11010519491231002X')
    expect(sealed).not.toContain('11010519491231002X')
    expect(decrypt(sealed)).toBe('11010519491231002X')
    expect(encrypt('11010519491231002X')).not.toBe(sealed) // fresh IV each time
  })

  it('refuses a tampered ciphertext', () => {
    const sealed = encrypt('13812345678')
    const flipped = sealed.slice(0, -4) + (sealed.endsWith('AAAA') ? 'BBBB' : 'AAAA')
    expect(() => decrypt(flipped)).toThrow()
  })

  it('hashes for look-up deterministically, per kind, case-insensitive on the X check digit', () => {
    expect(lookupHash('idNumber', '11010519491231002x')).toBe(lookupHash('idNumber', '11010519491231002X'))
    expect(lookupHash('phone', '13812345678')).not.toBe(lookupHash('idNumber', '13812345678'))
  })

  it('masks ID, phone and name for responses', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110***********002X')
    expect(maskPhone('13812345678')).toBe('138****5678')
    expect(maskName('欧阳娜娜')).toBe('欧***')
  })
})

describe('rotating member card code', () => {
  const t0 = new Date('2026-11-27T08:00:05Z')

  it('verifies in its window and the next one, then never again', () => {
    const { code } = issueCardCode('m-1', t0)
    expect(verifyCardCode(code, t0)).toBe('m-1')
    expect(verifyCardCode(code, new Date(t0.getTime() + 30_000))).toBe('m-1')
    expect(verifyCardCode(code, new Date(t0.getTime() + 60_000))).toBeNull()
  })

  it('refuses forged, altered and future codes', () => {
    const { code } = issueCardCode('m-1', t0)
    expect(verifyCardCode(code.replace('m-1', 'm-2'), t0)).toBeNull()
    expect(verifyCardCode(issueCardCode('m-1', new Date(t0.getTime() + 120_000)).code, t0)).toBeNull()
    expect(verifyCardCode('not-a-code', t0)).toBeNull()
  })
})
