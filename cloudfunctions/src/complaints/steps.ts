import type { ComplaintStatus } from '@shared/rules/complaint-status'
import { audit } from '../_lib/audit'
import { command, type Where } from '../_lib/db'
import { AppFailure } from '../_lib/failure'
import type { Caller } from '../_lib/identity'
import type { AuditRecord, AuditValue } from '../_lib/records/auditLog'
import { complaints, type ComplaintRecord, type TimelineRecord } from '../_lib/records/complaints'
import { notifyOwner } from './notify'
import { staffView } from './views'

export interface Step {
  /** Conditions beyond "the status is still the one read" (e.g. "not extended yet"). */
  where?: Where
  patch: Record<string, unknown>
  entry: TimelineRecord
  /**
   * The audit log's action name (`complaints.extend`), what it keeps, and the values the step
   * changed besides the status (which is recorded for every step that moves it).
   */
  audit: { action: string; detail: AuditRecord['detail']; before?: Record<string, AuditValue>; after?: Record<string, AuditValue> }
  /** What the worker is told by subscribe message, if anything. */
  notice?: { status: ComplaintStatus; message: string }
}

/**
 * Writes one staff step of a case: its changes and its timeline entry in one update conditional on
 * the status read, so two staff acting at once cannot both take it; then the audit entry and the
 * worker's notice. Resolves the case as staff now see it.
 */
export async function writeStaffStep(caller: Caller, record: ComplaintRecord, step: Step, now: Date) {
  const written = await complaints.updateWhere(
    { _id: record._id, status: record.status, ...step.where },
    { ...step.patch, updatedAt: now, timeline: command().push(step.entry) },
  )
  if (written !== 1) throw new AppFailure('CONFLICT', '案件刚被其他工作人员处理过，请刷新后再试')
  await audit({
    actorOpenid: caller.openid,
    action: step.audit.action,
    unionId: record.unionId,
    targetCollection: 'complaints',
    targetId: record._id,
    detail: { trackingNumber: record.trackingNumber, ...step.audit.detail },
    before: { status: record.status, ...step.audit.before },
    after: { status: (step.patch.status as ComplaintStatus | undefined) ?? record.status, ...step.audit.after },
  })
  if (step.notice) await notifyOwner(record, step.notice.status, step.notice.message, now)
  return staffView((await complaints.get(record._id)) as ComplaintRecord, now, caller)
}
