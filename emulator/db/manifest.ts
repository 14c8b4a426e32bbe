import { readFileSync } from 'node:fs'
import path from 'node:path'
import { z } from 'zod'

const fieldPath = z
  .string()
  .min(1)
  .regex(/^[^$.][^.]*(\.[^$.][^.]*)*$/, 'a field path is dot-separated names that do not start with $')

const indexSpec = z.object({
  name: z.string().regex(/^[A-Za-z0-9_]{1,64}$/),
  keys: z.array(z.object({ field: fieldPath, direction: z.union([z.literal(1), z.literal(-1)]) })).min(1),
  unique: z.boolean().optional(),
})

const collectionSpec = z.object({
  name: z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/),
  indexes: z.array(indexSpec),
})

const manifestSchema = z.object({
  collections: z.array(collectionSpec),
  securityRules: z.object({ read: z.boolean(), write: z.boolean() }).optional(),
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
