import type { unionsContract } from '@shared/contract/unions'
import { audit } from '../../_lib/audit'
import { AppFailure } from '../../_lib/failure'
import { members } from '../../_lib/records/members'
import { unions } from '../../_lib/records/unions'
import type { Handlers } from '../../_lib/router'
import { administeredUnion, nodeOf } from '../node'

const activeBelow = (unionId: string) => unions.count({ parentId: unionId, status: 'active' })

/**
 * Retires a union the caller administers. Members, cases, activities and history stay where they
 * are; the union's join code still resolves but says the union takes no one new, and routing and
 * search leave it out. Refused while an active union remains below it (checked again after the
 * write, against a create or move racing it).
 */
export const retire: Handlers<typeof unionsContract>['retire'] = async ({ unionId }, { caller }) => {
  const union = await administeredUnion(caller, unionId, '只能撤销你管理的下级工会')
  if (union.parentId === null) throw new AppFailure('CONFLICT', '根工会不能撤销')
  if (union.status !== 'active') throw new AppFailure('CONFLICT', `「${union.name}」已经撤销`)
  const below = await activeBelow(unionId)
  if (below > 0) throw new AppFailure('CONFLICT', `「${union.name}」下还有 ${below} 个工会，请先撤销或移走它们`)

  const now = new Date()
  if ((await unions.updateWhere({ _id: unionId, status: 'active' }, { status: 'retired', retiredAt: now, updatedAt: now })) !== 1) {
    throw new AppFailure('CONFLICT', `「${union.name}」已经撤销`)
  }
  if ((await activeBelow(unionId)) > 0) {
    await unions.updateWhere({ _id: unionId, status: 'retired' }, { status: 'active', retiredAt: null, updatedAt: now })
    throw new AppFailure('CONFLICT', `「${union.name}」下刚刚新建或移入了工会，请刷新后重试`)
  }
  await audit({
    actorOpenid: caller.openid,
    action: 'unions.retire',
    unionId,
    targetCollection: 'unions',
    targetId: unionId,
    detail: { activeMembers: await members.count({ unionId, status: 'active' }) },
    before: { status: 'active' },
    after: { status: 'retired' },
  })
  return nodeOf({ ...union, status: 'retired', retiredAt: now, updatedAt: now }, true)
}
