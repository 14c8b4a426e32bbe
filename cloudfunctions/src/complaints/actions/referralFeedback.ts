import type { complaintsContract } from '@shared/contract/complaints'
import { canMove, STATUS_LABELS } from '@shared/rules/complaint-status'
import { AppFailure } from '../../_lib/failure'
import { timelineStep } from '../../_lib/records/complaints'
import type { Handlers } from '../../_lib/router'
import { loadForHandling } from '../access'
import { deadlineOf } from '../clock'
import { writeStaffStep } from '../steps'

/** Records what the other department answered; handling resumes with the working days the resolve clock had left. */
export const referralFeedback: Handlers<typeof complaintsContract>['referralFeedback'] = async ({ complaintId, note }, { caller }) => {
  const record = await loadForHandling(caller, complaintId)
  const referral = record.referral
  if (!canMove('referralFeedback', record.status, 'in_progress') || !referral) {
    throw new AppFailure('CONFLICT', `案件当前为「${STATUS_LABELS[record.status]}」，没有等待反馈的转办`)
  }
  const now = new Date()
  const resolve = await deadlineOf(record.rootUnionId, now, referral.resolveDaysLeft)
  return writeStaffStep(
    caller,
    record,
    {
      patch: {
        status: 'in_progress',
        'referral.feedback': { note, at: now },
        'deadlines.resolveBy': resolve.dueAt,
        'deadlines.resolveByDay': resolve.day,
        'deadlines.resolveProvisional': resolve.provisional,
        dueAt: resolve.dueAt,
      },
      entry: timelineStep({ at: now, actor: 'staff', kind: 'feedback', from: 'referred', to: 'in_progress', note, department: referral.departmentName, day: resolve.day }),
      audit: {
        action: 'complaints.referralFeedback',
        detail: { departmentName: referral.departmentName, late: now > new Date(referral.dueAt) },
        before: { deadline: referral.dueDay },
        after: { deadline: resolve.day },
      },
      notice: { status: 'in_progress', message: `${referral.departmentName}已反馈：${note}` },
    },
    now,
  )
}
