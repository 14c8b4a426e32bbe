import * as z from 'zod/mini'

/**
 * What the maintenance function is asked to do. It is invoked by the IT team's machine through the
 * management API (`npm run rotate-keys`), never from the mini program, so its messages are for
 * operators and the schema needs no Chinese field labels.
 */
export const rotateKeysJob = z.object({
  job: z.literal('rotateKeys'),
  /** Count what a rotation would re-seal, page by page from `cursor`; write nothing. */
  dryRun: z._default(z.boolean(), false),
  /** A run's first call: starts a fresh check if the last rotation to this key finished (otherwise resumes). */
  begin: z._default(z.boolean(), false),
  batchSize: z._default(z.number().check(z.int(), z.gte(1), z.lte(500)), 100),
  /** Where a dry run goes on from (a real run keeps its place in the database instead). */
  cursor: z._default(z.nullable(z.object({ collection: z.string(), afterId: z.string() })), null),
})

export const maintenanceJob = z.discriminatedUnion('job', [rotateKeysJob])

export type RotateKeysJob = z.input<typeof rotateKeysJob>

export interface RotationCursor {
  collection: string
  afterId: string
}

/** What one batch of a rotation found, per collection. */
export interface RotationCounts {
  /** Records read. */
  scanned: number
  /** Records with a sealed field under an older key (or a hash not of the current key). */
  stale: number
  /** Records re-sealed under the current key (0 in a dry run). */
  resealed: number
  /** Records whose ciphertext no key of the ring opens (a key is missing, or the data was altered). */
  unreadable: number
  /** The first of those as `collection/_id`, at most 20. */
  unreadableIds: string[]
  /** Sealed values by the key id they carry, before re-sealing. */
  byKey: Record<string, number>
}

export interface RotateKeysReply {
  /** The key new data is sealed with: the target of the rotation. */
  currentKeyId: string
  keyIds: string[]
  /** Counts of this batch, by collection. */
  batch: Record<string, RotationCounts>
  /** Where the next batch starts; null when the walk is over. */
  cursor: RotationCursor | null
  /** Real runs: a full pass over every collection found nothing left to re-seal. */
  finished: boolean
  /** Real runs: which pass over the collections this batch belonged to (1, 2, …). */
  pass: number
  /** Real runs: re-sealed since this rotation began. */
  resealedTotal: number
  /** Real runs: records no key opens, found so far in this pass (in the last pass once finished). */
  unreadableInPass: number
}
