import type { membershipContract } from '@shared/contract/membership'
import { checkIdNumber } from '@shared/rules/id-number'
import { refusalFor } from '@shared/rules/join'
import { command } from '../../_lib/db'
import { AppFailure } from '../../_lib/failure'
import { encrypt, lookupHash, lookupHashes } from '../../_lib/personal-data'
import { takeAttempt } from '../../_lib/rate-limit'
import { applicationIdFor, applications, type ApplicationRecord } from '../../_lib/records/applications'
import { openApplicationIdFor, openApplications, type OpenApplicationRecord } from '../../_lib/records/openApplications'
import { unions } from '../../_lib/records/unions'
import type { Handlers } from '../../_lib/router'
import { addAllIfAbsent } from '../../_lib/transactions'
import { applicationView } from '../views'

export const ALREADY_MEMBER = '你已是工会会员，如需更换工会请在“我的 → 入会与会籍”中申请转会'
export const ALREADY_PENDING = '你已有一份入会申请正在审核，请等待审核结果'
/**
 * The one answer when an ID number cannot take another application: it names no status of anyone
 * (a number of another account's member is not refused at all: staff find it at review).
 */
const ID_NOT_AVAILABLE = '这个身份证号现在不能提交入会申请。如果这是你本人的身份证号，请联系要加入的工会核实'
const TOO_MANY_APPLICATIONS = '提交入会申请的次数太多，请 24 小时后再试'

/** Attempts per account: enough to correct and resubmit, too few to try ID numbers in bulk. */
const APPLY_ATTEMPTS = { max: 5, windowMs: 24 * 60 * 60 * 1000 }

/**
 * Files a join application: checks the union, one open application per account and, held by the
 * database, one open application per ID number. Whether an ID number belongs to someone else's
 * membership is not looked at here, so the answer cannot tell it: the reviewer sees it.
 */
export const apply: Handlers<typeof membershipContract>['apply'] = async (input, { caller }) => {
  const union = await unions.get(input.unionId)
  if (!union) throw new AppFailure('NOT_FOUND', '没有找到要加入的工会，请重新选择', [{ path: 'unionId', message: '没有找到这个工会' }])
  const refusal = refusalFor(union)
  if (refusal) throw new AppFailure('CONFLICT', refusal, [{ path: 'unionId', message: refusal }])

  const facts = checkIdNumber(input.idNumber)
  if (!facts.ok) throw new Error('an ID number passed the contract but not the rule')
  const idHash = lookupHash('idNumber', facts.value.idNumber)

  if (await caller.membership()) throw new AppFailure('CONFLICT', ALREADY_MEMBER)
  const [submitted, pending] = await Promise.all([applications.count({ openid: caller.openid }), applications.findOne({ openid: caller.openid, status: 'pending' })])
  if (pending) throw new AppFailure('CONFLICT', ALREADY_PENDING)
  // Counted before the ID number is used, so every try at a number costs an attempt.
  if (!(await takeAttempt(`membership.apply:${caller.openid}`, APPLY_ATTEMPTS))) throw new AppFailure('RATE_LIMITED', TOO_MANY_APPLICATIONS)

  const record: ApplicationRecord = {
    _id: applicationIdFor(caller.openid, submitted + 1),
    openid: caller.openid,
    kind: 'join',
    unionId: union._id,
    fromUnionId: null,
    memberId: null,
    status: 'pending',
    name: input.name,
    idCipher: encrypt(facts.value.idNumber),
    idHash,
    phoneCipher: encrypt(input.phone),
    phoneHash: lookupHash('phone', input.phone),
    birthDate: facts.value.birthDate,
    sex: facts.value.sex,
    employmentType: input.employmentType,
    employer: input.employer || null,
    platform: input.employmentType === 'platform' ? input.platform || null : null,
    occupation: input.occupation,
    district: input.district,
    consentAt: new Date(),
    rejectReason: null,
    createdAt: new Date(),
    decidedAt: null,
    decidedBy: null,
  }
  const hold: OpenApplicationRecord = { _id: openApplicationIdFor(idHash), applicationId: record._id, createdAt: record.createdAt }
  // Holds written under an earlier key (before a rotation) count too; none is written under one any more.
  const idHashes = [...new Set([idHash, ...lookupHashes('idNumber', facts.value.idNumber)])]
  const holdIds = idHashes.map(openApplicationIdFor)
  // An application filed before holds existed (by a version before the upgrade) has none, and still
  // takes its ID number while it is open. One indexed count; the caller's own is refused above.
  if ((await applications.count({ idHash: command().in(idHashes), status: 'pending' })) > 0) {
    throw new AppFailure('CONFLICT', ID_NOT_AVAILABLE, [{ path: 'idNumber', message: ID_NOT_AVAILABLE }])
  }
  let added = await addBoth(record, hold, holdIds)
  if (!added && (await releaseIfDecided(holdIds))) added = await addBoth(record, hold, holdIds)
  if (!added) {
    // A racing submission from the same account took this application id first: that one is the application.
    if (await applications.get(record._id)) throw new AppFailure('CONFLICT', ALREADY_PENDING)
    throw new AppFailure('CONFLICT', ID_NOT_AVAILABLE, [{ path: 'idNumber', message: ID_NOT_AVAILABLE }])
  }
  return applicationView(record)
}

const addBoth = (record: ApplicationRecord, hold: OpenApplicationRecord, holdIds: string[]) =>
  addAllIfAbsent(
    [
      { collection: applications.name, doc: record },
      { collection: openApplications.name, doc: hold },
    ],
    holdIds.map((id) => ({ collection: openApplications.name, id })),
  )

/**
 * Frees an ID number whose open application was decided but not released (the reviewer's call
 * stopped in between); true if it is free now. A hold is removed only if it still names that application.
 */
async function releaseIfDecided(holdIds: string[]): Promise<boolean> {
  for (const holdId of holdIds) {
    const hold = await openApplications.get(holdId)
    if (!hold) continue
    const held = await applications.get(hold.applicationId)
    if (held?.status === 'pending') return false
    await openApplications.removeWhere({ _id: holdId, applicationId: hold.applicationId })
  }
  return true
}
