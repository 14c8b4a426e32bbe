import type { complaintsContract } from '@shared/contract/complaints'
import { chinaDay } from '@shared/rules/china-time'
import { DEPARTMENT_LABELS } from '@shared/rules/complaint-handling'
import { canMove, STATUS_LABELS } from '@shared/rules/complaint-status'
import { FILING_TIER } from '@shared/rules/complaint-tiers'
import { AppFailure } from '../../_lib/failure'
import { timelineStep } from '../../_lib/records/complaints'
import type { Handlers } from '../../_lib/router'
import { loadForHandling } from '../access'
import { deadlineOf, settingsOf, workingDaysFrom } from '../clock'
import { writeStaffStep } from '../steps'

/**
 * Hands the case to another department. The case then waits on the referral's own clock (the root
 * union's referral days); the resolve clock stops with the working days it had left, and runs
 * again from the feedback.
 */
export const refer: Handlers<typeof complaintsContract>['refer'] = async (input, { caller }) => {
  const record = await loadForHandling(caller, input.complaintId)
  if (!canMove('refer', record.status, 'referred')) throw new AppFailure('CONFLICT', `案件当前为「${STATUS_LABELS[record.status]}」，不能转办`)

  const now = new Date()
  const settings = await settingsOf(record.rootUnionId)
  const due = await deadlineOf(record.rootUnionId, now, settings.referralDays)
  // At least one working day is left after the feedback, even for a case already late.
  const { resolveByDay } = record.deadlines
  const resolveDaysLeft = resolveByDay
    ? Math.max(1, await workingDaysFrom(record.rootUnionId, chinaDay(now), resolveByDay))
    : settings.tiers[record.tier ?? FILING_TIER].resolveDays
  const departmentName = input.department === 'other' ? input.departmentName! : DEPARTMENT_LABELS[input.department]
  const referral = {
    department: input.department,
    departmentName,
    note: input.note,
    at: now,
    dueAt: due.dueAt,
    dueDay: due.day,
    provisional: due.provisional,
    resolveDaysLeft,
    feedback: null,
  }
  return writeStaffStep(
    caller,
    record,
    {
      patch: { status: 'referred', referral, dueAt: due.dueAt },
      entry: timelineStep({ at: now, actor: 'staff', kind: 'referred', from: record.status, to: 'referred', note: input.note, department: departmentName, day: due.day }),
      audit: { action: 'complaints.refer', detail: { departmentName }, before: { deadline: resolveByDay }, after: { deadline: due.day } },
      notice: { status: 'referred', message: `已转交${departmentName}` },
    },
    now,
  )
}
