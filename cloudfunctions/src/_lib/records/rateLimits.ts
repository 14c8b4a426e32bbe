import { collection, type Doc } from '../db'

/**
 * Recent attempts at something limited per key (a hotline case's claim by its tracking number):
 * the times of the attempts inside the window, replaced by compare-and-set on `version`.
 */
export interface RateLimitRecord extends Doc {
  attempts: Date[]
  version: number
}

export const rateLimits = collection<RateLimitRecord>('rateLimits')
