import type { complaintsContract } from '@shared/contract/complaints'
import type { FieldError } from '@shared/result'
import { FILING_TIER } from '@shared/rules/complaint-tiers'
import { AppFailure } from '../../_lib/failure'
import { contentCheck, type ContentVerdict } from '../../_lib/openapi'
import { encrypt } from '../../_lib/personal-data'
import { complaints, timelineStep, type ComplaintRecord } from '../../_lib/records/complaints'
import type { Handlers } from '../../_lib/router'
import { rootOf } from '../../_lib/union-tree'
import { loadForOwner } from '../access'
import { keepEvidence } from '../evidence'
import { requireDestination } from '../routing'
import { nextTrackingNumber } from '../tracking'
import { ownerView } from '../views'
import { NOT_YET_HANDLED, openingDeadlines } from '../work-order'

const CHECKED_FIELDS = [
  ['description', '情况描述'],
  ['employer', '用人单位或平台'],
] as const

/**
 * msgSecCheck v2 semantics: only `risky` is refused. `review` is stored and flagged for staff,
 * because a worker in distress may write words a filter dislikes, and a complaint is read by
 * union staff only, never published.
 */
async function checkContent(input: { description: string; employer: string }, openid: string): Promise<ContentVerdict> {
  const verdicts = await Promise.all(CHECKED_FIELDS.map(([field]) => contentCheck.check(input[field], { openid, scene: 'profile' })))
  const refused: FieldError[] = CHECKED_FIELDS.flatMap(([field, label], index) =>
    verdicts[index]!.suggest === 'risky' ? [{ path: field, message: `${label}中有不适合提交的内容，请修改这部分后再提交` }] : [],
  )
  if (refused.length > 0) throw new AppFailure('CONTENT_REJECTED', refused[0]!.message, refused)
  return verdicts.find((verdict) => verdict.suggest === 'review') ?? { suggest: 'pass' }
}

/** Files a case: everything is checked before a tracking number is taken, so a refusal stores nothing. */
export const file: Handlers<typeof complaintsContract>['file'] = async (input, { caller, operationId }) => {
  // A retry after the case was stored and its uploads deleted finds the case before looking for them.
  if (operationId && (await complaints.get(operationId))) return ownerView(await loadForOwner(caller, operationId), new Date())
  const destination = await requireDestination(caller, input.district)
  const verdict = await checkContent(input, caller.openid)
  const evidence = await keepEvidence(input.attachments, caller.openid)

  const now = new Date()
  const rootUnionId = await rootOf(destination.union._id)
  const opening = await openingDeadlines(rootUnionId, now, FILING_TIER)
  const trackingNumber = await nextTrackingNumber(now)

  const record: Omit<ComplaintRecord, '_id'> = {
    trackingNumber,
    ownerOpenid: caller.openid,
    unionId: destination.union._id,
    rootUnionId,
    routedBy: destination.routedBy,
    isMember: destination.isMember,
    memberNumber: input.anonymous ? null : destination.memberNumber,
    district: destination.isMember ? null : (input.district ?? null),
    category: input.category,
    description: input.description,
    employer: input.employer,
    amountOwedFen: input.amountOwed ?? null,
    occurredOn: input.occurredOn,
    attachments: evidence.fileIDs,
    anonymous: input.anonymous,
    contactPhoneCipher: input.contactPhone ? encrypt(input.contactPhone) : null,
    callerNameCipher: null,
    contentCheck: { suggest: verdict.suggest === 'review' ? 'review' : 'pass', label: verdict.suggest === 'review' ? (verdict.label ?? null) : null },
    status: 'submitted',
    tier: null,
    ...opening,
    ...NOT_YET_HANDLED,
    escalation: null,
    rating: null,
    intake: null,
    timeline: [timelineStep({ at: now, actor: 'complainant', kind: 'filed', to: 'submitted', day: opening.deadlines.acceptByDay })],
    filedAt: now,
    updatedAt: now,
    acceptedAt: null,
    resolvedAt: null,
    closedAt: null,
  }
  if (!operationId) {
    const complaintId = await complaints.add(record)
    await evidence.taken()
    return ownerView({ _id: complaintId, ...record }, now, destination.union.name)
  }
  // A retry of a run that timed out after its case was stored finds that case instead of filing a second.
  if (!(await complaints.addIfAbsent({ _id: operationId, ...record }))) {
    await evidence.dropped()
    return ownerView(await loadForOwner(caller, operationId), now)
  }
  await evidence.taken()
  return ownerView({ _id: operationId, ...record }, now, destination.union.name)
}
