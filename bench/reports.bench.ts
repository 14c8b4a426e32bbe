/**
 * `reports.overview` (数据看板) of the whole city for a year, as its admin asks for it, on two local
 * clouds side by side: one with 100,000 members, 20,000 complaints and 2,000 activities, one with a
 * tenth of each. The report sums per-union rollups, so its time should not grow with the data
 * (issue 11: at most 2× from the small cloud to the large one). Each cloud starts folded: the
 * bench stores the rollups and marks the fold would write, computed by the fold's own rules
 * (contributions.ts, fold.ts), because the fold of 160,000 documents takes too long for a bench on
 * this machine; then `--fold` new members are left to the real timer, and its rate is printed. The
 * rounds alternate between the clouds; the figures are the time inside an instance (Server-Timing
 * `run`), p50 and p99 of each round, and the ratio large ÷ small of the p50s of each round.
 *
 *   npx tsx bench/reports.bench.ts [--members 100000] [--rounds 5] [--calls 20] [--fold 500]
 */
import { parseArgs } from 'node:util'
import { performance } from 'node:perf_hooks'
import { startTestCloud, type TestCloud } from '../emulator/gateway/testing'
import { markIdFor } from '../cloudfunctions/src/_lib/records/reportMarks'
import { COUNTED } from '../cloudfunctions/src/reports/contributions'
import { addEntries, applyDelta, rollupKeyOf, type Deltas } from '../cloudfunctions/src/reports/fold'
import { buildThisTree, median, percentile, serverTiming } from './harness'

/** The seeded unions below (and including) the city federation that take members. */
const UNIONS = ['u-courier', 'u-delivery', 'u-ridehail', 'u-freight', 'u-binjiang', 'u-xihu', 'u-gongshu', 'u-ent-textile', 'u-ent-logistics']
const PLATFORMS = ['美团', '饿了么', '顺丰', '京东', '滴滴', '货拉拉', '']
const DISTRICTS = ['滨江区', '西湖区', '拱墅区', '上城区', '余杭区']
const CATEGORIES = ['wage_arrears', 'labour_contract', 'social_insurance', 'safety_health']
const YEAR_FROM = '2025-01-01'
const YEAR_TO = '2025-12-31'

/** A time on day `i % 365` of 2025, China time, at a varying hour. */
function dayOf2025(i: number, hour = 10): Date {
  return new Date(Date.UTC(2025, 0, 1 + (i % 365), hour - 8, i % 60))
}

/** The documents of a city with `members` members; deterministic, so both clouds hold the same shapes. */
function cityOf(members: number) {
  const complaints = members / 5
  const activities = members / 50
  const pick = <T>(list: readonly T[], i: number) => list[i % list.length]!
  return {
    members: Array.from({ length: members }, (_, i) => ({
      _id: `bench-member-${i}`,
      openid: `bench-m-${i}`,
      unionId: pick(UNIONS, i),
      memberNumber: String(2025_0000_0000 + i),
      name: '压测会员',
      status: i % 20 === 0 ? 'left' : 'active',
      employmentType: i % 3 === 0 ? 'gig' : 'employee',
      platform: i % 3 === 0 ? pick(PLATFORMS, i) : '',
      district: pick(DISTRICTS, i),
      joinedAt: dayOf2025(i),
      history: [],
    })),
    applications: Array.from({ length: complaints }, (_, i) => ({
      _id: `bench-application-${i}`,
      kind: 'join',
      unionId: pick(UNIONS, i),
      status: pick(['approved', 'approved', 'rejected', 'pending'], i),
      createdAt: dayOf2025(i),
      decidedAt: i % 4 === 3 ? null : dayOf2025(i + (i % 7)),
    })),
    complaints: Array.from({ length: complaints }, (_, i) => {
      const filedAt = dayOf2025(i)
      const resolved = i % 3 === 0 ? dayOf2025(i + 10 + (i % 12)) : null
      return {
        _id: `bench-complaint-${i}`,
        unionId: pick(UNIONS, i),
        category: pick(CATEGORIES, i),
        status: resolved ? 'resolved' : pick(['submitted', 'accepted', 'in_progress'], i),
        filedAt,
        deadlines: { acceptBy: dayOf2025(i + 2), resolveBy: dayOf2025(i + 20) },
        dueAt: resolved ? null : dayOf2025(i + 20),
        resolvedAt: resolved,
        closedAt: null,
        rating: resolved && i % 2 === 0 ? { score: 1 + (i % 5) } : null,
      }
    }),
    activities: Array.from({ length: activities }, (_, i) => ({
      _id: `bench-activity-${i}`,
      unionId: pick(UNIONS, i),
      status: 'published',
      startAt: dayOf2025(i * 7, 14),
      capacity: 20,
    })),
    signups: Array.from({ length: activities * 10 }, (_, i) => ({
      _id: `bench-signup-${i}`,
      activityId: `bench-activity-${Math.floor(i / 10)}`,
      unionId: pick(UNIONS, Math.floor(i / 10)),
      status: i % 4 === 0 ? 'confirmed' : 'checked_in',
      activityStartAt: dayOf2025(Math.floor(i / 10) * 7, 14),
    })),
  }
}

interface Scale {
  label: string
  members: number
  cloud: TestCloud
  /** New members folded by the real timer before the rounds, and how long that took. */
  folded: number
  foldSeconds: number
}

/** Runs the reports timer until nothing is left to fold. */
async function foldAll(cloud: TestCloud): Promise<number> {
  let folded = 0
  for (;;) {
    const event = { Type: 'Timer', TriggerName: 'foldRollups', Time: new Date().toISOString() }
    const result = (await cloud.gateway.functions.invoke('reports', event, { openid: null })).value as { ok: boolean; data?: { folded: number; more: boolean }; error?: unknown }
    if (!result.ok) throw new Error(`fold failed: ${JSON.stringify(result.error)}`)
    folded += result.data!.folded
    if (!result.data!.more) return folded
  }
}

/**
 * Stores `docs` as the fold leaves them: each marked folded, its mark, and the rollups they add
 * up to (the same entries and sums the fold's transaction writes).
 */
function storeFolded(cloud: TestCloud, city: Record<string, Array<Record<string, unknown> & { _id: string }>>): void {
  const deltas: Deltas = new Map()
  const marks: object[] = []
  const foldedAt = new Date()
  for (const counted of COUNTED) {
    const docs = city[counted.name] ?? []
    for (const doc of docs) {
      const entries = counted.entries(doc)
      addEntries(deltas, entries, 1)
      if (entries.length > 0) marks.push({ _id: markIdFor(counted.name, doc._id), collection: counted.name, sourceId: doc._id, entries, foldedAt })
    }
    cloud.db.insertDocuments(counted.name, docs.map((doc) => ({ ...doc, rollupPending: false })))
  }
  cloud.db.insertDocuments('reportMarks', marks)
  cloud.db.insertDocuments(
    'reportRollups',
    [...deltas].map(([id, delta]) => ({ _id: id, ...rollupKeyOf(id), counts: applyDelta([], delta), updatedAt: foldedAt })),
  )
}

async function startScale(functionsDir: string, members: number, toFold: number): Promise<Scale> {
  const cloud = await startTestCloud({ functionsDir, seed: true, maxInstances: 8, timeoutMs: 20_000 })
  // The seed's own documents are left pending: the timer folds them with the new members below.
  storeFolded(cloud, cityOf(members))
  cloud.db.insertDocuments('members', cityOf(toFold).members.map((member) => ({ ...member, _id: `${member._id}-new`, openid: `${member.openid}-new` })))
  const started = performance.now()
  const folded = await foldAll(cloud)
  const scale = { label: `${members / 1000}k members`, members, cloud, folded, foldSeconds: (performance.now() - started) / 1000 }
  for (let i = 0; i < 8; i++) await overview(scale)
  return scale
}

async function overview(scale: Scale): Promise<number> {
  const reply = await scale.cloud.call('reports', 'overview', { unionId: 'u-city', from: YEAR_FROM, to: YEAR_TO }, { openid: 'demo-admin' })
  const body = reply.body as { ok: boolean; data?: { members: { current: number } }; error?: unknown }
  if (!body.ok) throw new Error(`overview failed: ${JSON.stringify(body.error)}`)
  return serverTiming(reply.headers, 'handler')
}

export interface ReportRound {
  scale: string
  round: number
  p50: number
  p99: number
}

export async function benchReports(options: { members?: number; rounds?: number; calls?: number; fold?: number } = {}): Promise<{ scales: Scale[]; rounds: ReportRound[] }> {
  const large = options.members ?? 100_000
  const set = await buildThisTree()
  const scales: Scale[] = []
  try {
    for (const members of [large / 10, large]) scales.push(await startScale(set.functionsDir, members, options.fold ?? 500))
    const rounds: ReportRound[] = []
    for (let round = 1; round <= (options.rounds ?? 5); round++) {
      for (const scale of scales) {
        const runs: number[] = []
        for (let i = 0; i < (options.calls ?? 20); i++) runs.push(await overview(scale))
        runs.sort((a, b) => a - b)
        rounds.push({ scale: scale.label, round, p50: percentile(runs, 50), p99: percentile(runs, 99) })
      }
    }
    return { scales, rounds }
  } finally {
    for (const scale of scales) await scale.cloud.close()
    set.remove()
  }
}

function format({ scales, rounds }: Awaited<ReturnType<typeof benchReports>>): string {
  const ms = (value: number) => `${value.toFixed(1).padStart(7)} ms`
  const lines = [
    'reports.overview: u-city (9 unions below it), 2025-01-01 to 2025-12-31, as its admin; time inside an instance',
    ...scales.map((s) => `  ${s.label.padEnd(13)} the timer folded ${s.folded} new documents in ${s.foldSeconds.toFixed(1)} s (${(s.folded / s.foldSeconds).toFixed(0)} a second)`),
    ...rounds.map((r) => `  ${r.scale.padEnd(13)} #${r.round}  p50 ${ms(r.p50)}  p99 ${ms(r.p99)}`),
  ]
  const [small, big] = scales.map((s) => s.label)
  const ratios = rounds.filter((r) => r.scale === big).map((r) => r.p50 / rounds.find((s) => s.scale === small && s.round === r.round)!.p50)
  for (const label of [small, big]) {
    const mine = rounds.filter((r) => r.scale === label)
    lines.push(`  ${label!.padEnd(13)} median over rounds: p50 ${ms(median(mine.map((r) => r.p50)))}  p99 ${ms(median(mine.map((r) => r.p99)))}`)
  }
  lines.push(`  ${big} ÷ ${small}, p50 of each round: ${ratios.map((r) => `${r.toFixed(2)}×`).join(', ')}; median ${median(ratios).toFixed(2)}× (goal ≤ 2×)`)
  return lines.join('\n')
}

if (require.main === module) {
  const { values } = parseArgs({ options: { members: { type: 'string' }, rounds: { type: 'string' }, calls: { type: 'string' }, fold: { type: 'string' } } })
  benchReports({ members: values.members ? Number(values.members) : undefined, rounds: values.rounds ? Number(values.rounds) : undefined, calls: values.calls ? Number(values.calls) : undefined, fold: values.fold ? Number(values.fold) : undefined })
    .then((result) => console.log(format(result)))
    .catch((error: unknown) => {
      console.error(error)
      process.exitCode = 1
    })
}
