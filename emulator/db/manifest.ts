import { readFileSync } from 'node:fs'
import path from 'node:path'
import * as z from 'zod/mini'

// zod/mini has no default messages: each check says what a developer must fix in the manifest.

const fieldPath = z
  .string()
  .check(z.minLength(1, 'a field path is not empty'), z.regex(/^[^$.][^.]*(\.[^$.][^.]*)*$/, 'a field path is dot-separated names that do not start with $'))

const indexSpec = z.object({
  name: z.string().check(z.regex(/^[A-Za-z0-9_]{1,64}$/, 'an index name is 1–64 letters, digits or _')),
  keys: z.array(z.object({ field: fieldPath, direction: z.union([z.literal(1), z.literal(-1)], { error: 'direction is 1 or -1' }) })).check(z.minLength(1, 'an index has at least one key')),
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
    for (const ix of c.indexes) {
      if (indexNames.has(ix.name)) throw new Error(`${source}: ${c.name} has two indexes named ${ix.name}`)
      indexNames.add(ix.name)
    }
  }
  return result.data
}

/** Reads and validates the collection manifest, by default `cloudfunctions/collections.json`. */
export function loadManifest(file: string = defaultManifestPath): CollectionManifest {
  return parseManifest(JSON.parse(readFileSync(file, 'utf8')), file)
}
