import { collection, type Doc } from '../db'

/** A value as the audit log keeps it; personal data is masked before it is written. */
export type AuditValue = string | number | boolean | null | string[]

/** A staff action on people's data, or a change to the union tree or its staff; only ever appended. */
export interface AuditRecord extends Doc {
  actorOpenid: string
  /** `actorIdFor(actorOpenid)`: what 操作记录 filters by (absent on entries written before it existed). */
  actorId?: string
  /** The actor's name when it was written. */
  actorName?: string | null
  /** What was done, e.g. `membership.review.approve`, `unions.update` (shared/rules/audit-actions.ts). */
  action: string
  unionId: string | null
  targetCollection: string
  targetId: string
  detail: Record<string, string | number | boolean | null>
  /** The changed fields before and after the write (null before a creation and after a removal). */
  before?: Record<string, AuditValue> | null
  after?: Record<string, AuditValue> | null
  at: Date
}

export const auditLog = collection<AuditRecord>('auditLog')
