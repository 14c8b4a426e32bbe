import { collection, type Doc } from '../db'

/** The published record of a lottery draw: everything needed to re-run it. */
export interface DrawRecord extends Doc {
  algorithm: string
  seed: string
  seedCommitment: string
  capacity: number
  entriesDigest: string
  /** Sorted. */
  entryIds: string[]
  /** In draw order. */
  winners: string[]
  drawnAt: Date
  drawnBy: string
}

export const draws = collection<DrawRecord>('draws')
