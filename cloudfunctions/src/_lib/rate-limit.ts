import { MAX_TRIES, pauseAfterLoss } from './contention'
import { command } from './db'
import { rateLimits } from './records/rateLimits'

/**
 * Takes one attempt under a sliding-window limit: at most `max` attempts per `key` in any
 * `windowMs`. The attempt is counted before the caller learns anything, and it is taken by
 * compare-and-set on the key's document, so concurrent tries in any number of instances cannot
 * together exceed the limit. Resolves false when the limit is reached (nothing is counted then).
 * Contention is per key (one tracking number), so losers are rare and compare-and-set is enough.
 */
export async function takeAttempt(key: string, { max, windowMs, now = new Date() }: { max: number; windowMs: number; now?: Date }): Promise<boolean> {
  for (let round = 0; round < MAX_TRIES; round += 1) {
    const record = await rateLimits.get(key)
    if (!record) {
      await rateLimits.addIfAbsent({ _id: key, attempts: [], version: 0 })
      continue
    }
    const recent = record.attempts.map((at) => new Date(at)).filter((at) => now.getTime() - at.getTime() < windowMs)
    if (recent.length >= max) return false
    const taken = await rateLimits.updateWhere(
      { _id: key, version: record.version },
      { attempts: command().set([...recent, now]), version: command().inc(1) },
    )
    if (taken === 1) return true
    await pauseAfterLoss(round)
  }
  throw new Error(`rate limit ${key}: still contended after ${MAX_TRIES} tries`)
}
