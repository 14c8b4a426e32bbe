import type { complaintsContract } from '@shared/contract/complaints'
import { canMove, STATUS_LABELS } from '@shared/rules/complaint-status'
import { FILING_TIER } from '@shared/rules/complaint-tiers'
import { AppFailure } from '../../_lib/failure'
import { timelineStep } from '../../_lib/records/complaints'
import type { Handlers } from '../../_lib/router'
import { loadForHandling } from '../access'
import { deadlineOf, settingsOf } from '../clock'
import { writeStaffStep } from '../steps'

/**
 * An admin of the case's union (or of one above it) checks the handling after the callback:
 * passing closes the case; reopening sends it back to handling with the note and a new resolve
 * clock of its tier, which may be extended once again.
 */
export const qualityCheck: Handlers<typeof complaintsContract>['qualityCheck'] = async ({ complaintId, passed, note }, { caller }) => {
  const record = await loadForHandling(caller, complaintId)
  if (!(await caller.isAdminServing(record.unionId))) throw new AppFailure('FORBIDDEN', '质检需由本案所属工会或上级工会的管理员进行')
  const to = passed ? 'closed' : 'in_progress'
  if (!canMove('qualityCheck', record.status, to)) throw new AppFailure('CONFLICT', `案件当前为「${STATUS_LABELS[record.status]}」，回访完成后才能质检`)

  const now = new Date()
  const check = { passed, note: note ?? null, at: now, byOpenid: caller.openid }
  if (passed) {
    return writeStaffStep(
      caller,
      record,
      {
        patch: { status: 'closed', qualityCheck: check, closedAt: now, dueAt: null },
        entry: timelineStep({ at: now, actor: 'staff', kind: 'quality', from: 'reviewing', to: 'closed', note: note ?? null }),
        audit: { action: 'complaints.qualityCheck', detail: { passed, note: note ?? null } },
        notice: { status: 'closed', message: '质检通过，案件已结案' },
      },
      now,
    )
  }
  const resolve = await deadlineOf(record.rootUnionId, now, (await settingsOf(record.rootUnionId)).tiers[record.tier ?? FILING_TIER].resolveDays)
  return writeStaffStep(
    caller,
    record,
    {
      patch: {
        status: 'in_progress',
        qualityCheck: check,
        callback: null,
        'deadlines.resolveBy': resolve.dueAt,
        'deadlines.resolveByDay': resolve.day,
        'deadlines.resolveProvisional': resolve.provisional,
        'deadlines.resolveExtension': null,
        dueAt: resolve.dueAt,
      },
      entry: timelineStep({ at: now, actor: 'staff', kind: 'quality', from: 'reviewing', to: 'in_progress', note: note ?? null, day: resolve.day }),
      audit: { action: 'complaints.qualityCheck', detail: { passed, note: note ?? null }, before: { deadline: record.deadlines.resolveByDay }, after: { deadline: resolve.day } },
      notice: { status: 'in_progress', message: `质检退回重办：${note ?? ''}` },
    },
    now,
  )
}
