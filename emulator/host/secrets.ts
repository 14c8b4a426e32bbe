import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

/**
 * Keys of the local cloud, kept in `<dataDir>/secrets.json` so that data encrypted by one run can be
 * read by the next. `functions` reach every instance as environment variables (as a deployed
 * function's configured environment would); `gateway` signs dev sessions and temporary file URLs.
 */
export interface LocalSecrets {
  functions: Record<string, string>
  gateway: { signingKey: string }
}

const newKey = () => randomBytes(32).toString('base64')

function generate(): LocalSecrets {
  return {
    functions: { UNIONHUB_DATA_KEY: newKey(), UNIONHUB_CARD_KEY: newKey() },
    gateway: { signingKey: newKey() },
  }
}

function isSecrets(value: unknown): value is LocalSecrets {
  if (typeof value !== 'object' || value === null) return false
  const { functions, gateway } = value as Partial<LocalSecrets>
  return (
    typeof functions === 'object' &&
    functions !== null &&
    Object.values(functions).every((v) => typeof v === 'string') &&
    typeof gateway?.signingKey === 'string'
  )
}

/** Reads the data folder's secrets, creating them (owner-only file) on first start. */
export function loadOrCreateSecrets(dataDir: string): LocalSecrets {
  const file = path.join(dataDir, 'secrets.json')
  if (existsSync(file)) {
    const stored: unknown = JSON.parse(readFileSync(file, 'utf8'))
    if (!isSecrets(stored)) throw new Error(`${file} is not a secrets file of the local cloud; delete it or start with --fresh`)
    // Keys added by a later version are generated once and kept.
    const merged: LocalSecrets = { functions: { ...generate().functions, ...stored.functions }, gateway: stored.gateway }
    if (Object.keys(merged.functions).length !== Object.keys(stored.functions).length) write(file, merged)
    return merged
  }
  const secrets = generate()
  mkdirSync(dataDir, { recursive: true })
  write(file, secrets)
  return secrets
}

function write(file: string, secrets: LocalSecrets) {
  writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 })
}
