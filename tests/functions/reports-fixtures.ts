import type { ActionOutput } from '@shared/contract'
import { chinaDay, daysBetween } from '@shared/rules/china-time'
import { COMPLAINT_CATEGORIES } from '@shared/rules/complaint-categories'
import { COMPLAINT_STATUSES } from '@shared/rules/complaint-status'
import { monthsOf } from '@shared/rules/reports'
import type { LocalCloud } from './harness'

/**
 * The report computed the slow, obvious way: every stored document read and counted in the test,
 * by the definitions docs/administration.md gives, without the rollups, marks or folds the report
 * uses. A report that agrees with this over data with transfers, rejections, resubmissions and
 * cases in every state is exact.
 */

type Overview = ActionOutput<'reports', 'overview'>
type Stored = Record<string, unknown> & { _id: string }

const day = (value: unknown) => chinaDay(value as string)
const inRange = (value: unknown, from: string, to: string) => value !== undefined && value !== null && day(value) >= from && day(value) <= to

function tally(keys: string[]): Map<string, number> {
  const out = new Map<string, number>()
  for (const key of keys) out.set(key, (out.get(key) ?? 0) + 1)
  return out
}

const sortedRows = (counts: Map<string, number>) => [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'zh-CN'))

/** The parts of the overview a direct count can state (everything but names and order of ties). */
export async function directCount(cloud: LocalCloud, scope: string[], from: string, to: string, now = new Date()) {
  const inScope = (unionId: unknown) => scope.includes(unionId as string)
  const [members, applications, complaints, activities, signups] = await Promise.all(
    ['members', 'applications', 'complaints', 'activities', 'signups'].map((name) => cloud.collection<Stored>(name)),
  )
  const today = chinaDay(now)

  const active = members!.filter((m) => m.status === 'active' && inScope(m.unionId))
  const history = (m: Stored) => (m.history as Array<{ unionId: string; to: string }> | undefined) ?? []
  const admitted = members!.filter((m) => m.joinedAt && inScope(history(m)[0]?.unionId ?? m.unionId) && inRange(m.joinedAt, from, to))
  const moves = members!.flatMap((m) => history(m).map((stint, i) => ({ out: stint.unionId, into: history(m)[i + 1]?.unionId ?? (m.unionId as string), day: day(stint.to) })))
  const monthsIn = (rows: Array<{ day: string }>) => tally(rows.filter((row) => row.day >= from && row.day <= to).map((row) => row.day.slice(0, 7)))
  const admittedByMonth = tally(admitted.map((m) => day(m.joinedAt).slice(0, 7)))
  const inByMonth = monthsIn(moves.filter((move) => inScope(move.into)))
  const outByMonth = monthsIn(moves.filter((move) => inScope(move.out)))

  const joins = applications!.filter((a) => a.kind === 'join' && inScope(a.unionId) && inRange(a.createdAt, from, to))
  const decisionDays = joins.filter((a) => a.status !== 'pending' && a.decidedAt).map((a) => daysBetween(day(a.createdAt), day(a.decidedAt))).sort((a, b) => a - b)
  const middle = decisionDays.length / 2
  const median = decisionDays.length === 0 ? null : decisionDays.length % 2 === 1 ? decisionDays[Math.floor(middle)]! : (decisionDays[middle - 1]! + decisionDays[middle]!) / 2

  const cases = complaints!.filter((c) => inScope(c.unionId) && inRange(c.filedAt, from, to))
  const deadlines = (c: Stored) => c.deadlines as { acceptBy: string; resolveBy: string | null }
  const decidedCases = cases
    .map((c) =>
      c.status === 'rejected' && c.closedAt
        ? { at: new Date(c.closedAt as string), due: new Date(deadlines(c).acceptBy) }
        : c.resolvedAt
          ? { at: new Date(c.resolvedAt as string), due: deadlines(c).resolveBy ? new Date(deadlines(c).resolveBy!) : null }
          : null,
    )
    .filter((decision) => decision !== null)
  const ratings = cases.map((c) => (c.rating as { score: number } | null)?.score).filter((score) => score !== undefined)

  const published = activities!.filter((a) => a.status === 'published' && inScope(a.unionId) && inRange(a.startAt, from, to))
  const seats = signups!.filter((s) => (s.status === 'confirmed' || s.status === 'checked_in') && inScope(s.unionId) && inRange(s.activityStartAt, from, to))
  const started = seats.filter((s) => day(s.activityStartAt) < today)
  const checkedIn = started.filter((s) => s.status === 'checked_in').length
  const capacity = published.reduce((sum, a) => sum + (a.capacity as number), 0)
  const onTime = decidedCases.filter((d) => d.due !== null && d.at.getTime() <= d.due.getTime()).length

  return {
    members: {
      current: active.length,
      byUnion: Object.fromEntries(scope.map((unionId) => [unionId, active.filter((m) => m.unionId === unionId).length])),
      byPlatform: sortedRows(tally(active.filter((m) => m.platform).map((m) => m.platform as string))),
      byDistrict: sortedRows(tally(active.map((m) => (m.district as string) || '未填写'))),
      byMonth: monthsOf(from, to).map((month) => ({
        month,
        admitted: admittedByMonth.get(month) ?? 0,
        transferredIn: inByMonth.get(month) ?? 0,
        transferredOut: outByMonth.get(month) ?? 0,
      })),
    },
    funnel: {
      applied: joins.length,
      approved: joins.filter((a) => a.status === 'approved').length,
      rejected: joins.filter((a) => a.status === 'rejected').length,
      pending: joins.filter((a) => a.status === 'pending').length,
      medianDaysToDecision: median,
    },
    complaints: {
      filed: cases.length,
      byCategory: COMPLAINT_CATEGORIES.map((category) => ({ category, count: cases.filter((c) => c.category === category).length })),
      byStatus: COMPLAINT_STATUSES.map((status) => ({ status, count: cases.filter((c) => c.status === status).length })),
      decided: decidedCases.length,
      decidedOnTime: onTime,
      overdueNow: complaints!.filter((c) => inScope(c.unionId) && c.dueAt && new Date(c.dueAt as string).getTime() < now.getTime()).length,
      rated: ratings.length,
      averageRating: ratings.length === 0 ? null : ratings.reduce((sum, score) => sum + score, 0) / ratings.length,
    },
    activities: {
      count: published.length,
      capacity,
      seatsFilled: seats.length,
      startedSeats: started.length,
      checkedIn,
    },
  }
}

/** The same parts of a report, in the shape `directCount` gives. */
export function comparable(report: Overview) {
  return {
    members: {
      current: report.members.current,
      byUnion: Object.fromEntries(report.members.byUnion.map((row) => [row.unionId, row.count])),
      byPlatform: report.members.byPlatform.map((row) => [row.platform, row.count]),
      byDistrict: report.members.byDistrict.map((row) => [row.district, row.count]),
      byMonth: report.members.byMonth,
    },
    funnel: report.funnel,
    complaints: {
      filed: report.complaints.filed,
      byCategory: report.complaints.byCategory,
      byStatus: report.complaints.byStatus,
      decided: report.complaints.decided,
      decidedOnTime: report.complaints.decidedOnTime,
      overdueNow: report.complaints.overdueNow,
      rated: report.complaints.rated,
      averageRating: report.complaints.averageRating,
    },
    activities: {
      count: report.activities.count,
      capacity: report.activities.capacity,
      seatsFilled: report.activities.seatsFilled,
      startedSeats: report.activities.startedSeats,
      checkedIn: report.activities.checkedIn,
    },
  }
}

/** Every union of the seeded tree (emulator/seed/data.ts). */
export const CITY_TREE = ['u-city', 'u-courier', 'u-delivery', 'u-ridehail', 'u-freight', 'u-binjiang', 'u-xihu', 'u-gongshu', 'u-ent-textile', 'u-ent-logistics', 'u-retired']
