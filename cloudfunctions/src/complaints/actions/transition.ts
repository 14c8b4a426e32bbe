import type { complaintsContract } from '@shared/contract/complaints'
import { CATEGORY_RULES } from '@shared/rules/complaint-categories'
import { deadlineFor } from '@shared/rules/complaint-deadlines'
import { canTransition, LETTER_LABELS, STATUS_LABELS, TRANSITION_VERBS } from '@shared/rules/complaint-status'
import { audit } from '../../_lib/audit'
import { command } from '../../_lib/db'
import { AppFailure } from '../../_lib/failure'
import { complaints, timelineStep, type ComplaintRecord } from '../../_lib/records/complaints'
import type { Handlers } from '../../_lib/router'
import { loadForHandling } from '../access'
import { calendarAround } from '../calendar'
import { notifyOwner } from '../notify'
import { staffView } from '../views'

/**
 * Staff move a case one edge of the status machine. The update is conditional on the status read,
 * so two staff acting at once cannot both move it; the step is pushed in the same write.
 */
export const transition: Handlers<typeof complaintsContract>['transition'] = async (input, { caller }) => {
  const record = await loadForHandling(caller, input.complaintId)
  const from = record.status
  const to = input.to
  if (!canTransition('staff', from, to)) {
    const verb = TRANSITION_VERBS[to] ?? `改为「${STATUS_LABELS[to]}」`
    throw new AppFailure('CONFLICT', `案件当前为「${STATUS_LABELS[from]}」，不能${verb}`)
  }

  const now = new Date()
  const note = input.note ?? null
  const letterType = to === 'escalated' ? (input.letterType ?? null) : null
  const patch: Record<string, unknown> = {
    status: to,
    updatedAt: now,
    timeline: command().push(timelineStep({ at: now, actor: 'staff', kind: 'status', from, to, note, letterType })),
  }
  if (to === 'accepted' || to === 'escalated') {
    // Acceptance starts the resolve clock; escalation restarts it, since the employer is given time to put things right.
    const rule = CATEGORY_RULES[record.category]
    const resolve = deadlineFor('resolve', record.category, now, await calendarAround(now, rule.resolveDays))
    const keepEarlier = record.deadlines.resolveBy !== null && new Date(record.deadlines.resolveBy) > resolve.dueAt
    const resolveBy = keepEarlier ? new Date(record.deadlines.resolveBy!) : resolve.dueAt
    const resolveByDay = keepEarlier ? record.deadlines.resolveByDay : resolve.day
    Object.assign(patch, { 'deadlines.resolveBy': resolveBy, 'deadlines.resolveByDay': resolveByDay, dueAt: resolveBy })
  }
  if (to === 'accepted') patch.acceptedAt = now
  if (to === 'escalated') patch.escalation = { letterType, at: now }
  if (to === 'resolved') Object.assign(patch, { resolvedAt: now, dueAt: null })
  if (to === 'rejected') Object.assign(patch, { closedAt: now, dueAt: null })

  const moved = await complaints.updateWhere({ _id: record._id, status: from }, patch)
  if (moved !== 1) throw new AppFailure('CONFLICT', '案件刚被其他工作人员处理过，请刷新后再试')

  await audit({
    actorOpenid: caller.openid,
    action: `complaints.transition.${to}`,
    unionId: record.unionId,
    targetCollection: 'complaints',
    targetId: record._id,
    detail: { from, to, letterType, trackingNumber: record.trackingNumber },
  })
  const message = to === 'escalated' && letterType ? `已发出${LETTER_LABELS[letterType]}` : (note ?? '')
  await notifyOwner(record, to, message, now)
  const updated = (await complaints.get(record._id)) as ComplaintRecord
  return staffView(updated, now)
}
