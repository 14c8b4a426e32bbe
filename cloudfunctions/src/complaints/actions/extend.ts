import type { complaintsContract } from '@shared/contract/complaints'
import { formatMonthDay } from '@shared/rules/china-time'
import { canExtend } from '@shared/rules/complaint-deadlines'
import { STATUS_LABELS } from '@shared/rules/complaint-status'
import { AppFailure } from '../../_lib/failure'
import { timelineStep } from '../../_lib/records/complaints'
import type { Handlers } from '../../_lib/router'
import { loadForHandling } from '../access'
import { deadlineOf } from '../clock'
import { writeStaffStep } from '../steps'
import { stageDeadline } from '../views'

/**
 * Moves the current stage's deadline (accepting or resolving) by working days counted from the day
 * it was due, once per stage; the worker reads the new date and the reason. Conditional on the
 * stage not having been extended, so two staff extending at once extend it once.
 */
export const extend: Handlers<typeof complaintsContract>['extend'] = async ({ complaintId, days, reason }, { caller }) => {
  const record = await loadForHandling(caller, complaintId)
  const stage = stageDeadline(record)
  if (!stage || !canExtend(stage.kind)) throw new AppFailure('CONFLICT', `案件当前为「${STATUS_LABELS[record.status]}」，没有可以延长的期限`)
  if (stage.extension) throw new AppFailure('CONFLICT', `本阶段的期限已于 ${formatMonthDay(stage.extension.fromDay)} 延长过一次，不能再延期`)

  const now = new Date()
  const moved = await deadlineOf(record.rootUnionId, stage.day, days)
  const extension = { fromDay: stage.day, toDay: moved.day, days, reason, at: now }
  const field = (name: string) => `deadlines.${stage.kind}${name}`
  return writeStaffStep(
    caller,
    record,
    {
      where: { [field('Extension')]: null },
      patch: { [field('By')]: moved.dueAt, [field('ByDay')]: moved.day, [field('Provisional')]: moved.provisional, [field('Extension')]: extension, dueAt: moved.dueAt },
      entry: timelineStep({ at: now, actor: 'staff', kind: 'extended', note: reason, day: moved.day }),
      audit: { action: 'complaints.extend', detail: { stage: stage.kind, days, reason }, before: { deadline: stage.day }, after: { deadline: moved.day } },
      notice: { status: record.status, message: `期限延至${formatMonthDay(moved.day)}：${reason}` },
    },
    now,
  )
}
