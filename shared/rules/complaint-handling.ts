/**
 * The words of the work-order steps after acceptance: where a case can be referred, why a deadline
 * may be extended, how a callback went, and how often a hotline caller may try to claim a case.
 */

/** Departments a union refers cases to (转办); `other` is named by staff. */
export const REFERRAL_DEPARTMENTS = ['labour_inspection', 'legal_aid', 'housing', 'petition', 'other'] as const

export type ReferralDepartment = (typeof REFERRAL_DEPARTMENTS)[number]

export const DEPARTMENT_LABELS: Record<ReferralDepartment, string> = {
  labour_inspection: '人社劳动监察',
  legal_aid: '法律援助中心',
  housing: '住建',
  petition: '信访',
  other: '其他部门',
}

/** Reasons staff pick from when extending a deadline; they may also type their own. */
export const EXTENSION_REASONS = [
  '需要调取更多证据材料',
  '用人单位未按时答复',
  '需要多个部门共同处理',
  '求助人申请延后处理',
] as const

/** An extension adds at most this many working days, once per stage. */
export const MAX_EXTENSION_DAYS = 30

/** How satisfied the worker is with the result, as a callback (回访) records it. */
export const SATISFACTION_LEVELS = ['satisfied', 'neutral', 'dissatisfied'] as const

export type Satisfaction = (typeof SATISFACTION_LEVELS)[number]

export const SATISFACTION_LABELS: Record<Satisfaction, string> = {
  satisfied: '满意',
  neutral: '基本满意',
  dissatisfied: '不满意',
}

/** The worker's own 1–5 rating, read as a callback answer. */
export function satisfactionFromScore(score: number): Satisfaction {
  if (score >= 4) return 'satisfied'
  return score === 3 ? 'neutral' : 'dissatisfied'
}

/** A hotline caller claiming a case in the app: tries per case (per tracking number) in any hour. */
export const CLAIM_TRIES_PER_HOUR = 5

/** The one answer to every wrong claim: it does not say which part was wrong, or whether the case exists. */
export const CLAIM_REFUSED = '查询编号、手机号后四位或姓名不正确，请核对后再试'
