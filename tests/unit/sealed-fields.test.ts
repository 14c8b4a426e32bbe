import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { loadManifest } from '../../emulator/db/manifest'
import { SEALED_FIELDS } from '../../cloudfunctions/src/maintenance/sealed-fields'

const sources = path.resolve(__dirname, '../../cloudfunctions/src')

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === 'maintenance' ? [] : tsFiles(full)
    return entry.name.endsWith('.ts') ? [full] : []
  })
}

describe('the fields a key rotation re-seals', () => {
  it('include every *Cipher field the functions store, so none is left under a retired key', () => {
    const stored = new Set(tsFiles(sources).flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/\b([a-z][A-Za-z]*Cipher)\b/g)].map((m) => m[1]!)))
    const listed = new Set(SEALED_FIELDS.flatMap((entry) => entry.fields.map((field) => field.cipher)))
    expect(stored.size).toBeGreaterThan(0)
    expect([...stored].filter((name) => !listed.has(name))).toEqual([])
  })

  it('name collections of the manifest', () => {
    const declared = new Set(loadManifest().collections.map((c) => c.name))
    expect(SEALED_FIELDS.map((entry) => entry.records.name).filter((name) => !declared.has(name))).toEqual([])
  })
})
