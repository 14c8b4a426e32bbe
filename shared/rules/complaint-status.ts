/**
 * The life of a complaint (DESIGN §4), as a 12351 work order: submitted → accepted (with a tier) →
 * in_progress → resolved (办结) → reviewing (回访 done, 待质检) → closed after an admin's quality
 * check; or rejected with a reason; or escalated to 一函两书 and then resolved; or referred to
 * another department and back when its feedback arrives. A quality check that fails reopens the
 * case. Each step belongs to one action; anything not listed here is refused (`CONFLICT`).
 */

export const COMPLAINT_STATUSES = ['submitted', 'accepted', 'in_progress', 'escalated', 'referred', 'resolved', 'reviewing', 'closed', 'rejected'] as const

export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number]

/**
 * The action (or timer) that takes a step: `transition` is staff's generic move; the others carry
 * their own input (a department, a callback's outcome, a quality verdict).
 */
export type ComplaintStep = 'transition' | 'refer' | 'referralFeedback' | 'callback' | 'rate' | 'qualityCheck' | 'autoClose'

const STEPS: Record<ComplaintStep, Partial<Record<ComplaintStatus, readonly ComplaintStatus[]>>> = {
  transition: {
    submitted: ['accepted', 'rejected'],
    accepted: ['in_progress', 'escalated'],
    in_progress: ['resolved', 'escalated'],
    escalated: ['resolved'],
  },
  refer: { accepted: ['referred'], in_progress: ['referred'], escalated: ['referred'] },
  referralFeedback: { referred: ['in_progress'] },
  // Staff reached the worker by phone, or the worker rated the result: the callback is done.
  callback: { resolved: ['reviewing'] },
  rate: { resolved: ['reviewing'] },
  qualityCheck: { reviewing: ['closed', 'in_progress'] },
  // Nobody answered the callback within 7 days.
  autoClose: { resolved: ['closed'] },
}

export function canMove(step: ComplaintStep, from: ComplaintStatus, to: ComplaintStatus): boolean {
  return STEPS[step][from]?.includes(to) ?? false
}

/** Every status `step` can move a case out of. */
export function statusesBefore(step: ComplaintStep): ComplaintStatus[] {
  return COMPLAINT_STATUSES.filter((status) => (STEPS[step][status] ?? []).length > 0)
}

/** The statuses the `transition` action may move a case to from `from`, in the order the buttons appear. */
export function staffTransitionsFrom(from: ComplaintStatus): readonly ComplaintStatus[] {
  return STEPS.transition[from] ?? []
}

/** Cases the union still owes the worker something on: they carry a deadline and count as open. */
export const OPEN_STATUSES = ['submitted', 'accepted', 'in_progress', 'escalated', 'referred'] as const satisfies readonly ComplaintStatus[]

export function isOpen(status: ComplaintStatus): boolean {
  return (OPEN_STATUSES as readonly ComplaintStatus[]).includes(status)
}

/** Staff may write to the worker while the case is still being handled. */
export function canReply(status: ComplaintStatus): boolean {
  return isOpen(status)
}

/** These transitions must say why, because the worker reads it on the case page. */
export function transitionNeedsNote(to: ComplaintStatus): boolean {
  return to === 'rejected' || to === 'resolved' || to === 'escalated'
}

export const STATUS_LABELS: Record<ComplaintStatus, string> = {
  submitted: '已提交',
  accepted: '已受理',
  in_progress: '处理中',
  escalated: '已发函督办',
  referred: '已转办',
  resolved: '已办结',
  reviewing: '待质检',
  closed: '已结案',
  rejected: '不予受理',
}

/** What a staff button says for a move to each status. */
export const TRANSITION_VERBS: Partial<Record<ComplaintStatus, string>> = {
  accepted: '受理',
  in_progress: '开始处理',
  resolved: '办结',
  rejected: '不予受理',
  escalated: '发函督办',
}

/**
 * 一函两书: the labour-law supervision letters a union issues — a reminder (提示函) or an opinion
 * (意见书) to the employer, or a recommendation (建议书) to the labour authority.
 */
export const LETTER_TYPES = ['reminder', 'opinion', 'recommendation'] as const

export type LetterType = (typeof LETTER_TYPES)[number]

export const LETTER_LABELS: Record<LetterType, string> = {
  reminder: '工会劳动法律监督提示函',
  opinion: '工会劳动法律监督意见书',
  recommendation: '工会劳动法律监督建议书',
}

/** A resolved case closes on its own this long after resolution if nobody answered the callback. */
export const AUTO_CLOSE_AFTER_DAYS = 7
