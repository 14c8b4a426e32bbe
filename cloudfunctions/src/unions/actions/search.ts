import type { unionsContract } from '@shared/contract/unions'
import { command } from '../../_lib/db'
import { unions } from '../../_lib/records/unions'
import type { Handlers } from '../../_lib/router'
import { summarise } from '../summary'

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Unions that take applications whose name contains the keyword. */
export const search: Handlers<typeof unionsContract>['search'] = async ({ keyword, page, pageSize }) => {
  const where = {
    name: new RegExp(escapeRegExp(keyword)),
    status: 'active',
    kind: command().in(['sector', 'district', 'enterprise']),
  }
  const [total, found] = await Promise.all([
    unions.count(where),
    unions.find(where, { orderBy: [['name', 'asc']], skip: (page - 1) * pageSize, limit: pageSize }),
  ])
  return { items: await summarise(found), page, pageSize, total }
}
