import type { Result } from '@shared/result'
import { collection, command, type Doc } from '../db'

/**
 * The claim on one (action, caller, requestId). `running` while a run holds it, until `leaseUntil`
 * (that run's time limit plus a margin: by then the platform has ended the run, so a retry may take
 * the claim over); then `done` with what a replay needs. Removed a day after `createdAt` by the
 * `pruneRequests` timer, so nothing of a request stays longer than a retry can come. The three
 * optional fields are absent only from records an earlier version wrote (pruned within a day).
 */
export interface IdempotencyRecord extends Doc {
  /** sha256 of the action and its parsed input: the same requestId with other content is refused. */
  inputHash?: string
  state: 'running' | 'done'
  /** Bumped by each take-over, so a run that lost its claim can neither complete nor release the new one. */
  attempt?: number
  leaseUntil?: Date
  /** Done, for actions that declare a replay: the id the replay reads the answer again from. */
  kept?: string
  /** Done, for actions without a replay: the answer, encrypted with the personal-data key (`encrypt`). */
  answerCipher?: string
  /** Done, written by an earlier version: the answer in clear (pruned within a day). */
  result?: Result<unknown>
  createdAt: Date
}

export const idempotency = collection<IdempotencyRecord>('idempotency')

/** How long a request's record is kept: a client retries a draft within minutes, not days. */
export const REQUEST_RECORD_TTL_MS = 24 * 3600_000

/** Removes request records older than a day (the cloud database has no TTL index); resolves how many. */
export async function pruneRequestRecords(now = new Date()): Promise<{ removed: number }> {
  return { removed: await idempotency.removeWhere({ createdAt: command().lt(new Date(now.getTime() - REQUEST_RECORD_TTL_MS)) }) }
}
