/**
 * Filing complaints, end to end through `POST /fn/complaints` on the local cloud (8 instances): 50
 * filed one after another against 50 filed at once, in alternating rounds, each by its own member.
 * Every filing takes the next tracking number of the day (WQyyyymmdd-NNNN) from one counter, so the
 * numbers of a round must be distinct and consecutive. Concurrent filing should finish sooner than
 * sequential filing (issue 17): the ratio concurrent ÷ sequential of each round is printed.
 *
 * With `--baseline <git ref>` that commit's bundles run the same rounds in a second local cloud (its own process),
 * interleaved, so before and after come from one run.
 *
 *   npx tsx bench/complaints.bench.ts [--filings 50] [--rounds 3] [--baseline <git ref>]
 */
import { parseArgs } from 'node:util'
import { parseTrackingNumber } from '../shared/rules/tracking-number'
import { alternatingRounds, median, percentile, serverTiming, startTarget, timed, type Target } from './harness'

type Mode = 'sequential' | 'concurrent'

export interface FilingRound {
  set: string
  round: number
  mode: Mode
  filings: number
  elapsedMs: number
  /** CPU time of the whole local cloud per filing (see `timed`). */
  cpuMsEach: number
  /** Time inside an instance by its own clock (Server-Timing `handler`), without waiting for a free instance. */
  instanceP50: number
  instanceP99: number
  /** What is wrong with the tracking numbers or the filings, if anything. */
  problems: string[]
}

const CASE = {
  category: 'wage_arrears',
  description: '快递站点拖欠我九月、十月两个月的工资，每月应发 4200 元，站长一直推说总部没打款。',
  employer: '示范市某某快递站点',
  amountOwed: '8400.00',
  occurredOn: '2025-01-02',
  attachments: [],
  anonymous: false,
}



/** Distinct and consecutive (unless the round straddled midnight in China, which changes the day). */
function numberProblems(numbers: string[]): string[] {
  const parsed = numbers.map((number) => parseTrackingNumber(number))
  if (parsed.some((number) => number === null)) return [`not tracking numbers: ${numbers.filter((_, i) => !parsed[i]).slice(0, 3).join(', ')}`]
  if (new Set(numbers).size !== numbers.length) return [`${numbers.length - new Set(numbers).size} numbers given twice`]
  const days = new Set(parsed.map((number) => number!.day))
  if (days.size > 1) return []
  const sequence = parsed.map((number) => number!.sequence).sort((a, b) => a - b)
  return sequence[sequence.length - 1]! - sequence[0]! === sequence.length - 1 ? [] : [`numbers ${sequence[0]}…${sequence[sequence.length - 1]} have gaps`]
}

async function round(target: Target, index: number, mode: Mode): Promise<FilingRound> {
  const { cloud, members } = target
  const runs: number[] = []
  const numbers: string[] = []
  const failures: string[] = []
  const file = async (openid: string) => {
    const response = await cloud.call('complaints', 'file', CASE, { openid })
    runs.push(serverTiming(response.headers, 'handler'))
    const reply = response.body as { ok: boolean; data?: { trackingNumber: string }; error?: { code: string; message: string } }
    if (reply.ok) numbers.push(reply.data!.trackingNumber)
    else failures.push(`${reply.error!.code}: ${reply.error!.message}`)
  }
  const { elapsedMs, cpuMsEach } = await timed(members.length, cloud, async () => {
    if (mode === 'sequential') for (const openid of members) await file(openid)
    else await Promise.all(members.map(file))
  })
  const sorted = runs.sort((a, b) => a - b)
  return {
    set: target.set.label,
    round: index,
    mode,
    filings: members.length,
    elapsedMs,
    cpuMsEach,
    instanceP50: percentile(sorted, 50),
    instanceP99: percentile(sorted, 99),
    problems: [...(failures.length > 0 ? [`${failures.length} failed (${failures[0]})`] : []), ...numberProblems(numbers)],
  }
}

/** Runs the benchmark and returns the figures of every round; prints nothing. */
export async function benchFiling(options: { filings?: number; rounds?: number; baseline?: string } = {}): Promise<FilingRound[]> {
  const count = options.filings ?? 50
  return alternatingRounds({ rounds: options.rounds ?? 3, baseline: options.baseline }, (set) => startTarget(set, count, { fn: 'complaints', action: 'file', input: CASE }), [
    (target, i) => round(target, i, 'sequential'),
    (target, i) => round(target, i, 'concurrent'),
  ])
}

export function formatFilingRounds(rounds: FilingRound[]): string {
  const ms = (value: number) => `${value.toFixed(0).padStart(6)} ms`
  const lines = [
    `complaints.file: ${rounds[0]?.filings ?? 0} filings by different members, 8 instances, POST /fn end to end`,
    ...rounds.map(
      (r) =>
        `  ${r.set.padEnd(10)} #${r.round} ${r.mode.padEnd(11)} ${ms(r.elapsedMs)} in all, CPU ${r.cpuMsEach.toFixed(1)} ms a filing   (in an instance: p50 ${ms(r.instanceP50)}, p99 ${ms(r.instanceP99)})` +
        (r.problems.length > 0 ? `   WRONG: ${r.problems.join('; ')}` : ''),
    ),
  ]
  for (const set of [...new Set(rounds.map((r) => r.set))]) {
    const mine = rounds.filter((r) => r.set === set)
    const perRound = mine
      .filter((r) => r.mode === 'concurrent')
      .map((r) => r.elapsedMs / mine.find((s) => s.mode === 'sequential' && s.round === r.round)!.elapsedMs)
    const cpu = mine
      .filter((r) => r.mode === 'concurrent')
      .map((r) => r.cpuMsEach / mine.find((s) => s.mode === 'sequential' && s.round === r.round)!.cpuMsEach)
    lines.push(
      `  ${set}: concurrent ÷ sequential, time ${perRound.map((ratio) => `${ratio.toFixed(2)}×`).join(', ')}, median ${median(perRound).toFixed(2)}× (goal < 1×);` +
        ` CPU a filing ${cpu.map((ratio) => `${ratio.toFixed(2)}×`).join(', ')}, median ${median(cpu).toFixed(2)}×`,
    )
  }
  return lines.join('\n')
}

if (require.main === module) {
  const { values } = parseArgs({ options: { filings: { type: 'string' }, rounds: { type: 'string' }, baseline: { type: 'string' } } })
  benchFiling({ filings: values.filings ? Number(values.filings) : undefined, rounds: values.rounds ? Number(values.rounds) : undefined, baseline: values.baseline })
    .then((rounds) => {
      console.log(formatFilingRounds(rounds))
      // Timing on a shared machine is reported, not enforced; the numbers are.
      const wrong = rounds.filter((r) => r.set === 'this tree' && r.problems.length > 0)
      if (wrong.length > 0) throw new Error(`rounds with wrong tracking numbers: ${wrong.map((r) => `#${r.round} ${r.mode}: ${r.problems.join('; ')}`).join(' | ')}`)
    })
    .catch((error: unknown) => {
      console.error(error)
      process.exit(1)
    })
}
