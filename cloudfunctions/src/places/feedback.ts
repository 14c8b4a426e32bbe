import { chinaDay } from '@shared/rules/china-time'
import type { ContentVerdict } from '../_lib/openapi'
import type { PlaceFeedbackRecord } from '../_lib/records/placeFeedback'

type Sent = Omit<PlaceFeedbackRecord, '_id' | 'contentCheck' | 'status' | 'reply' | 'handledBy' | 'handledAt' | 'createdAt' | 'day'>

/** A report or suggestion as it is first stored: open, unanswered, with the content check's verdict on its text. */
export function openFeedback(sent: Sent, verdict: ContentVerdict, now: Date): Omit<PlaceFeedbackRecord, '_id'> {
  return {
    ...sent,
    contentCheck: verdict.suggest === 'review' ? { suggest: 'review', label: verdict.label ?? null } : { suggest: 'pass', label: null },
    status: 'open',
    reply: null,
    handledBy: null,
    handledAt: null,
    createdAt: now,
    day: chinaDay(now),
  }
}
