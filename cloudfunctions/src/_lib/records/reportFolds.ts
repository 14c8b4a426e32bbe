import { collection, type Doc } from '../db'

/**
 * The fold's state, one document. `generation` is raised by every fold transaction together with
 * the rollups it changes, so a report that reads the same generation before and after its reads
 * has seen no fold in between. The lease lets one fold run at a time (two at once would only
 * conflict with each other); it lapses by itself if a fold dies.
 */
export interface FoldStateRecord extends Doc {
  generation: number
  foldedAt: Date | null
  leaseUntil: Date
  leaseHolder: string | null
}

export const reportFolds = collection<FoldStateRecord>('reportFolds')

export const FOLD_STATE_ID = 'state'
