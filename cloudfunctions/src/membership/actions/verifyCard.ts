import type { membershipContract } from '@shared/contract/membership'
import { audit } from '../../_lib/audit'
import { verifyCardCode } from '../../_lib/member-card'
import { members } from '../../_lib/records/members'
import type { Handlers } from '../../_lib/router'
import { unionNames } from '../../_lib/union-tree'

const EXPIRED = '会员码无效或已过期（截图不能使用），请会员打开“我的”出示实时会员码'

/** Checks a member card's rotating code; any staff member may check it, and each check is audited. */
export const verifyCard: Handlers<typeof membershipContract>['verifyCard'] = async ({ code }, { caller }) => {
  const memberId = verifyCardCode(code, new Date())
  if (!memberId) return { valid: false, reason: EXPIRED, member: null }
  const member = await members.get(memberId)
  if (!member || member.status !== 'active') return { valid: false, reason: '该会员的会籍已失效', member: null }
  await audit({
    actorOpenid: caller.openid,
    action: 'membership.verifyCard',
    unionId: member.unionId,
    targetCollection: 'members',
    targetId: member._id,
    detail: { memberNumber: member.memberNumber },
  })
  const unionName = (await unionNames([member.unionId])).get(member.unionId) ?? ''
  return { valid: true, reason: null, member: { name: member.name, unionName, memberNumber: member.memberNumber, joinedAt: new Date(member.joinedAt).toISOString() } }
}
