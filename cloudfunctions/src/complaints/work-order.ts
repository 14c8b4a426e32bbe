import type { ComplaintTier } from '@shared/rules/complaint-tiers'
import type { ComplaintRecord } from '../_lib/records/complaints'
import { deadlineOf, settingsOf } from './clock'

/** The deadlines of a new case: the accept clock of `tier` in its root union, no resolve clock yet. */
export async function openingDeadlines(rootUnionId: string, now: Date, tier: ComplaintTier): Promise<Pick<ComplaintRecord, 'deadlines' | 'dueAt'>> {
  const settings = await settingsOf(rootUnionId)
  const accept = await deadlineOf(rootUnionId, now, settings.tiers[tier].acceptDays)
  return {
    deadlines: {
      acceptBy: accept.dueAt,
      acceptByDay: accept.day,
      acceptProvisional: accept.provisional,
      acceptExtension: null,
      resolveBy: null,
      resolveByDay: null,
      resolveProvisional: false,
      resolveExtension: null,
    },
    dueAt: accept.dueAt,
  }
}

/** What a new case has not got yet: no tier decided, no referral, callback or quality check. */
export const NOT_YET_HANDLED = {
  acceptedOnTime: null,
  resolvedOnTime: null,
  referral: null,
  callback: null,
  qualityCheck: null,
} as const satisfies Partial<ComplaintRecord>
