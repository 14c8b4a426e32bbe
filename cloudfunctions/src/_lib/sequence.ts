import { command } from './db'
import { counters } from './records/counters'

/**
 * Compare-and-set under contention: whoever loses a conditional update reads again and retries.
 * The loop is bounded, and a loser pauses for a random time that grows with each loss (capped):
 * retrying at once (no pause) lets the same callers collide again and again, each costing round
 * trips, while a random pause spreads them out so that most win within a few tries. With these
 * numbers the pauses of all MAX_TRIES add up to about 3 s on average, the cloud's default time
 * limit, so a caller that never wins gives up with an error instead of being stopped mid-way.
 */
export const MAX_TRIES = 40

/** Up to 10·2^round ms, at most 160 ms, picked at random ("full jitter"). */
export const pauseAfterLoss = (round: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(160, 10 * 2 ** Math.min(round, 4))))

/**
 * The next number of a named sequence (1, 2, …), taken by compare-and-set on its counter document,
 * so concurrent callers in any number of instances each get a distinct number without a transaction
 * (the cloud SDK does not retry those). With `max`, resolves null once the sequence has reached it.
 */
export async function nextInSequence(counterId: string): Promise<number>
export async function nextInSequence(counterId: string, options: { max: number }): Promise<number | null>
export async function nextInSequence(counterId: string, { max = Infinity }: { max?: number } = {}): Promise<number | null> {
  for (let round = 0; round < MAX_TRIES; round += 1) {
    const counter = await counters.get(counterId)
    if (!counter) {
      // The first caller of a new sequence creates its counter; racing creators leave exactly one.
      await counters.addIfAbsent({ _id: counterId, value: 0, createdAt: new Date() })
      continue
    }
    if (counter.value >= max) return null
    const taken = await counters.updateWhere({ _id: counterId, value: counter.value }, { value: command().inc(1) })
    if (taken === 1) return counter.value + 1
    await pauseAfterLoss(round)
  }
  throw new Error(`sequence ${counterId}: still contended after ${MAX_TRIES} tries`)
}
