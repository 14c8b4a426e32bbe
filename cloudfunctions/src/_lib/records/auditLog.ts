import { collection, type Doc } from '../db'

/** A staff action on people's data; entries are only ever appended. */
export interface AuditRecord extends Doc {
  actorOpenid: string
  /** What was done, e.g. `membership.review.approve`, `membership.viewPersonalData`. */
  action: string
  unionId: string | null
  targetCollection: string
  targetId: string
  detail: Record<string, string | number | boolean | null>
  at: Date
}

export const auditLog = collection<AuditRecord>('auditLog')
