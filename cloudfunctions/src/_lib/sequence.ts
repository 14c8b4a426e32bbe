import { randomBytes } from 'node:crypto'
import { command } from './db'
import { counters } from './records/counters'

/**
 * The next number of a named sequence (1, 2, …), without a compare-and-set and so without losers
 * who retry. Each caller appends a token of its own to the counter document's `takers` in one
 * unconditional update; the database applies such updates one after another, so every token lands
 * at a distinct place, and the caller reads the document back to find its place: its number is
 * `value` (the numbers taken before the list began) + place + 1. Two round trips whatever the
 * contention, where a compare-and-set costs a read and a try per loss (50 complaints filed at once
 * spent a third of their calls losing). The list grows by one short token per number: a day's
 * tracking numbers at most 9999, a year's member numbers as many as are admitted.
 * With `max`, resolves null once the sequence is past it.
 */
export async function nextInSequence(counterId: string): Promise<number>
export async function nextInSequence(counterId: string, options: { max: number }): Promise<number | null>
export async function nextInSequence(counterId: string, { max = Infinity }: { max?: number } = {}): Promise<number | null> {
  const token = randomBytes(9).toString('base64url')
  const append = () => counters.updateWhere({ _id: counterId }, { takers: command().push([token]) })
  if ((await append()) === 0) {
    // The first caller of a new sequence creates its counter; racing creators leave exactly one.
    await counters.addIfAbsent({ _id: counterId, value: 0, takers: [], createdAt: new Date() })
    await append()
  }
  const counter = await counters.get(counterId)
  const place = counter?.takers?.indexOf(token) ?? -1
  if (!counter || place < 0) throw new Error(`sequence ${counterId}: the token appended was not found`)
  const number = counter.value + place + 1
  return number > max ? null : number
}
