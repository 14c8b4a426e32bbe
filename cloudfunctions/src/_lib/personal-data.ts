import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto'

/**
 * Personal data at rest (PIPL): ID and phone numbers are stored only as AES-256-GCM ciphertext,
 * with a keyed hash beside them for uniqueness look-ups. The key comes from the function's
 * environment (`UNIONHUB_DATA_KEY`, 32 bytes base64) and never from the database or the client.
 */

const VERSION = 'v1'

let keys: { encryption: Buffer; lookup: Buffer } | undefined

function loadKeys() {
  if (keys) return keys
  const raw = process.env.UNIONHUB_DATA_KEY
  const master = raw ? Buffer.from(raw, 'base64') : Buffer.alloc(0)
  // Fail closed: without a key nothing personal is stored, rather than stored in clear.
  if (master.length !== 32) throw new Error('UNIONHUB_DATA_KEY must be 32 bytes, base64-encoded')
  // Separate sub-keys so the look-up hash reveals nothing about the encryption key.
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), info, 32))
  keys = { encryption: derive('unionhub/encryption'), lookup: derive('unionhub/lookup') }
  return keys
}

export function encrypt(plain: string): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', loadKeys().encryption, iv)
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
  return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`
}

export function decrypt(sealed: string): string {
  const [version, payload] = sealed.split(':')
  if (version !== VERSION || !payload) throw new Error('Unknown ciphertext version')
  const bytes = Buffer.from(payload, 'base64')
  const decipher = createDecipheriv('aes-256-gcm', loadKeys().encryption, bytes.subarray(0, 12))
  decipher.setAuthTag(bytes.subarray(12, 28))
  return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8')
}

/** Deterministic keyed hash for "is this ID already a member?" without storing the ID. */
export function lookupHash(kind: 'idNumber' | 'phone', value: string): string {
  return createHmac('sha256', loadKeys().lookup).update(`${kind}:${value.toUpperCase()}`).digest('hex')
}
