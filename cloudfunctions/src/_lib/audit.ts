import { collection, serverDate, type Doc } from './db'

export interface AuditEntry extends Doc {
  actorOpenid: string
  /** What was done, e.g. `membership.review.approve`, `membership.viewPersonalData`. */
  action: string
  unionId: string | null
  targetCollection: string
  targetId: string
  detail: Record<string, string | number | boolean | null>
  at: Date
}

const auditLog = collection<AuditEntry>('auditLog')

/** Appends a staff action on people's data to the audit log; entries are never updated. */
export async function audit(entry: Omit<AuditEntry, '_id' | 'at'>): Promise<void> {
  await auditLog.add({ ...entry, at: serverDate() as unknown as Date })
}
