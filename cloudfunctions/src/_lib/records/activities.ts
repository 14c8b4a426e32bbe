import type { ActivityCategory, Allocation } from '@shared/rules/activity-categories'
import { collection, type Doc } from '../db'

/**
 * An activity as stored. The first block is the shape the seed writes; the rest is added by the
 * activities function (optional, because seeded documents start without them; `ensureCounters`
 * fills them in).
 */
export interface ActivityRecord extends Doc {
  unionId: string
  title: string
  category: ActivityCategory
  description: string
  place: string
  startAt: Date
  endAt: Date
  signupOpensAt: Date
  signupClosesAt: Date
  cancelCutoffAt: Date
  capacity: number
  /** Seats taken or reserved: always ≥ the sign-ups holding a seat, and ≤ capacity. */
  confirmedCount: number
  membersOnly: boolean
  allocation: Allocation
  status: 'published' | 'draft' | 'cancelled'
  coverFileId: string | null
  createdBy: string
  createdAt: Date

  /**
   * Someone has found the activity full (first come) or the draw has been made (lottery): from then on
   * newcomers join the line and free seats go to its head, so nobody overtakes a person waiting.
   */
  lineOpen?: boolean
  /** The promotion under way: its seat is reserved (counted) for `signupId`; `token` marks that holder's confirmation. */
  promotion?: { signupId: string; token: string } | null
  /** Lottery entries so far (for display; the draw reads the entries themselves). */
  entryCount?: number
  drawStatus?: 'open' | 'drawing' | 'drawn' | null
  /** SHA-256 of the secret seed, published before anyone can enter. */
  seedCommitment?: string | null
  /** The seed itself: never returned before the draw reveals it. */
  seedSecret?: string | null
  draw?: {
    algorithm: string
    seed: string
    entriesDigest: string
    entryCount: number
    winnerCount: number
    drawnAt: Date
    drawnBy: string
  } | null
  publishedAt?: Date | null
  updatedAt?: Date
  cancelledAt?: Date | null
  cancelReason?: string | null
}

export const activities = collection<ActivityRecord>('activities')
