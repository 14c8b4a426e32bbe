import { serverDate } from './db'
import { auditLog, type AuditRecord } from './records/auditLog'

/** Appends a staff action on people's data to the audit log; entries are never updated. */
export async function audit(entry: Omit<AuditRecord, '_id' | 'at'>): Promise<void> {
  await auditLog.add({ ...entry, at: serverDate() as unknown as Date })
}
