import type { complaintsContract } from '@shared/contract/complaints'
import { NATIONAL_HOLIDAYS_SOURCE } from '@shared/rules/national-holidays'
import { isNationalYearKnown, nationalEntries, type CalendarEntry } from '@shared/rules/work-calendar'
import { command } from '../../_lib/db'
import { holidays as holidayList } from '../../_lib/records/holidays'
import type { Handlers } from '../../_lib/router'
import { rootUnionFor } from '../roots'

/** A root union's calendar of a year: the national arrangements, with its own entries in their place where it has any. */
export const holidays: Handlers<typeof complaintsContract>['holidays'] = async ({ year, unionId }, { caller }) => {
  const { root, editable } = await rootUnionFor(caller, unionId)
  const _ = command()
  const local = await holidayList.find(
    { rootUnionId: root._id, date: _.and(_.gte(`${year}-01-01`), _.lte(`${year}-12-31`)) },
    { orderBy: [['date', 'asc']], limit: 366, fields: { date: true, kind: true, name: true } },
  )
  const days = new Map<string, CalendarEntry & { source: 'national' | 'local' }>(nationalEntries(year).map((entry) => [entry.date, { ...entry, source: 'national' }]))
  for (const { date, kind, name } of local) days.set(date, { date, kind, name, source: 'local' })
  return {
    union: { unionId: root._id, name: root.name },
    year,
    nationalKnown: isNationalYearKnown(year),
    source: NATIONAL_HOLIDAYS_SOURCE,
    items: [...days.values()].sort((a, b) => a.date.localeCompare(b.date)),
    editable,
  }
}
