/**
 * The life of a complaint (DESIGN §4): submitted → accepted → in_progress → resolved → closed,
 * or rejected with a reason, or escalated to 一函两书 and then resolved. Each edge names who may
 * take it; anything not listed here is refused (`CONFLICT`).
 */

export const COMPLAINT_STATUSES = ['submitted', 'accepted', 'in_progress', 'resolved', 'closed', 'rejected', 'escalated'] as const

export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number]

/** Who moves a case: union staff, the person who filed it (by rating), or the hourly timer. */
export type TransitionActor = 'staff' | 'owner' | 'system'

const EDGES: Record<TransitionActor, Partial<Record<ComplaintStatus, readonly ComplaintStatus[]>>> = {
  staff: {
    submitted: ['accepted', 'rejected'],
    accepted: ['in_progress', 'escalated'],
    in_progress: ['resolved', 'escalated'],
    escalated: ['resolved'],
  },
  owner: { resolved: ['closed'] },
  system: { resolved: ['closed'] },
}

export function canTransition(actor: TransitionActor, from: ComplaintStatus, to: ComplaintStatus): boolean {
  return EDGES[actor][from]?.includes(to) ?? false
}

/** The statuses staff may move a case to from `from`, in the order the buttons appear. */
export function staffTransitionsFrom(from: ComplaintStatus): readonly ComplaintStatus[] {
  return EDGES.staff[from] ?? []
}

/** Cases the union still owes the worker something on: they carry a deadline and count as open. */
export const OPEN_STATUSES = ['submitted', 'accepted', 'in_progress', 'escalated'] as const satisfies readonly ComplaintStatus[]

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
  resolved: '已办结',
  closed: '已结案',
  rejected: '不予受理',
  escalated: '已发函督办',
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

/** Resolved cases close on their own this long after resolution if the worker does not rate them. */
export const AUTO_CLOSE_AFTER_DAYS = 7
