import type { complaintsContract } from '@shared/contract/complaints'
import { FILING_TIER } from '@shared/rules/complaint-tiers'
import { audit, auditValues } from '../../_lib/audit'
import { AppFailure } from '../../_lib/failure'
import { encrypt } from '../../_lib/personal-data'
import { complaints, timelineStep, type ComplaintRecord } from '../../_lib/records/complaints'
import { unions } from '../../_lib/records/unions'
import type { Handlers } from '../../_lib/router'
import { rootOf } from '../../_lib/union-tree'
import { nextTrackingNumber } from '../tracking'
import { staffView } from '../views'
import { NOT_YET_HANDLED, openingDeadlines } from '../work-order'

/**
 * Staff file a case for a caller of the hotline. The caller's phone and name are stored encrypted;
 * nobody owns the case in the app until the caller claims it (`claim`) with its tracking number,
 * which staff read out on the phone.
 */
export const intake: Handlers<typeof complaintsContract>['intake'] = async (input, { caller }) => {
  const unionId = input.unionId ?? (await caller.staffRoles())[0]?.unionId
  const union = unionId && (await caller.servesUnion(unionId)) ? await unions.get(unionId) : null
  if (!union || union.status !== 'active') {
    const message = '请选择您所服务的工会'
    throw new AppFailure('INVALID_INPUT', message, [{ path: 'unionId', message }])
  }

  const now = new Date()
  const rootUnionId = await rootOf(union._id)
  const opening = await openingDeadlines(rootUnionId, now, input.tier ?? FILING_TIER)
  const trackingNumber = await nextTrackingNumber(now)
  const record: Omit<ComplaintRecord, '_id'> = {
    trackingNumber,
    ownerOpenid: null,
    unionId: union._id,
    rootUnionId,
    routedBy: 'intake',
    isMember: false,
    memberNumber: null,
    district: null,
    category: input.category,
    description: input.description,
    employer: input.employer,
    amountOwedFen: input.amountOwed ?? null,
    occurredOn: input.occurredOn,
    attachments: [],
    anonymous: false,
    contactPhoneCipher: encrypt(input.callerPhone),
    callerNameCipher: encrypt(input.callerName),
    contentCheck: { suggest: 'pass', label: null },
    status: 'submitted',
    tier: input.tier ?? null,
    ...opening,
    ...NOT_YET_HANDLED,
    escalation: null,
    rating: null,
    intake: { takenBy: caller.openid, claimedAt: null },
    timeline: [
      timelineStep({ at: now, actor: 'staff', kind: 'filed', to: 'submitted', note: '12351 热线来电登记', tier: input.tier ?? null, day: opening.deadlines.acceptByDay }),
    ],
    filedAt: now,
    updatedAt: now,
    acceptedAt: null,
    resolvedAt: null,
    closedAt: null,
  }
  const complaintId = await complaints.add(record)
  await audit({
    actorOpenid: caller.openid,
    action: 'complaints.intake',
    unionId: union._id,
    targetCollection: 'complaints',
    targetId: complaintId,
    detail: { trackingNumber },
    before: null,
    // The caller's phone and name are masked by auditValues.
    after: auditValues({ ...record, contactPhone: input.callerPhone, callerName: input.callerName }, ['category', 'tier', 'callerName', 'contactPhone']),
  })
  return staffView({ _id: complaintId, ...record }, now, caller)
}
