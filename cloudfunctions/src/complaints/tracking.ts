import { chinaDay } from '@shared/rules/china-time'
import { formatTrackingNumber, MAX_DAILY_SEQUENCE, trackingCounterId } from '@shared/rules/tracking-number'
import { AppFailure } from '../_lib/failure'
import { nextInSequence } from '../_lib/sequence'

/** The next tracking number of the day `now` falls on (China time), from that day's counter. */
export async function nextTrackingNumber(now: Date): Promise<string> {
  const day = chinaDay(now)
  const sequence = await nextInSequence(trackingCounterId(day), { max: MAX_DAILY_SEQUENCE })
  if (sequence === null) throw new AppFailure('RATE_LIMITED', '今日求助数量已达上限，请拨打 12351 职工服务热线')
  return formatTrackingNumber(day, sequence)
}
