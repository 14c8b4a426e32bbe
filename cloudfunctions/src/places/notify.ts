import { chinaDateTime } from '@shared/rules/china-time'
import { FEEDBACK_PAGE } from '@shared/rules/places'
import { sendTemplate } from '../_lib/openapi'
import type { PlaceFeedbackRecord } from '../_lib/records/placeFeedback'

/**
 * Tells the person who sent a report or suggestion how the union answered. Never throws: without
 * a subscription no message goes out, and the answer is on their feedback page anyway.
 */
export async function notifySender(record: Pick<PlaceFeedbackRecord, 'senderOpenid' | 'title'>, decision: 'resolve' | 'decline', reply: string, at: Date): Promise<boolean> {
  const outcome = await sendTemplate('placeFeedback', {
    toOpenid: record.senderOpenid,
    page: FEEDBACK_PAGE,
    data: { thing1: record.title, phrase2: decision === 'resolve' ? '已处理' : '未采纳', thing3: reply, time4: chinaDateTime(at) },
  })
  return outcome.sent
}
