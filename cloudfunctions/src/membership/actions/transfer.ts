import type { membershipContract } from '@shared/contract/membership'
import { refusalFor } from '@shared/rules/join'
import { AppFailure } from '../../_lib/failure'
import { applicationIdFor, applications, type ApplicationRecord } from '../../_lib/records/applications'
import { unions } from '../../_lib/records/unions'
import type { Handlers } from '../../_lib/router'
import { applicationView } from '../views'
import { ALREADY_PENDING } from './apply'

/**
 * A member asks to move to another union (new job, new city district). The receiving union's staff
 * review it like a join application; the member keeps their number, join date and history.
 */
export const transfer: Handlers<typeof membershipContract>['transfer'] = async (input, { caller }) => {
  // The router admitted only active members, so this is the caller's member document.
  const member = (await caller.membership())!
  const target = await unions.get(input.toUnionId)
  if (!target) throw new AppFailure('NOT_FOUND', '没有找到要转入的工会，请重新选择', [{ path: 'toUnionId', message: '没有找到这个工会' }])
  const refusal = refusalFor(target)
  if (refusal) throw new AppFailure('CONFLICT', refusal, [{ path: 'toUnionId', message: refusal }])
  if (target._id === member.unionId) throw new AppFailure('CONFLICT', '你已是这个工会的会员，无需转会', [{ path: 'toUnionId', message: '请选择另一个工会' }])

  const employmentType = input.employmentType ?? member.employmentType
  // A new kind of work means a new workplace: the old employer or platform is not carried over.
  const keep = employmentType === member.employmentType
  const work = {
    employmentType,
    employer: (input.employer ?? (keep ? member.employer : null)) || null,
    platform: employmentType === 'platform' ? (input.platform ?? (keep ? member.platform : null)) || null : null,
    occupation: input.occupation || member.occupation,
    district: input.district || member.district,
  }
  if (employmentType === 'employee' && !work.employer) throw new AppFailure('INVALID_INPUT', '请填写新的工作单位', [{ path: 'employer', message: '请填写工作单位' }])
  if (employmentType === 'platform' && !work.platform) throw new AppFailure('INVALID_INPUT', '请选择接单平台', [{ path: 'platform', message: '请选择接单平台' }])

  const [submitted, pending] = await Promise.all([applications.count({ openid: caller.openid }), applications.findOne({ openid: caller.openid, status: 'pending' })])
  if (pending) throw new AppFailure('CONFLICT', ALREADY_PENDING)

  const now = new Date()
  const record: ApplicationRecord = {
    _id: applicationIdFor(caller.openid, submitted + 1),
    openid: caller.openid,
    kind: 'transfer',
    unionId: target._id,
    fromUnionId: member.unionId,
    memberId: member._id,
    status: 'pending',
    name: member.name,
    idCipher: member.idCipher,
    idHash: member.idHash,
    phoneCipher: member.phoneCipher,
    phoneHash: member.phoneHash,
    birthDate: member.birthDate,
    sex: member.sex,
    ...work,
    consentAt: now,
    rejectReason: null,
    createdAt: now,
    decidedAt: null,
    decidedBy: null,
  }
  if (!(await applications.addIfAbsent(record))) throw new AppFailure('CONFLICT', ALREADY_PENDING)
  return applicationView(record)
}
