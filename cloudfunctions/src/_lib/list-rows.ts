import type * as z from 'zod/mini'
import type { Doc } from './db'

/** Rows already reported by this instance: a bad document is logged once, not on every page view. */
const reported = new Set<string>()
const MAX_REPORTED = 1000

function report(collection: string, id: string, reason: string): void {
  const key = `${collection}/${id}`
  if (reported.has(key)) return
  if (reported.size >= MAX_REPORTED) reported.clear()
  reported.add(key)
  // For operators: the collection and _id to repair, and what kind of fault; never the content.
  console.error(`[list] left out ${key}: ${reason}`)
}

/**
 * The rows of a list page: each record through `view`, and the row checked against the list's item
 * schema in the contract. A record that breaks either (a category this version does not know, a
 * cipher under a key the deployment lacks) is left out and logged, so that one malformed document
 * does not turn the whole list into INTERNAL for everyone. Every list of records builds its rows here.
 */
export async function listRows<R extends Doc, V>(
  collection: string,
  records: readonly R[],
  item: z.ZodMiniType,
  view: (record: R, index: number) => V | Promise<V>,
): Promise<V[]> {
  const rows = await Promise.all(
    records.map(async (record, index): Promise<V | undefined> => {
      let row: V
      try {
        row = await view(record, index)
      } catch (error) {
        report(collection, record._id, `its view failed (${error instanceof Error ? error.name : typeof error})`)
        return undefined
      }
      const checked = item.safeParse(row)
      if (checked.success) return row
      const paths = [...new Set(checked.error.issues.map((issue) => issue.path.map(String).join('.') || '(row)'))]
      report(collection, record._id, `it does not fit the contract at ${paths.join(', ')}`)
      return undefined
    }),
  )
  return rows.filter((row): row is Awaited<V> => row !== undefined) as V[]
}
