import { readFileSync } from 'node:fs'
import path from 'node:path'
import * as z from 'zod/mini'

// zod/mini has no default messages: each check says what a developer must fix in the manifest.

const fieldPath = z
  .string()
  .check(z.minLength(1, 'a field path is not empty'), z.regex(/^[^$.][^.]*(\.[^$.][^.]*)*$/, 'a field path is dot-separated names that do not start with $'))

const indexSpec = z.object({
  name: z.string().check(z.regex(/^[A-Za-z0-9_]{1,64}$/, 'an index name is 1–64 letters, digits or _')),
  // 1 / -1: ascending or descending; "2dsphere": a geo index (the cloud console's 地理位置索引).
  keys: z
    .array(z.object({ field: fieldPath, direction: z.union([z.literal(1), z.literal(-1), z.literal('2dsphere')], { error: 'direction is 1, -1 or "2dsphere"' }) }))
    .check(z.minLength(1, 'an index has at least one key')),
  unique: z.optional(z.boolean()),
})

const collectionSpec = z.object({
  name: z.string().check(z.regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/, 'a collection name is a letter, then up to 63 letters, digits, _ or -')),
  indexes: z.array(indexSpec),
})

const manifestSchema = z.object({
  collections: z.array(collectionSpec),
  securityRules: z.optional(z.object({ read: z.boolean(), write: z.boolean() })),
})

/** The collection manifest (`cloudfunctions/collections.json`): collections, their indexes, security rules. */
export type CollectionManifest = z.infer<typeof manifestSchema>
export type CollectionSpec = z.infer<typeof collectionSpec>
export type IndexSpec = z.infer<typeof indexSpec>

export const defaultManifestPath = path.resolve(__dirname, '../../cloudfunctions/collections.json')

/** Validates a manifest object; throws with the offending path when it is malformed. */
export function parseManifest(value: unknown, source = 'manifest'): CollectionManifest {
  const result = manifestSchema.safeParse(value)
  if (!result.success) {
    const issue = result.error.issues[0]
    throw new Error(`${source}: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'}`)
  }
  const names = new Set<string>()
  for (const c of result.data.collections) {
    if (names.has(c.name)) throw new Error(`${source}: collection ${c.name} is declared twice`)
    names.add(c.name)
    const indexNames = new Set<string>()
    const geoFields = new Set<string>()
    for (const ix of c.indexes) {
      if (indexNames.has(ix.name)) throw new Error(`${source}: ${c.name} has two indexes named ${ix.name}`)
      indexNames.add(ix.name)
      const geo = ix.keys.filter((k) => k.direction === '2dsphere')
      if (geo.length === 0) continue
      // The local cloud keeps one R*Tree per geo field: a geo index is that field alone.
      if (ix.keys.length !== 1 || ix.unique) throw new Error(`${source}: ${c.name}.${ix.name}: a 2dsphere index has exactly one key and is not unique`)
      const field = (geo[0] as { field: string }).field
      if (geoFields.has(field)) throw new Error(`${source}: ${c.name} has two 2dsphere indexes on ${field}`)
      geoFields.add(field)
    }
  }
  return result.data
}

/** Reads and validates the collection manifest, by default `cloudfunctions/collections.json`. */
export function loadManifest(file: string = defaultManifestPath): CollectionManifest {
  return parseManifest(JSON.parse(readFileSync(file, 'utf8')), file)
}
