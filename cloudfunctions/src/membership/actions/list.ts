import type { membershipContract } from '@shared/contract/membership'
import { command, type Where } from '../../_lib/db'
import { AppFailure } from '../../_lib/failure'
import { applications } from '../../_lib/records/applications'
import type { Handlers } from '../../_lib/router'
import { applicationViews } from '../views'

/** Applications to the unions the caller serves (or to one of them), newest first, ID and phone masked. */
export const list: Handlers<typeof membershipContract>['list'] = async ({ status, unionId, page, pageSize }, { caller }) => {
  let unionIds: string[]
  if (unionId) {
    if (!(await caller.servesUnion(unionId))) throw new AppFailure('FORBIDDEN', '只能查看你所服务工会的入会申请')
    unionIds = [unionId]
  } else {
    unionIds = await caller.servedUnionIds()
  }
  const where: Where = { unionId: command().in(unionIds), ...(status ? { status } : {}) }
  const [total, records] = await Promise.all([
    applications.count(where),
    applications.find(where, { orderBy: [['createdAt', 'desc']], skip: (page - 1) * pageSize, limit: pageSize }),
  ])
  return { items: await applicationViews(records), page, pageSize, total }
}
