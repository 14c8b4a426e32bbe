/**
 * Sign-up throughput and latency at 500 concurrent members, end to end through `POST /fn/activities`
 * on the local cloud (8 instances, as the cloud would scale them): a first-come activity with 50
 * seats (450 go to the waitlist, the contended path) and a lottery (500 entries, uncontended).
 * The bundle is a private copy, so a rebuild by someone else mid-run cannot disturb it.
 *
 *   npx tsx bench/signup.bench.ts [--members 500] [--seats 50] [--rounds 2]
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { startTestCloud, type TestCloud } from '../emulator/gateway/testing'
import { buildFunctions } from '../scripts/build-functions'

const root = path.resolve(__dirname, '..')
const HOUR = 3600_000

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!
}

export interface SignupRound {
  allocation: 'first_come' | 'lottery'
  members: number
  seats: number
  elapsedMs: number
  perSecond: number
  p50: number
  p99: number
  max: number
  /** Time inside an instance (the Server-Timing `run`), without waiting for a free instance. */
  runP50: number
  runP99: number
  outcomes: Record<string, number>
}

async function publish(cloud: TestCloud, allocation: 'first_come' | 'lottery', seats: number): Promise<string> {
  const at = (hours: number) => new Date(Date.now() + hours * HOUR).toISOString()
  const input = {
    unionId: 'u-courier',
    title: allocation === 'lottery' ? '压测：音乐会门票抽签' : '压测：防暑降温慰问',
    category: allocation === 'lottery' ? 'tickets' : 'care',
    description: '性能测试用活动。',
    place: '快递员爱心驿站',
    startAt: at(48),
    endAt: at(50),
    signupOpensAt: at(-1),
    signupClosesAt: at(24),
    cancelCutoffAt: at(30),
    capacity: seats,
    membersOnly: false,
    allocation,
    coverFileId: null,
  }
  const saved = (await cloud.call('activities', 'save', input, { openid: 'demo-staff' })).body as { ok: boolean; data: { activityId: string } }
  if (!saved.ok) throw new Error(`save failed: ${JSON.stringify(saved)}`)
  await cloud.call('activities', 'publish', { activityId: saved.data.activityId }, { openid: 'demo-staff' })
  return saved.data.activityId
}

async function round(cloud: TestCloud, allocation: 'first_come' | 'lottery', members: string[], seats: number): Promise<SignupRound> {
  const activityId = await publish(cloud, allocation, seats)
  const latencies: number[] = []
  const runs: number[] = []
  const outcomes: Record<string, number> = {}
  const started = performance.now()
  await Promise.all(
    members.map(async (openid) => {
      const t = performance.now()
      const response = await cloud.call('activities', 'signUp', { activityId }, { openid })
      latencies.push(performance.now() - t)
      runs.push(Number(/run;dur=([\d.]+)/.exec(response.headers.get('server-timing') ?? '')?.[1] ?? NaN))
      const reply = response.body as { ok: boolean; data?: { status: string }; error?: { code: string } }
      const outcome = reply.ok ? reply.data!.status : reply.error!.code
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1
    }),
  )
  const elapsedMs = performance.now() - started
  const sorted = latencies.sort((a, b) => a - b)
  const runSorted = runs.sort((a, b) => a - b)
  return {
    allocation,
    members: members.length,
    seats,
    elapsedMs,
    perSecond: (members.length / elapsedMs) * 1000,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1]!,
    runP50: percentile(runSorted, 50),
    runP99: percentile(runSorted, 99),
    outcomes,
  }
}

/** Runs the benchmark and returns the figures; prints nothing. */
export async function benchSignup(options: { members?: number; seats?: number; rounds?: number } = {}): Promise<SignupRound[]> {
  const count = options.members ?? 500
  const seats = options.seats ?? 50
  if (!existsSync(path.join(root, 'cloudfunctions', 'dist', 'activities', 'index.js'))) await buildFunctions()
  const functionsDir = mkdtempSync(path.join(os.tmpdir(), 'uh-bench-signup-'))
  cpSync(path.join(root, 'cloudfunctions', 'dist', 'activities'), path.join(functionsDir, 'activities'), { recursive: true })
  mkdirSync(path.join(functionsDir, 'activities', 'node_modules'))
  symlinkSync(path.join(root, 'node_modules', 'wx-server-sdk'), path.join(functionsDir, 'activities', 'node_modules', 'wx-server-sdk'), 'dir')

  const cloud = await startTestCloud({ functionsDir, seed: true, maxInstances: 8, timeoutMs: 20_000 })
  try {
    const joined = new Date('2025-03-01T09:00:00+08:00')
    const members = Array.from({ length: count }, (_, i) => `bench-m-${i + 1}`)
    cloud.db.insertDocuments(
      'members',
      members.map((openid, i) => ({ _id: `bench-member-${i + 1}`, openid, unionId: 'u-courier', memberNumber: String(2025_0000_0000 + i), name: '压测会员', status: 'active', joinedAt: joined })),
    )
    // Sign-in cookies and warm instances first: the figures are for sign-up, not for start-up.
    for (const openid of members) await cloud.cookieFor(openid)
    await Promise.all(Array.from({ length: 16 }, () => cloud.call('activities', 'list', {}, { openid: members[0] })))

    const rounds: SignupRound[] = []
    for (let i = 0; i < (options.rounds ?? 2); i++) rounds.push(await round(cloud, 'first_come', members, seats))
    rounds.push(await round(cloud, 'lottery', members, seats))
    return rounds
  } finally {
    await cloud.close()
    rmSync(functionsDir, { recursive: true, force: true })
  }
}

export function formatSignupRounds(rounds: SignupRound[]): string {
  const ms = (value: number) => `${value.toFixed(0).padStart(6)} ms`
  return [
    `activities.signUp: ${rounds[0]?.members ?? 0} members at once, 8 instances, POST /fn end to end`,
    ...rounds.map(
      (r) =>
        `  ${(r.allocation === 'lottery' ? `lottery entry` : `first come, ${r.seats} seats`).padEnd(22)} ${r.perSecond.toFixed(1).padStart(6)} sign-ups/s` +
        `   p50 ${ms(r.p50)}   p99 ${ms(r.p99)}   (in an instance: p50 ${ms(r.runP50)}, p99 ${ms(r.runP99)})   ${JSON.stringify(r.outcomes)}`,
    ),
  ].join('\n')
}

if (require.main === module) {
  const { values } = parseArgs({ options: { members: { type: 'string' }, seats: { type: 'string' }, rounds: { type: 'string' } } })
  benchSignup({
    members: values.members ? Number(values.members) : undefined,
    seats: values.seats ? Number(values.seats) : undefined,
    rounds: values.rounds ? Number(values.rounds) : undefined,
  })
    .then((rounds) => {
      console.log(formatSignupRounds(rounds))
      const firstCome = rounds.filter((r) => r.allocation === 'first_come')
      const wrong = firstCome.find((r) => r.outcomes.confirmed !== r.seats || r.outcomes.waitlisted !== r.members - r.seats)
      if (wrong) throw new Error(`a round did not end with exactly ${wrong.seats} confirmed: ${JSON.stringify(wrong.outcomes)}`)
    })
    .catch((error: unknown) => {
      console.error(error)
      process.exit(1)
    })
}
