import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto'

/**
 * Personal data at rest (PIPL): ID and phone numbers are stored only as AES-256-GCM ciphertext,
 * with a keyed hash beside them for uniqueness look-ups. Keys come from the function's environment
 * and never from the database or the client:
 *
 *   UNIONHUB_DATA_KEYS=k2026:<32 bytes base64>,v1:<32 bytes base64>
 *
 * The first key seals new data; the others only open what they sealed, so keys can be rotated
 * (`npm run rotate-keys` re-seals stored data under the first key). Every ciphertext starts with
 * the id of its key (`k2026:<base64>`). A deployment made before rotation existed has one key in
 * `UNIONHUB_DATA_KEY`; it is read as the key `v1` (what its ciphertexts carry) while
 * `UNIONHUB_DATA_KEYS` is not set, so new code runs on an old environment until the next deploy.
 */

export type LookupKind = 'idNumber' | 'phone'

/** A key id: letters, digits, `_` and `-`; it is written before every ciphertext it seals. */
export const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/

interface DataKey {
  id: string
  encryption: Buffer
  lookup: Buffer
}

export interface Keyring {
  /** The id of the key that seals new data. */
  currentKeyId: string
  /** Every key id, the current one first. */
  keyIds: string[]
  encrypt(plain: string): string
  /** Opens a ciphertext sealed by any key of the ring; throws for an unknown key or tampering. */
  decrypt(sealed: string): string
  /** The hash stored beside a value, under the current key. */
  lookupHash(kind: LookupKind, value: string): string
  /** The value's hash under every key, current first: what a look-up matches while a rotation runs. */
  lookupHashes(kind: LookupKind, value: string): string[]
}

/** The id of the key a ciphertext names, or null if it names none. */
export function keyIdOf(sealed: string): string | null {
  const id = sealed.slice(0, sealed.indexOf(':'))
  return KEY_ID.test(id) ? id : null
}

function deriveKey(id: string, master: Buffer): DataKey {
  // Separate sub-keys so the look-up hash reveals nothing about the encryption key.
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), info, 32))
  return { id, encryption: derive('unionhub/encryption'), lookup: derive('unionhub/lookup') }
}

function decodeMaster(value: string, where: string): Buffer {
  const master = Buffer.from(value, 'base64')
  // Fail closed: without a key nothing personal is stored, rather than stored in clear.
  if (master.length !== 32) throw new Error(`${where} must be 32 bytes, base64-encoded`)
  return master
}

/** Parses `id:base64,id:base64`; messages name the entry, never its value. */
export function parseDataKeys(value: string): Array<{ id: string; master: Buffer }> {
  const entries = value.split(',').map((entry) => entry.trim())
  if (entries.length === 0 || entries.some((entry) => entry === '')) throw new Error('UNIONHUB_DATA_KEYS must list keys as id:base64, separated by commas')
  const seen = new Set<string>()
  return entries.map((entry, index) => {
    const colon = entry.indexOf(':')
    const id = colon > 0 ? entry.slice(0, colon) : ''
    const where = `UNIONHUB_DATA_KEYS entry ${index + 1}`
    if (!KEY_ID.test(id)) throw new Error(`${where} must start with a key id (letters, digits, _ or -) and a colon`)
    if (seen.has(id)) throw new Error(`${where}: key id ${id} appears twice`)
    seen.add(id)
    return { id, master: decodeMaster(entry.slice(colon + 1), `${where} (${id})`) }
  })
}

/** The keyring an environment describes: `UNIONHUB_DATA_KEYS`, or the legacy `UNIONHUB_DATA_KEY` as `v1`. */
export function keyringFrom(env: { UNIONHUB_DATA_KEYS?: string; UNIONHUB_DATA_KEY?: string }): Keyring {
  let keys: DataKey[]
  if (env.UNIONHUB_DATA_KEYS) keys = parseDataKeys(env.UNIONHUB_DATA_KEYS).map(({ id, master }) => deriveKey(id, master))
  else if (env.UNIONHUB_DATA_KEY) keys = [deriveKey('v1', decodeMaster(env.UNIONHUB_DATA_KEY, 'UNIONHUB_DATA_KEY'))]
  else throw new Error('UNIONHUB_DATA_KEYS is not set: personal data cannot be stored or read')
  const current = keys[0]!
  const byId = new Map(keys.map((key) => [key.id, key]))
  const hashWith = (key: DataKey, kind: LookupKind, value: string) =>
    createHmac('sha256', key.lookup).update(`${kind}:${value.toUpperCase()}`).digest('hex')

  return {
    currentKeyId: current.id,
    keyIds: keys.map((key) => key.id),
    encrypt(plain) {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', current.encryption, iv)
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
      return `${current.id}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`
    },
    decrypt(sealed) {
      const id = keyIdOf(sealed)
      const key = id === null ? undefined : byId.get(id)
      if (!key) throw new Error(`no key ${id ?? '(none named)'} in UNIONHUB_DATA_KEYS for this ciphertext`)
      const bytes = Buffer.from(sealed.slice(id!.length + 1), 'base64')
      const decipher = createDecipheriv('aes-256-gcm', key.encryption, bytes.subarray(0, 12))
      decipher.setAuthTag(bytes.subarray(12, 28))
      return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8')
    },
    lookupHash: (kind, value) => hashWith(current, kind, value),
    lookupHashes: (kind, value) => keys.map((key) => hashWith(key, kind, value)),
  }
}

let cached: { source: string; keyring: Keyring } | undefined

/** The instance's keyring, read from its environment once (rebuilt only if the environment changes). */
export function keyring(): Keyring {
  const env = { UNIONHUB_DATA_KEYS: process.env.UNIONHUB_DATA_KEYS, UNIONHUB_DATA_KEY: process.env.UNIONHUB_DATA_KEY }
  const source = `${env.UNIONHUB_DATA_KEYS ?? ''}\n${env.UNIONHUB_DATA_KEY ?? ''}`
  if (cached?.source !== source) cached = { source, keyring: keyringFrom(env) }
  return cached.keyring
}

export const encrypt = (plain: string): string => keyring().encrypt(plain)
export const decrypt = (sealed: string): string => keyring().decrypt(sealed)

/** Deterministic keyed hash for "is this ID already a member?" without storing the ID. */
export const lookupHash = (kind: LookupKind, value: string): string => keyring().lookupHash(kind, value)

/** The hashes a look-up must match: records not yet re-sealed by a rotation carry an older key's hash. */
export const lookupHashes = (kind: LookupKind, value: string): string[] => keyring().lookupHashes(kind, value)
