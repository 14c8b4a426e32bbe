import { maskIdNumber, maskName, maskPhone } from '@shared/mask'
import { actorIdFor } from '@shared/rules/staff'
import { serverDate } from './db'
import { auditLog, type AuditRecord, type AuditValue } from './records/auditLog'
import { staff } from './records/staff'

export type AuditEntry = Omit<AuditRecord, '_id' | 'at' | 'actorId' | 'actorName'> & {
  /** The actor's name, when the caller knows it better than their staff record (the first admin, an invitee). */
  actorName?: string
}

/**
 * Appends an entry to the audit log: a staff action on people's data, or a change to the union tree
 * or its staff. Entries are never updated. The actor's name is kept with the entry, so the log
 * still says who it was after their role is revoked.
 */
export async function audit(entry: AuditEntry): Promise<void> {
  const actorName = entry.actorName ?? (await staff.findOne({ openid: entry.actorOpenid }))?.name ?? null
  await auditLog.add({ ...entry, actorId: actorIdFor(entry.actorOpenid), actorName, at: serverDate() as unknown as Date })
}

/** Fields whose values are personal data, masked before they reach the log. */
const MASKS: Record<string, (value: string) => string> = {
  idNumber: maskIdNumber,
  phone: maskPhone,
  contactPhone: maskPhone,
  callerName: maskName,
}

/** The named fields of a record as the audit log keeps them: personal data masked, dates as ISO text. */
export function auditValues(record: object, fields: readonly string[]): Record<string, AuditValue> {
  const source = record as Record<string, unknown>
  return Object.fromEntries(
    fields.map((field) => {
      const value = source[field]
      if (value === undefined || value === null) return [field, null]
      if (value instanceof Date) return [field, value.toISOString()]
      if (Array.isArray(value)) return [field, value.map(String)]
      if (typeof value === 'string') return [field, MASKS[field] ? MASKS[field](value) : value]
      if (typeof value === 'number' || typeof value === 'boolean') return [field, value]
      return [field, String(value)]
    }),
  )
}
