import type { membershipContract } from '@shared/contract/membership'
import { chinaDay } from '@shared/rules/china-time'
import { formatMemberNumber } from '@shared/rules/member-number'
import { audit } from '../../_lib/audit'
import { command } from '../../_lib/db'
import { AppFailure } from '../../_lib/failure'
import { decrypt, lookupHashes } from '../../_lib/personal-data'
import { applications, type ApplicationRecord } from '../../_lib/records/applications'
import { memberIdFor, members, type MemberRecord } from '../../_lib/records/members'
import { openApplications } from '../../_lib/records/openApplications'
import type { Handlers } from '../../_lib/router'
import { nextInSequence } from '../../_lib/sequence'
import { unionNames } from '../../_lib/union-tree'
import { notifyDecision } from '../notify'
import { applicationView } from '../views'

const ALREADY_DECIDED = '这份申请已经审核过了，请刷新列表'

/** Takes the application out of `pending` for this reviewer; false if someone else decided first. */
async function claim(application: ApplicationRecord, patch: Partial<ApplicationRecord>): Promise<boolean> {
  return (await applications.updateWhere({ _id: application._id, status: 'pending' }, patch)) === 1
}

/** Puts a claimed approval back to `pending` when the membership could not be written. */
async function release(application: ApplicationRecord, reviewer: string): Promise<void> {
  await applications.updateWhere(
    { _id: application._id, status: 'approved', decidedBy: reviewer },
    { status: 'pending', decidedAt: null, decidedBy: null },
  )
}

const workOf = (a: ApplicationRecord) => ({
  employmentType: a.employmentType,
  employer: a.employer,
  platform: a.platform,
  occupation: a.occupation,
  district: a.district,
})

/** Admits a first-time member: one member document per ID number, a fresh member number. */
async function admit(application: ApplicationRecord, reviewer: string, at: Date): Promise<string> {
  const memberId = memberIdFor(application.idHash)
  // `apply` does not look (so it cannot tell anyone): the ID's membership is found here, under every key's hash.
  const sameIdHashes = command().in(lookupHashes('idNumber', decrypt(application.idCipher)))
  const [sameId, sameAccount] = await Promise.all([
    members.findOne({ idHash: sameIdHashes, status: 'active' }),
    members.findOne({ openid: application.openid, status: 'active' }),
  ])
  const existing = sameId ?? sameAccount
  if (existing) {
    const union = (await unionNames([existing.unionId])).get(existing.unionId) ?? '其他工会'
    // Said to staff only: the applicant learns nothing of another account's membership from `apply`.
    throw new AppFailure('CONFLICT', `申请人已是「${union}」的会员，不能重复入会。请驳回，驳回理由请勿透露会籍（例如“请携带身份证到工会核实”）`)
  }
  if (!(await claim(application, { status: 'approved', decidedAt: at, decidedBy: reviewer }))) throw new AppFailure('CONFLICT', ALREADY_DECIDED)

  const year = Number(chinaDay(at).slice(0, 4))
  const memberNumber = formatMemberNumber(year, await nextInSequence(`memberNumber-${year}`))
  const member: MemberRecord = {
    _id: memberId,
    openid: application.openid,
    unionId: application.unionId,
    memberNumber,
    status: 'active',
    name: application.name,
    idCipher: application.idCipher,
    idHash: application.idHash,
    phoneCipher: application.phoneCipher,
    phoneHash: application.phoneHash,
    birthDate: application.birthDate,
    sex: application.sex,
    ...workOf(application),
    joinedAt: at,
    since: at,
    history: [],
    applicationId: application._id,
  }
  // Two applications with the same ID approved at once: the database keeps one member document.
  if (!(await members.addIfAbsent(member))) {
    await release(application, reviewer)
    throw new AppFailure('CONFLICT', '申请人刚刚已在其他工会入会，不能重复入会，请驳回并提示其申请转会')
  }
  return memberNumber
}

/** Moves a member to the receiving union, closing the current stint in their history. */
async function move(application: ApplicationRecord, reviewer: string, at: Date): Promise<string> {
  const member = application.memberId ? await members.get(application.memberId) : null
  const movedAway = '会员的组织关系已经变化，这份转会申请不能通过，请驳回'
  if (!member || member.status !== 'active' || member.unionId !== application.fromUnionId) throw new AppFailure('CONFLICT', movedAway)
  if (!(await claim(application, { status: 'approved', decidedAt: at, decidedBy: reviewer }))) throw new AppFailure('CONFLICT', ALREADY_DECIDED)
  const moved = await members.updateWhere(
    { _id: member._id, status: 'active', unionId: member.unionId },
    {
      unionId: application.unionId,
      since: at,
      history: command().push([{ unionId: member.unionId, from: member.since, to: at }]),
      ...workOf(application),
      applicationId: application._id,
    },
  )
  if (moved !== 1) {
    await release(application, reviewer)
    throw new AppFailure('CONFLICT', movedAway)
  }
  return member.memberNumber
}

/** Approves or rejects an application to a union the caller serves; audited, and the applicant is notified. */
export const review: Handlers<typeof membershipContract>['review'] = async ({ applicationId, decision, reason }, { caller }) => {
  const application = await applications.get(applicationId)
  if (!application) throw new AppFailure('NOT_FOUND', '没有找到这份入会申请')
  if (!(await caller.servesUnion(application.unionId))) throw new AppFailure('FORBIDDEN', '只有该工会的工作人员可以审核这份申请')
  if (application.openid === caller.openid) throw new AppFailure('FORBIDDEN', '不能审核本人的申请，请由本工会其他工作人员审核')
  if (application.status !== 'pending') throw new AppFailure('CONFLICT', ALREADY_DECIDED)

  const at = new Date()
  let memberNumber: string | null = null
  let decided: ApplicationRecord
  if (decision === 'reject') {
    const rejectReason = reason ?? ''
    const patch = { status: 'rejected' as const, rejectReason, decidedAt: at, decidedBy: caller.openid }
    if (!(await claim(application, patch))) throw new AppFailure('CONFLICT', ALREADY_DECIDED)
    decided = { ...application, ...patch }
  } else {
    memberNumber = application.kind === 'join' ? await admit(application, caller.openid, at) : await move(application, caller.openid, at)
    decided = { ...application, status: 'approved', decidedAt: at, decidedBy: caller.openid }
  }
  // The ID number takes an application again (after an approval, the member document holds it).
  await openApplications.removeWhere({ applicationId: application._id })

  await audit({
    actorOpenid: caller.openid,
    action: `membership.review.${decision}`,
    unionId: application.unionId,
    targetCollection: 'applications',
    targetId: application._id,
    detail: { kind: application.kind, reason: decision === 'reject' ? (reason ?? null) : null, memberNumber },
  })
  const view = await applicationView(decided)
  await notifyDecision(decided, view.unionName, memberNumber ? { approved: true, memberNumber } : { approved: false, reason: reason ?? '' }, at)
  return { ...view, memberNumber }
}
