import type { CloudDatabase } from '../../emulator/db'
import { addPeople, memberOpenid, publishActivity, storedActivity, storedSignups, type StoredActivity, type StoredSignup } from './activities-fixtures'
import { expectOk, startLocalCloud, type LocalCloud } from './harness'

/**
 * The Must-show concurrency cases, through real function instances (8, each serving one call at a
 * time as a cloud instance does) against the local cloud database.
 */

const SEAT_STATUSES = ['confirmed', 'checked_in']

/**
 * The activity and its sign-ups read in one synchronous stretch of the process that runs the
 * database, so no write can fall between the two reads: a true snapshot.
 */
function snapshot(db: CloudDatabase, activityId: string): { activity: StoredActivity; signups: StoredSignup[] } {
  const activity = (db.readCollection('activities') as StoredActivity[]).find((doc) => doc._id === activityId)!
  const signups = (db.readCollection('signups') as StoredSignup[]).filter((doc) => doc.activityId === activityId)
  return { activity, signups }
}

/**
 * confirmed ≤ capacity, and never more people holding a seat than seats counted. Both numbers are
 * read in one synchronous stretch of the process that runs the database (the activity document, and
 * an index-only count through the same dispatch the SDK's requests reach), so no write can fall
 * between them: a true snapshot, cheap enough to take every few milliseconds.
 */
function seatViolations(db: CloudDatabase, activityId: string): string[] {
  const activity = (db.readCollection('activities') as StoredActivity[]).find((doc) => doc._id === activityId)!
  const reply = db.dispatch({
    action: 'database.calculateDocument',
    collectionName: 'signups',
    queryType: 'WHERE',
    query: JSON.stringify({ activityId, status: { $in: SEAT_STATUSES } }),
  }) as { data: { total: number } }
  const holders = reply.data.total
  const problems: string[] = []
  if (activity.confirmedCount > activity.capacity) problems.push(`confirmedCount ${activity.confirmedCount} > capacity ${activity.capacity}`)
  if (holders > activity.confirmedCount) problems.push(`${holders} seat holders > confirmedCount ${activity.confirmedCount}`)
  return problems
}

/** Samples the invariant every few milliseconds while `run` goes on; resolves what it saw. */
async function watched<T>(db: CloudDatabase, activityId: string, run: () => Promise<T>): Promise<{ result: T; samples: number; violations: string[] }> {
  const violations: string[] = []
  let samples = 0
  const timer = setInterval(() => {
    samples += 1
    violations.push(...seatViolations(db, activityId))
  }, 10)
  try {
    return { result: await run(), samples, violations }
  } finally {
    clearInterval(timer)
  }
}

const statusOf = (result: { ok: boolean; data?: unknown; error?: { code: string; message: string } }) =>
  result.ok ? (result.data as { status: string }).status : `${result.error!.code}: ${result.error!.message}`

function tally(values: string[]): Record<string, number> {
  return values.reduce<Record<string, number>>((counts, value) => ({ ...counts, [value]: (counts[value] ?? 0) + 1 }), {})
}

/** Where a first-come sign-up stands in line: the database's clock when it joined, then its id. */
function lineKey(signup: StoredSignup): string {
  return `${signup.waitlistedAt}|${signup._id}`
}

function inLineOrder(signups: StoredSignup[]): StoredSignup[] {
  return [...signups].sort((a, b) => (lineKey(a) < lineKey(b) ? -1 : lineKey(a) > lineKey(b) ? 1 : 0))
}

/** A fixed shuffle (LCG), so a failing order can be replayed. */
function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items]
  let state = seed
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2 ** 31
    const j = state % (i + 1)
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}

describe('sign-up under real concurrency on the local cloud', () => {
  let cloud: LocalCloud
  let db: CloudDatabase
  beforeAll(async () => {
    // 8 instances, as the cloud would scale them. The time limit is the 20 s docs/activities.md asks
    // for when deploying: the cloud's default 3 s measures this shared 2-core machine, not the algorithm.
    cloud = await startLocalCloud({ maxInstances: 8, timeoutMs: 20_000 })
    db = cloud.cloud.db
    await addPeople(cloud, 600)
  }, 60_000)
  afterAll(() => cloud.close())

  it('500 members at once for 50 seats: exactly 50 confirmed, 450 in line in arrival order, no duplicates', async () => {
    const activityId = await publishActivity(cloud, { capacity: 50 })
    const started = Date.now()
    const { result: results, samples, violations } = await watched(db, activityId, () =>
      Promise.all(Array.from({ length: 500 }, (_, i) => cloud.call('activities', 'signUp', { activityId }, { as: memberOpenid(i + 1) }))),
    )
    const elapsed = Date.now() - started

    expect(tally(results.map(statusOf))).toEqual({ confirmed: 50, waitlisted: 450 })
    expect(violations).toEqual([])
    expect(await storedActivity(cloud, activityId)).toMatchObject({ capacity: 50, confirmedCount: 50, lineOpen: true, promotion: null })

    const signups = await storedSignups(cloud, activityId)
    expect(signups).toHaveLength(500)
    expect(new Set(signups.map((signup) => signup.openid)).size).toBe(500)
    expect(signups.filter((signup) => signup.status === 'confirmed').every((signup) => signup.waitlistedAt === null)).toBe(true)

    // The line, in its order: each person was told, the moment they joined, exactly the place they
    // hold now. So nobody ever appeared ahead of someone already waiting: arrival order.
    const line = inLineOrder(signups.filter((signup) => signup.status === 'waitlisted'))
    const told = new Map(results.map((result, i) => [memberOpenid(i + 1), result.ok ? result.data.waitlistPosition : null]))
    expect(line.map((signup) => told.get(signup.openid))).toEqual(Array.from({ length: 450 }, (_, i) => i + 1))

    // Each person's place as the detail page shows it is their place in that order.
    for (const place of [1, 2, 225, 450]) {
      const person = line[place - 1]!
      const detail = await cloud.call('activities', 'get', { activityId }, { as: person.openid })
      expect(detail.ok && detail.data).toMatchObject({ waitlistCount: 450, mySignup: { status: 'waitlisted', waitlistPosition: place } })
    }
    console.log(`500 concurrent activities.signUp for 50 seats on 8 instances: ${elapsed} ms (${Math.round((500 / elapsed) * 1000)}/s), invariant sampled ${samples} times`)
  }, 120_000)

  it('the same member signing up 20 times at once gets one sign-up', async () => {
    const activityId = await publishActivity(cloud, { capacity: 5 })
    const member = memberOpenid(501)
    const results = await Promise.all(Array.from({ length: 20 }, () => cloud.call('activities', 'signUp', { activityId }, { as: member })))
    const outcomes = tally(results.map(statusOf))
    expect(outcomes.confirmed).toBe(1)
    expect(Object.keys(outcomes).filter((key) => key !== 'confirmed').every((key) => key.startsWith('CONFLICT'))).toBe(true)
    expect(await storedSignups(cloud, activityId)).toHaveLength(1)
    expect(await storedActivity(cloud, activityId)).toMatchObject({ confirmedCount: 1, lineOpen: false })
  })

  it('100 cancellations and promotions interleaved with 100 new sign-ups: confirmed never above capacity, waitlist order kept', async () => {
    const capacity = 50
    const activityId = await publishActivity(cloud, { capacity })
    // 200 people in: 50 seats, 150 waiting (in waves, so that the waitlist order is the members' order).
    for (let wave = 0; wave < 4; wave++) {
      await Promise.all(Array.from({ length: 50 }, (_, i) => cloud.call('activities', 'signUp', { activityId }, { as: memberOpenid(wave * 50 + i + 1) })))
    }
    const before = await storedSignups(cloud, activityId)
    expect(before.filter((signup) => signup.status === 'confirmed')).toHaveLength(50)
    // Each wave joined after the one before had its answers: the line holds them wave by wave.
    const waveOf = (openid: string) => Math.floor((Number(openid.slice(-4)) - 1) / 50)
    expect(inLineOrder(before.filter((signup) => signup.status === 'waitlisted')).map((signup) => waveOf(signup.openid))).toEqual([
      ...Array(50).fill(1),
      ...Array(50).fill(2),
      ...Array(50).fill(3),
    ])

    // 60 seat holders and 40 waiting people cancel, while members 201–300 sign up, in one shuffled stream.
    const holders = shuffled(before.filter((signup) => signup.status === 'confirmed').map((signup) => signup.openid), 7)
    const waiting = shuffled(before.filter((signup) => signup.status === 'waitlisted').map((signup) => signup.openid), 11)
    const operations = shuffled(
      [
        ...holders.slice(0, 50).map((openid) => ({ kind: 'cancel' as const, openid })),
        ...waiting.slice(0, 50).map((openid) => ({ kind: 'cancel' as const, openid })),
        ...Array.from({ length: 100 }, (_, i) => ({ kind: 'signUp' as const, openid: memberOpenid(201 + i) })),
      ],
      23,
    )

    const stepViolations: string[] = []
    const outcomes: string[] = []
    const { samples, violations } = await watched(db, activityId, async () => {
      // 20 steps of 10 concurrent operations; the invariant is checked after every step as well.
      for (let step = 0; step < operations.length; step += 10) {
        const results = await Promise.all(operations.slice(step, step + 10).map(({ kind, openid }) => cloud.call('activities', kind, { activityId }, { as: openid })))
        outcomes.push(...results.map((result, i) => `${operations[step + i]!.kind}:${statusOf(result)}`))
        stepViolations.push(...seatViolations(db, activityId).map((problem) => `after step ${step / 10 + 1}: ${problem}`))
      }
    })
    expect(outcomes.filter((outcome) => !/^(cancel:cancelled|signUp:(confirmed|waitlisted))$/.test(outcome))).toEqual([])
    expect(stepViolations).toEqual([])
    expect(violations).toEqual([])

    // At rest: the seat count agrees with the documents and every free seat went to the line.
    const { activity, signups } = snapshot(db, activityId)
    const confirmed = signups.filter((signup) => signup.status === 'confirmed')
    const stillWaiting = inLineOrder(signups.filter((signup) => signup.status === 'waitlisted'))
    expect(activity.confirmedCount).toBe(confirmed.length)
    expect(activity.confirmedCount).toBe(capacity)
    expect(activity.promotion).toBeNull()
    // Order kept: everyone promoted joined the line before everyone still waiting.
    const promoted = inLineOrder(confirmed.filter((signup) => signup.promotedAt !== null))
    expect(promoted.length).toBeGreaterThan(0)
    expect(stillWaiting.every((signup) => lineKey(signup) > lineKey(promoted[promoted.length - 1]!))).toBe(true)
    // Nobody who left the line was promoted.
    expect(signups.filter((signup) => signup.cancelledFrom === 'waitlisted').every((signup) => signup.promotedAt === null)).toBe(true)
    console.log(`interleaving: ${promoted.length} promotions, invariant sampled ${samples} times`)
  }, 120_000)

  it('a seat freed while a newcomer who found the activity full is still joining goes to that newcomer at once', async () => {
    // 20 races, each on a one-seat activity whose line is open and empty: the seat holder cancels
    // while a newcomer signs up, the newcomer starting 0–9 ms later.
    for (let race = 0; race < 20; race++) {
      const activityId = await publishActivity(cloud, { capacity: 1 })
      const [holder, passer, newcomer] = [520, 540, 560].map((base) => memberOpenid(base + race))
      expect(expectOk(await cloud.call('activities', 'signUp', { activityId }, { as: holder })).status).toBe('confirmed')
      expect(expectOk(await cloud.call('activities', 'signUp', { activityId }, { as: passer })).status).toBe('waitlisted')
      expectOk(await cloud.call('activities', 'cancel', { activityId }, { as: passer }))

      const [left, joined] = await Promise.all([
        cloud.call('activities', 'cancel', { activityId }, { as: holder }),
        new Promise((resolve) => setTimeout(resolve, race % 10)).then(() => cloud.call('activities', 'signUp', { activityId }, { as: newcomer })),
      ])
      expect(expectOk(left).status).toBe('cancelled')
      // Told either "confirmed" or "first in line"; by the time both calls are answered, the seat is theirs.
      expect([['confirmed', null], ['waitlisted', 1]]).toContainEqual([expectOk(joined).status, expectOk(joined).waitlistPosition])
      const { activity, signups } = snapshot(db, activityId)
      expect(signups.find((signup) => signup.openid === newcomer)?.status).toBe('confirmed')
      expect(activity).toMatchObject({ confirmedCount: 1, promotion: null })
    }
  }, 120_000)
})
