import type { complaintsContract } from '@shared/contract/complaints'
import { command } from '../../_lib/db'
import { holidays as holidayList } from '../../_lib/records/holidays'
import type { Handlers } from '../../_lib/router'

/** The holiday list of a year, in date order. */
export const holidays: Handlers<typeof complaintsContract>['holidays'] = async ({ year }) => {
  const _ = command()
  const entries = await holidayList.find(
    { date: _.and(_.gte(`${year}-01-01`), _.lte(`${year}-12-31`)) },
    { orderBy: [['date', 'asc']], limit: 366, fields: { date: true, kind: true, name: true } },
  )
  return { items: entries.map(({ date, kind, name }) => ({ date, kind, name })) }
}
