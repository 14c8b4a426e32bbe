import type { complaintsContract } from '@shared/contract/complaints'
import { formatMonthDay } from '@shared/rules/china-time'
import { canMove, LETTER_LABELS, STATUS_LABELS, TRANSITION_VERBS } from '@shared/rules/complaint-status'
import { FILING_TIER, TIER_LABELS } from '@shared/rules/complaint-tiers'
import { audit } from '../../_lib/audit'
import { command } from '../../_lib/db'
import { AppFailure } from '../../_lib/failure'
import { complaints, timelineStep, type ComplaintRecord } from '../../_lib/records/complaints'
import type { Handlers } from '../../_lib/router'
import { loadForHandling } from '../access'
import { deadlineOf, settingsOf } from '../clock'
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
  if (!canMove('transition', from, to)) {
    const verb = TRANSITION_VERBS[to] ?? `改为「${STATUS_LABELS[to]}」`
    throw new AppFailure('CONFLICT', `案件当前为「${STATUS_LABELS[from]}」，不能${verb}`)
  }

  const now = new Date()
  const note = input.note ?? null
  const letterType = to === 'escalated' ? (input.letterType ?? null) : null
  const tier = to === 'accepted' ? (input.tier ?? null) : record.tier
  const patch: Record<string, unknown> = { status: to, updatedAt: now }
  let promised: string | null = null
  if (to === 'accepted' || to === 'escalated') {
    // Acceptance starts the tier's resolve clock; escalation restarts it (never earlier than
    // promised), since the employer is given time to put things right.
    const resolve = await deadlineOf(record.rootUnionId, now, (await settingsOf(record.rootUnionId)).tiers[tier ?? FILING_TIER].resolveDays)
    const keepEarlier = record.deadlines.resolveBy !== null && new Date(record.deadlines.resolveBy) > resolve.dueAt
    const resolveBy = keepEarlier ? new Date(record.deadlines.resolveBy!) : resolve.dueAt
    promised = keepEarlier ? record.deadlines.resolveByDay : resolve.day
    Object.assign(patch, { 'deadlines.resolveBy': resolveBy, 'deadlines.resolveByDay': promised, dueAt: resolveBy })
    if (!keepEarlier) patch['deadlines.resolveProvisional'] = resolve.provisional
  }
  if (to === 'accepted') Object.assign(patch, { acceptedAt: now, tier })
  if (to === 'accepted' || to === 'rejected') patch.acceptedOnTime = now <= new Date(record.deadlines.acceptBy)
  if (to === 'escalated') patch.escalation = { letterType, at: now }
  if (to === 'resolved') {
    const resolveBy = record.deadlines.resolveBy ? new Date(record.deadlines.resolveBy) : null
    Object.assign(patch, { resolvedAt: now, dueAt: null, resolvedOnTime: resolveBy === null || now <= resolveBy, callback: null })
  }
  if (to === 'rejected') Object.assign(patch, { closedAt: now, dueAt: null })
  patch.timeline = command().push(
    timelineStep({ at: now, actor: 'staff', kind: 'status', from, to, note, letterType, tier: to === 'accepted' ? tier : null, day: promised }),
  )

  const moved = await complaints.updateWhere({ _id: record._id, status: from }, patch)
  if (moved !== 1) throw new AppFailure('CONFLICT', '案件刚被其他工作人员处理过，请刷新后再试')

  await audit({
    actorOpenid: caller.openid,
    action: `complaints.transition.${to}`,
    unionId: record.unionId,
    targetCollection: 'complaints',
    targetId: record._id,
    detail: { from, to, letterType, trackingNumber: record.trackingNumber },
    before: { status: from, tier: record.tier, deadline: record.deadlines.resolveByDay },
    after: { status: to, tier, deadline: promised ?? record.deadlines.resolveByDay },
  })
  const message =
    to === 'escalated' && letterType
      ? `已发出${LETTER_LABELS[letterType]}`
      : to === 'accepted' && tier && promised
        ? `已受理（${TIER_LABELS[tier]}），将在${formatMonthDay(promised)}前办结`
        : (note ?? '')
  await notifyOwner(record, to, message, now)
  const updated = (await complaints.get(record._id)) as ComplaintRecord
  return staffView(updated, now, caller)
}
