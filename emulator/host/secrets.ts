import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { REQUIRED_SECRETS } from '../../scripts/deploy/config'

/**
 * Keys of the local cloud, kept in `<dataDir>/secrets.json` so that data encrypted by one run can be
 * read by the next. `functions` reach every instance as environment variables (as a deployed
 * function's configured environment would): one per secret the deployment configuration names, with
 * a random local value. `gateway` signs dev sessions and temporary file URLs.
 */
export interface LocalSecrets {
  functions: Record<string, string>
  gateway: { signingKey: string }
}

const newKey = () => randomBytes(32).toString('base64')

/** A fresh local value: a one-key list for the data keys (see `_lib/personal-data`), 32 random bytes otherwise. */
function localValue(name: string): string {
  return name === 'UNIONHUB_DATA_KEYS' ? `local1:${newKey()}` : newKey()
}

/** Fresh secrets for `names` (by default those every deployment needs). */
export function generateSecrets(names: string[] = Object.keys(REQUIRED_SECRETS)): LocalSecrets {
  return { functions: Object.fromEntries(names.map((name) => [name, localValue(name)])), gateway: { signingKey: newKey() } }
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

/** A data folder from before key ids: its one key becomes the key `v1`, which its ciphertexts name. */
function migrateDataKey(functions: Record<string, string>): Record<string, string> {
  const { UNIONHUB_DATA_KEY: legacy, ...rest } = functions
  if (legacy === undefined) return functions
  return { ...rest, UNIONHUB_DATA_KEYS: rest.UNIONHUB_DATA_KEYS ?? `v1:${legacy}` }
}

/**
 * Reads the data folder's secrets, creating them (owner-only file) on first start. A secret named
 * later (in the deployment configuration, or by a newer version) is generated once and kept.
 */
export function loadOrCreateSecrets(dataDir: string, names: string[] = Object.keys(REQUIRED_SECRETS)): LocalSecrets {
  const file = path.join(dataDir, 'secrets.json')
  if (existsSync(file)) {
    const stored: unknown = JSON.parse(readFileSync(file, 'utf8'))
    if (!isSecrets(stored)) throw new Error(`${file} is not a secrets file of the local cloud; delete it or start with --fresh`)
    const known = migrateDataKey(stored.functions)
    const added = names.filter((name) => known[name] === undefined)
    const merged: LocalSecrets = { functions: { ...known, ...generateSecrets(added).functions }, gateway: stored.gateway }
    if (added.length > 0 || known !== stored.functions) write(file, merged)
    return merged
  }
  const secrets = generateSecrets(names)
  mkdirSync(dataDir, { recursive: true })
  write(file, secrets)
  return secrets
}

function write(file: string, secrets: LocalSecrets) {
  writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 })
}
