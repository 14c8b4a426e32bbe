import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { keyringFrom } from '../../cloudfunctions/src/_lib/personal-data'
import { loadOrCreateSecrets } from '../../emulator/host/secrets'

describe('the local cloud\'s secrets', () => {
  const dir = () => mkdtempSync(path.join(os.tmpdir(), 'uh-secrets-'))

  it('creates one owner-only value per named secret, a data-key list for UNIONHUB_DATA_KEYS, and keeps them', () => {
    const dataDir = dir()
    const first = loadOrCreateSecrets(dataDir, ['UNIONHUB_DATA_KEYS', 'UNIONHUB_CARD_KEY', 'EXTRA_SECRET'])
    expect(Object.keys(first.functions).sort()).toEqual(['EXTRA_SECRET', 'UNIONHUB_CARD_KEY', 'UNIONHUB_DATA_KEYS'])
    expect(keyringFrom({ UNIONHUB_DATA_KEYS: first.functions.UNIONHUB_DATA_KEYS }).keyIds).toEqual(['local1'])
    expect(statSync(path.join(dataDir, 'secrets.json')).mode & 0o777).toBe(0o600)
    expect(loadOrCreateSecrets(dataDir, ['UNIONHUB_DATA_KEYS', 'UNIONHUB_CARD_KEY', 'EXTRA_SECRET'])).toEqual(first)
  })

  it('turns a data folder\'s single UNIONHUB_DATA_KEY into the key v1, so its data stays readable', () => {
    const dataDir = dir()
    const old = Buffer.alloc(32, 5).toString('base64')
    const sealed = keyringFrom({ UNIONHUB_DATA_KEY: old }).encrypt('13812345678')
    writeFileSync(path.join(dataDir, 'secrets.json'), JSON.stringify({ functions: { UNIONHUB_DATA_KEY: old, UNIONHUB_CARD_KEY: 'card' }, gateway: { signingKey: 'sign' } }))

    const migrated = loadOrCreateSecrets(dataDir, ['UNIONHUB_DATA_KEYS', 'UNIONHUB_CARD_KEY', 'UNIONHUB_SETUP_SECRET'])
    expect(migrated.functions.UNIONHUB_DATA_KEYS).toBe(`v1:${old}`)
    expect(migrated.functions).not.toHaveProperty('UNIONHUB_DATA_KEY')
    expect(migrated.functions.UNIONHUB_CARD_KEY).toBe('card')
    expect(migrated.functions.UNIONHUB_SETUP_SECRET).toMatch(/^[A-Za-z0-9+/]{43}=$/)
    expect(keyringFrom({ UNIONHUB_DATA_KEYS: migrated.functions.UNIONHUB_DATA_KEYS }).decrypt(sealed)).toBe('13812345678')
    // Written back, so the next start reads the new form.
    expect(JSON.parse(readFileSync(path.join(dataDir, 'secrets.json'), 'utf8'))).toEqual(migrated)
  })
})
