import type { complaintsContract } from '@shared/contract/complaints'
import { SATISFACTION_LABELS } from '@shared/rules/complaint-handling'
import { canMove, STATUS_LABELS } from '@shared/rules/complaint-status'
import { AppFailure } from '../../_lib/failure'
import { timelineStep } from '../../_lib/records/complaints'
import type { Handlers } from '../../_lib/router'
import { loadForHandling } from '../access'
import { writeStaffStep } from '../steps'

/**
 * Staff call the worker back after resolving. Not reached: the attempt is recorded and the case
 * waits (the worker may still rate it, or the 7-day timer closes it). Reached: their satisfaction
 * is the callback, and the case goes to an admin's quality check.
 */
export const callback: Handlers<typeof complaintsContract>['callback'] = async ({ complaintId, reached, satisfaction, note }, { caller }) => {
  const record = await loadForHandling(caller, complaintId)
  if (!canMove('callback', record.status, 'reviewing')) throw new AppFailure('CONFLICT', `案件当前为「${STATUS_LABELS[record.status]}」，办结后才能回访`)
  const now = new Date()
  const level = reached ? (satisfaction ?? null) : null
  return writeStaffStep(
    caller,
    record,
    {
      patch: reached ? { status: 'reviewing', callback: { by: 'staff', reached, satisfaction: level, note: note ?? null, at: now } } : {},
      entry: timelineStep({ at: now, actor: 'staff', kind: 'callback', from: 'resolved', to: reached ? 'reviewing' : null, note: note ?? null, reached, satisfaction: level }),
      audit: { action: 'complaints.callback', detail: { reached }, before: { satisfaction: null }, after: { satisfaction: level } },
      ...(reached && level ? { notice: { status: 'reviewing' as const, message: `回访已记录：${SATISFACTION_LABELS[level]}` } } : {}),
    },
    now,
  )
}
