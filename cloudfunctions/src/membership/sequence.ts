import { collection, type Doc } from '../_lib/db'

interface CounterRecord extends Doc {
  value: number
}

const counters = collection<CounterRecord>('counters')

/**
 * The next number of a named sequence, by compare-and-swap on the counter document: concurrent
 * approvals each get a distinct number without a transaction (the cloud SDK does not retry those).
 */
export async function nextInSequence(name: string): Promise<number> {
  await counters.addIfAbsent({ _id: name, value: 0 })
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const current = (await counters.get(name))?.value ?? 0
    if ((await counters.updateWhere({ _id: name, value: current }, { value: current + 1 })) === 1) return current + 1
  }
  throw new Error(`sequence ${name}: too much contention`)
}
