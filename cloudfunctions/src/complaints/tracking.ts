import { formatTrackingNumber, MAX_DAILY_SEQUENCE, trackingCounterId } from '@shared/rules/tracking-number'
import { chinaDay } from '@shared/rules/china-time'
import { collection, command, type Doc } from '../_lib/db'
import { AppFailure } from '../_lib/failure'

interface CounterRecord extends Doc {
  value: number
  createdAt: Date
}

const counters = collection<CounterRecord>('counters')

/** Enough for hundreds of people filing in the same second; each attempt is two small reads/writes. */
const MAX_ATTEMPTS = 60

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * The next tracking number of the day `now` falls on (China time). The day's counter is advanced
 * by a conditional atomic update — "inc by 1 where value is still what I read" — so two instances
 * can never take the same number; the loser reads again and retries after a short random pause.
 */
export async function nextTrackingNumber(now: Date): Promise<string> {
  const day = chinaDay(now)
  const id = trackingCounterId(day)
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    // findOne, not get: the day's first call finds no counter, and `get` throws on a missing document.
    const counter = await counters.findOne({ _id: id })
    if (!counter) {
      // Several instances may race to create the day's counter; the database keeps exactly one.
      await counters.addIfAbsent({ _id: id, value: 0, createdAt: now })
      continue
    }
    if (counter.value >= MAX_DAILY_SEQUENCE) throw new AppFailure('RATE_LIMITED', '今日求助数量已达上限，请拨打 12351 职工服务热线')
    const taken = await counters.updateWhere({ _id: id, value: counter.value }, { value: command().inc(1) })
    if (taken === 1) return formatTrackingNumber(day, counter.value + 1)
    await pause(5 + Math.random() * 20 * Math.min(attempt + 1, 5))
  }
  throw new Error(`tracking counter ${id} stayed contended for ${MAX_ATTEMPTS} attempts`)
}
