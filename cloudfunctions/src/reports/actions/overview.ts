import type { ReportOverview, reportsContract } from '@shared/contract/reports'
import { chinaDay, type Day } from '@shared/rules/china-time'
import { COMPLAINT_CATEGORIES } from '@shared/rules/complaint-categories'
import { COMPLAINT_STATUSES } from '@shared/rules/complaint-status'
import { monthsOf, periodsOf } from '@shared/rules/reports'
import { command } from '../../_lib/db'
import { AppFailure } from '../../_lib/failure'
import { complaints } from '../../_lib/records/complaints'
import { unions } from '../../_lib/records/unions'
import type { Handlers } from '../../_lib/router'
import { descendantIds, unionNames } from '../../_lib/union-tree'
import { KEYS } from '../contributions'
import { countsFor, type Counts, type Span } from '../counts'

const share = (part: number, whole: number) => (whole > 0 ? part / whole : null)

/** Keys with a prefix, as rows sorted by count (largest first), then by name. */
function rowsWithPrefix(counts: Counts, prefix: string): Array<[string, number]> {
  return [...counts]
    .filter(([key, n]) => key.startsWith(prefix) && n !== 0)
    .map(([key, n]): [string, number] => [key.slice(prefix.length), n])
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'zh-CN'))
}

/** The median of a histogram of whole days (`funnel.days:<n>` → how many). */
function medianDays(counts: Counts): number | null {
  const histogram = rowsWithPrefix(counts, 'funnel.days:')
    .map(([days, n]): [number, number] => [Number(days), n])
    .sort((a, b) => a[0] - b[0])
  const total = histogram.reduce((sum, [, n]) => sum + n, 0)
  if (total === 0) return null
  // The values at 1-based positions ⌈total/2⌉ and ⌊total/2⌋+1: the same one when total is odd.
  const valueAt = (position: number) => {
    let seen = 0
    for (const [days, n] of histogram) {
      seen += n
      if (seen >= position) return days
    }
    return histogram[histogram.length - 1]![0]
  }
  return (valueAt(Math.ceil(total / 2)) + valueAt(Math.floor(total / 2) + 1)) / 2
}

/** Cases in these unions past the deadline of their current step right now. */
async function overdueNow(unionIds: readonly string[], now: Date): Promise<number> {
  const _ = command()
  let total = 0
  for (let i = 0; i < unionIds.length; i += 100) {
    total += await complaints.count({ unionId: _.in(unionIds.slice(i, i + 100)), dueAt: _.lt(now) })
  }
  return total
}

/**
 * 数据看板: members, the join funnel, complaints and activities of a union the caller serves, over
 * China days `from`–`to`. An admin of the union (or of one above it) sees the union and all below;
 * other staff see their union alone. Everything is summed from the report rollups by the database
 * (counts.ts); nothing here reads members, applications or cases one by one.
 */
export const overview: Handlers<typeof reportsContract>['overview'] = async ({ unionId, from, to }, { caller }) => {
  const union = await unions.get(unionId)
  if (!union) throw new AppFailure('NOT_FOUND', '没有找到这个工会', [{ path: 'unionId', message: '没有找到这个工会' }])
  if (!(await caller.servesUnion(unionId))) throw new AppFailure('FORBIDDEN', '只能查看你所服务工会的数据')

  // An admin of this union or of one above it sees everything below; the one serves-union rule, as admin.
  const subtree = await caller.servesUnion(unionId, { as: 'admin' })
  const scope = subtree ? [unionId, ...(await descendantIds([unionId]))] : [unionId]
  const now = new Date()
  const today: Day = chinaDay(now)
  const whole: Span = { periods: periodsOf(from, to), includesNow: true, from, to }
  // The part of the range from today on: activities there have not started, so they have no check-ins yet.
  const ahead: Span | null = to < today ? null : { periods: periodsOf(from > today ? from : today, to), includesNow: false, from: from > today ? from : today, to }
  const [spanCounts, names, overdue] = await Promise.all([
    countsFor(scope, ahead ? [whole, ahead] : [whole]),
    unionNames(scope),
    overdueNow(scope, now),
  ])
  const counts = spanCounts[0]!
  const upcoming = spanCounts[1] ?? new Map<string, number>()
  const n = (key: string) => counts.get(key) ?? 0

  const seated = n(KEYS.seated)
  const startedSeats = seated - (upcoming.get(KEYS.seated) ?? 0)
  const checkedIn = n(KEYS.checkedIn) - (upcoming.get(KEYS.checkedIn) ?? 0)
  const decided = n(KEYS.decided)
  const rated = n(KEYS.rated)
  const byUnion = scope
    .map((id) => ({ unionId: id, name: names.get(id) ?? id, count: n(KEYS.memberOfUnion(id)) }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'zh-CN'))

  const report: ReportOverview = {
    unionId,
    unionName: union.name,
    scope: subtree ? 'subtree' : 'union',
    from,
    to,
    members: {
      current: byUnion.reduce((sum, row) => sum + row.count, 0),
      byUnion,
      byPlatform: rowsWithPrefix(counts, KEYS.memberPlatform('')).map(([platform, count]) => ({ platform, count })),
      byDistrict: rowsWithPrefix(counts, KEYS.memberDistrict('')).map(([district, count]) => ({ district, count })),
      byEmploymentType: rowsWithPrefix(counts, KEYS.memberEmployment('')).map(([employmentType, count]) => ({ employmentType, count })),
      byMonth: monthsOf(from, to).map((month) => ({
        month,
        admitted: n(KEYS.admitted(month)),
        transferredIn: n(KEYS.transferredIn(month)),
        transferredOut: n(KEYS.transferredOut(month)),
      })),
    },
    funnel: {
      applied: n(KEYS.applied),
      approved: n(KEYS.applicationStatus('approved')),
      rejected: n(KEYS.applicationStatus('rejected')),
      pending: n(KEYS.applicationStatus('pending')),
      medianDaysToDecision: medianDays(counts),
    },
    complaints: {
      filed: n(KEYS.filed),
      byCategory: COMPLAINT_CATEGORIES.map((category) => ({ category, count: n(KEYS.category(category)) })),
      byStatus: COMPLAINT_STATUSES.map((status) => ({ status, count: n(KEYS.complaintStatus(status)) })),
      decided,
      decidedOnTime: n(KEYS.decidedOnTime),
      onTimeShare: share(n(KEYS.decidedOnTime), decided),
      overdueNow: overdue,
      rated,
      averageRating: rated > 0 ? n(KEYS.ratingSum) / rated : null,
    },
    activities: {
      count: n(KEYS.activities),
      capacity: n(KEYS.capacity),
      seatsFilled: seated,
      fillShare: share(seated, n(KEYS.capacity)),
      startedSeats,
      checkedIn,
      checkInShare: share(checkedIn, startedSeats),
    },
  }
  return report
}
