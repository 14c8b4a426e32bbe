import type { staffContract } from '@shared/contract/staff'
import { endOfChinaDay, startOfChinaDay } from '@shared/rules/china-time'
import { command, type Where } from '../../_lib/db'
import { auditLog as entries } from '../../_lib/records/auditLog'
import { staff } from '../../_lib/records/staff'
import { unions } from '../../_lib/records/unions'
import type { Handlers } from '../../_lib/router'
import { unionNames } from '../../_lib/union-tree'
import { auditEntryView } from '../audit-view'
import { administeredScope } from '../scope'

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * The audit log of the unions the caller administers, newest first. Entries that belong to no union
 * (the holiday calendar every union's deadlines use) are shown to admins of a root union only.
 */
export const auditLog: Handlers<typeof staffContract>['auditLog'] = async ({ unionId, actorId, action, from, to, page, pageSize }, { caller }) => {
  const _ = command()
  const scope: Array<string | null> = await administeredScope(caller, unionId)
  if (unionId === undefined) {
    const adminOf = (await caller.staffRoles()).filter((role) => role.role === 'admin').map((role) => role.unionId)
    const roots = await unions.find({ _id: _.in(adminOf), parentId: null }, { limit: 1, fields: { _id: true } })
    if (roots.length > 0) scope.push(null)
  }
  const where: Where = { unionId: _.in(scope) }
  if (actorId) where.actorId = actorId
  if (action) where.action = new RegExp(`^${escapeRegExp(action)}(\\.|$)`)
  if (from && to) where.at = _.and(_.gte(startOfChinaDay(from)), _.lte(endOfChinaDay(to)))
  else if (from) where.at = _.gte(startOfChinaDay(from))
  else if (to) where.at = _.lte(endOfChinaDay(to))

  const [total, found] = await Promise.all([
    entries.count(where),
    entries.find(where, { orderBy: [['at', 'desc']], skip: (page - 1) * pageSize, limit: pageSize }),
  ])
  const names = await unionNames(found.flatMap((entry) => (entry.unionId ? [entry.unionId] : [])))
  // Entries written before names were kept with them: the actor's name from their staff records.
  const unnamed = [...new Set(found.filter((entry) => !entry.actorName).map((entry) => entry.actorOpenid))]
  const people = unnamed.length === 0 ? [] : await staff.find({ openid: _.in(unnamed) }, { limit: 1000, fields: { openid: true, name: true } })
  const nameOf = new Map(people.map((person) => [person.openid, person.name]))
  return {
    items: found.map((entry) =>
      auditEntryView(entry, entry.unionId ? (names.get(entry.unionId) ?? null) : null, entry.actorName ?? nameOf.get(entry.actorOpenid) ?? '工作人员'),
    ),
    page,
    pageSize,
    total,
  }
}
