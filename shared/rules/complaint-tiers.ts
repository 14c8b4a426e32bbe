/**
 * Work-order tiers as the 12351 platform sorts them: staff set the tier when they accept a case,
 * and the tier decides how many working days the union has. Each root union (a city's federation
 * and everything below it) sets its own days; until it does, the defaults below apply.
 */

export const COMPLAINT_TIERS = ['general', 'difficult', 'complex'] as const

/**
 * What staff read beside a deadline counted over a year with no national arrangements yet. Kept
 * here, not beside the calendar (work-calendar.ts), so the client does not ship the national table.
 */
export const PROVISIONAL_NOTE = '待国家公布放假安排后校正'

export type ComplaintTier = (typeof COMPLAINT_TIERS)[number]

export const TIER_LABELS: Record<ComplaintTier, string> = {
  general: '一般',
  difficult: '难点',
  complex: '特别复杂',
}

/** Working days to accept (受理) and to resolve (办结) a case of one tier. */
export interface TierClock {
  /** Counted from the day after filing. */
  acceptDays: number
  /** Counted from the day after acceptance (and again after a quality check reopens the case). */
  resolveDays: number
}

export interface ComplaintSettings {
  tiers: Record<ComplaintTier, TierClock>
  /** Working days another department has to answer a referral (转办) before the case is flagged. */
  referralDays: number
}

/**
 * The defaults: accept within 2 working days and resolve within 15 (DESIGN §4) for an ordinary
 * case; a difficult one gets 30, a particularly complex one 3 to accept (it needs a senior look)
 * and 60 to resolve; another department gets 10 to answer a referral.
 */
export const DEFAULT_COMPLAINT_SETTINGS: ComplaintSettings = {
  tiers: {
    general: { acceptDays: 2, resolveDays: 15 },
    difficult: { acceptDays: 2, resolveDays: 30 },
    complex: { acceptDays: 3, resolveDays: 60 },
  },
  referralDays: 10,
}

/**
 * A case's tier before staff set one: a worker's own filing is counted as 一般 until accepted;
 * staff taking a hotline call may judge it at once.
 */
export const FILING_TIER: ComplaintTier = 'general'

/** Bounds a union may set: a deadline must stay within a year of working days' reach. */
export const TIER_LIMITS = { acceptDays: { min: 1, max: 10 }, resolveDays: { min: 1, max: 120 }, referralDays: { min: 1, max: 60 } } as const

/** Why a set of tier days does not make sense, as `[tier, field, message]`; empty when it does. */
export function tierSettingsProblems(tiers: Record<ComplaintTier, TierClock>): Array<[ComplaintTier, keyof TierClock, string]> {
  const problems: Array<[ComplaintTier, keyof TierClock, string]> = []
  for (const [lower, higher] of [['general', 'difficult'], ['difficult', 'complex']] as const) {
    if (tiers[higher].resolveDays < tiers[lower].resolveDays) {
      problems.push([higher, 'resolveDays', `「${TIER_LABELS[higher]}」的办结期限不能短于「${TIER_LABELS[lower]}」`])
    }
  }
  return problems
}
