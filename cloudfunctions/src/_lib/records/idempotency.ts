import type { Result } from '@shared/result'
import { collection, type Doc } from '../db'

/** The claim on one (action, caller, requestId): `running` while the write runs, then its result. */
export interface IdempotencyRecord extends Doc {
  state: 'running' | 'done'
  result?: Result<unknown>
  createdAt: Date
}

export const idempotency = collection<IdempotencyRecord>('idempotency')
