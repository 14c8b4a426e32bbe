import { randomBytes } from 'node:crypto'
import { maskIdNumber, maskName, maskPhone } from '@shared/mask'

const newKey = () => randomBytes(32).toString('base64')
process.env.UNIONHUB_DATA_KEYS = `k2:${newKey()}`
process.env.UNIONHUB_CARD_KEY = randomBytes(32).toString('base64')

// Imported after the keys are in the environment, as in a function instance.
import { decrypt, encrypt, keyIdOf, keyringFrom, lookupHash, parseDataKeys } from '../../cloudfunctions/src/_lib/personal-data'
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

  it('names its key in every ciphertext', () => {
    expect(keyIdOf(encrypt('13812345678'))).toBe('k2')
  })

  it('masks ID, phone and name for responses', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110***********002X')
    expect(maskPhone('13812345678')).toBe('138****5678')
    expect(maskName('欧阳娜娜')).toBe('欧***')
  })
})

describe('data keys and rotation', () => {
  const a = newKey()
  const b = newKey()
  const ID = '11010519491231002X'

  it('opens ciphertexts and matches hashes written before keys had ids (recorded from that code)', () => {
    const before = {
      key: 'lJ7n4cJz0m3y0sV9k1qXbq3p5U2cJ8eJm0S7mZl2c1E=',
      id: 'v1:CmDWsTFYo1UFgNYCojJ/MTczk5DSc8PboVjABFi8II88pJE1DOhiHfttqEFMiw==',
      phone: 'v1:XGHyciNhXnaMpJsUXJSsP8gwkk2BVlzgb1dP8yCjIpYj3u+5MRhl',
      idHash: '3d25d56806dca2ee51fa7be94ccd6fa6ae259a8249789b56d27b0b7351f4c677',
    }
    for (const ring of [keyringFrom({ UNIONHUB_DATA_KEY: before.key }), keyringFrom({ UNIONHUB_DATA_KEYS: `k2:${b},v1:${before.key}` })]) {
      expect(ring.decrypt(before.id)).toBe(ID)
      expect(ring.decrypt(before.phone)).toBe('13812345678')
      expect(ring.lookupHashes('idNumber', ID)).toContain(before.idHash)
    }
  })

  it('reads today\'s single UNIONHUB_DATA_KEY as the key v1, so v1 ciphertexts stay readable', () => {
    const legacy = keyringFrom({ UNIONHUB_DATA_KEY: a })
    const sealed = legacy.encrypt(ID)
    expect(sealed).toMatch(/^v1:/)
    const rotated = keyringFrom({ UNIONHUB_DATA_KEYS: `k2:${b},v1:${a}` })
    expect(rotated.decrypt(sealed)).toBe(ID)
    // The look-up hash of v1 is unchanged by the move, so existing records are still found.
    expect(rotated.lookupHashes('idNumber', ID)[1]).toBe(legacy.lookupHash('idNumber', ID))
  })

  it('seals with the first key, opens with any, and hashes under every key current first', () => {
    const ring = keyringFrom({ UNIONHUB_DATA_KEYS: `k2:${b},v1:${a}` })
    expect(ring.currentKeyId).toBe('k2')
    expect(ring.keyIds).toEqual(['k2', 'v1'])
    const sealed = ring.encrypt(ID)
    expect(keyIdOf(sealed)).toBe('k2')
    expect(ring.decrypt(sealed)).toBe(ID)
    const [current, older] = ring.lookupHashes('idNumber', ID)
    expect(current).toBe(ring.lookupHash('idNumber', ID))
    expect(older).not.toBe(current)
    expect(older).toBe(keyringFrom({ UNIONHUB_DATA_KEYS: `v1:${a}` }).lookupHash('idNumber', ID))
  })

  it('cannot open data once its key is removed, and says which key is missing', () => {
    const sealed = keyringFrom({ UNIONHUB_DATA_KEYS: `v1:${a}` }).encrypt(ID)
    expect(() => keyringFrom({ UNIONHUB_DATA_KEYS: `k2:${b}` }).decrypt(sealed)).toThrow('no key v1')
    // A key under the same id but a different value is refused by the authentication tag.
    expect(() => keyringFrom({ UNIONHUB_DATA_KEYS: `v1:${b}` }).decrypt(sealed)).toThrow()
  })

  it('prefers UNIONHUB_DATA_KEYS over the legacy variable', () => {
    expect(keyringFrom({ UNIONHUB_DATA_KEYS: `k2:${b}`, UNIONHUB_DATA_KEY: a }).keyIds).toEqual(['k2'])
  })

  it('refuses malformed key lists naming the entry, never the key', () => {
    expect(() => parseDataKeys(b)).toThrow('entry 1 must start with a key id')
    expect(() => parseDataKeys(`k2:${b},k2:${a}`)).toThrow('key id k2 appears twice')
    expect(() => parseDataKeys(`k2:${b},v1:c2hvcnQ=`)).toThrow('entry 2 (v1) must be 32 bytes')
    expect(() => parseDataKeys(`k2:${b},`)).toThrow('separated by commas')
    expect(() => keyringFrom({})).toThrow('UNIONHUB_DATA_KEYS is not set')
    const message = (() => {
      try {
        parseDataKeys(`k2:${b},v1:c2hvcnQ=`)
        return 'no error'
      } catch (error) {
        return String(error)
      }
    })()
    expect(message).toContain('entry 2')
    expect(message).not.toContain('c2hvcnQ=')
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
