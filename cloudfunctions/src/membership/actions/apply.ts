import type { membershipContract } from '@shared/contract/membership'
import { checkIdNumber } from '@shared/rules/id-number'
import { refusalFor } from '@shared/rules/join'
import { command } from '../../_lib/db'
import { AppFailure } from '../../_lib/failure'
import { encrypt, lookupHash, lookupHashes } from '../../_lib/personal-data'
import { applicationIdFor, applications, type ApplicationRecord } from '../../_lib/records/applications'
import { members } from '../../_lib/records/members'
import { unions } from '../../_lib/records/unions'
import type { Handlers } from '../../_lib/router'
import { applicationView } from '../views'

export const ALREADY_MEMBER = '你已是工会会员，如需更换工会请在“我的 → 入会与会籍”中申请转会'
export const ID_ALREADY_MEMBER = '该身份证号已是工会会员，不能重复入会；如需更换工会，请用入会时的微信申请转会'
export const ALREADY_PENDING = '你已有一份入会申请正在审核，请等待审核结果'
const ID_PENDING = '该身份证号已有一份入会申请正在审核，请等待审核结果'

/** Files a join application: checks the union, one membership per ID, one open application per person. */
export const apply: Handlers<typeof membershipContract>['apply'] = async (input, { caller }) => {
  const union = await unions.get(input.unionId)
  if (!union) throw new AppFailure('NOT_FOUND', '没有找到要加入的工会，请重新选择', [{ path: 'unionId', message: '没有找到这个工会' }])
  const refusal = refusalFor(union)
  if (refusal) throw new AppFailure('CONFLICT', refusal, [{ path: 'unionId', message: refusal }])

  const facts = checkIdNumber(input.idNumber)
  if (!facts.ok) throw new Error('an ID number passed the contract but not the rule')
  const idHash = lookupHash('idNumber', facts.value.idNumber)
  // While a key rotation runs, records not yet re-sealed carry an older key's hash.
  const sameId = command().in(lookupHashes('idNumber', facts.value.idNumber))

  if (await caller.membership()) throw new AppFailure('CONFLICT', ALREADY_MEMBER)
  if (await members.findOne({ idHash: sameId, status: 'active' })) throw new AppFailure('CONFLICT', ID_ALREADY_MEMBER, [{ path: 'idNumber', message: ID_ALREADY_MEMBER }])

  const [submitted, pending] = await Promise.all([applications.count({ openid: caller.openid }), applications.findOne({ openid: caller.openid, status: 'pending' })])
  if (pending) throw new AppFailure('CONFLICT', ALREADY_PENDING)
  if (await applications.findOne({ idHash: sameId, status: 'pending' })) throw new AppFailure('CONFLICT', ID_PENDING, [{ path: 'idNumber', message: ID_PENDING }])

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
  // A racing submission from the same account took this id first: that one is the application.
  if (!(await applications.addIfAbsent(record))) throw new AppFailure('CONFLICT', ALREADY_PENDING)
  return applicationView(record)
}
