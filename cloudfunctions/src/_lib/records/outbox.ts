import { collection, type Doc } from '../db'

/** A subscribe message as the local cloud records it instead of sending, for the dev sign-in page and tests. */
export interface OutboxRecord extends Doc {
  toOpenid: string
  template: string
  page: string
  data: Record<string, string>
  createdAt: Date
}

export const outbox = collection<OutboxRecord>('outbox')
