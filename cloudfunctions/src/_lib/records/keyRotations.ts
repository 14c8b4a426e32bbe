import { collection, type Doc } from '../db'

/**
 * Where a key rotation (`npm run rotate-keys`, the maintenance function) stands: one document per
 * target key, `_id` `to-<keyId>`, so an interrupted rotation resumes from its last finished batch.
 */
export interface KeyRotationRecord extends Doc {
  keyId: string
  pass: number
  cursorCollection: string
  cursorAfterId: string
  /** Records found stale by any batch since the rotation began (re-sealed, or changed meanwhile); only ever incremented. */
  writes: number
  /** `writes` when the current pass began: a pass ending with the same count found nothing to re-seal. */
  writesAtPassStart: number
  unreadableInPass: number
  resealedTotal: number
  finished: boolean
  startedAt: Date
  updatedAt: Date
}

export const keyRotations = collection<KeyRotationRecord>('keyRotations')
