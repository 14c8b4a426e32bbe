import { createHash } from 'node:crypto'
import { drawLottery, verifyDraw } from '@shared/rules/activity-lottery'
import { ACTIVITY_RESULT_TEMPLATE } from '@shared/subscribe-templates'
import {
  activityInput,
  addPeople,
  COURIER_STAFF,
  DELIVERY_STAFF,
  inHours,
  memberOpenid,
  outboxFor,
  publishActivity,
  storedActivity,
  storedSignups,
} from './activities-fixtures'
import { expectOk, localCloudForTests, type LocalCloud } from './harness'

const lottery = { allocation: 'lottery' as const, capacity: 10, title: '交响音乐会门票抽签' }

/** Staff close sign-up early by moving its end two minutes into the past (past the draw's grace). */
async function closeSignup(cloud: LocalCloud, activityId: string, overrides = {}) {
  expectOk(
    await cloud.call(
      'activities',
      'save',
      { ...activityInput({ ...lottery, signupOpensAt: inHours(-3), signupClosesAt: inHours(-2 / 60), ...overrides }), activityId },
      { as: COURIER_STAFF },
    ),
  )
}

/** What anyone can do with the published record: fetch every page and re-run the draw. */
async function recheck(cloud: LocalCloud, activityId: string, pageSize = 7) {
  const entryIds: string[] = []
  const winners: string[] = []
  let record
  for (let page = 1; ; page++) {
    record = expectOk(await cloud.call('activities', 'drawRecord', { activityId, page, pageSize }, { as: null }))
    entryIds.push(...record.entryIds)
    winners.push(...record.winners)
    if (record.entryIds.length < pageSize && record.winners.length < pageSize) break
  }
  return { record, entryIds, winners }
}

describe('lottery activities', () => {
  const cloud = localCloudForTests({ prepare: (cloud) => addPeople(cloud, 40) })

  it('enters people during the window, draws at close, publishes a seed that anyone can re-check', async () => {
    const activityId = await publishActivity(cloud, lottery)
    const before = expectOk(await cloud.call('activities', 'get', { activityId }, { as: null })).lottery!
    expect(before).toMatchObject({ seed: null, drawnAt: null })

    for (let i = 1; i <= 30; i++) {
      expect(expectOk(await cloud.call('activities', 'signUp', { activityId }, { as: memberOpenid(i) })).status).toBe('entered')
    }
    // One entrant leaves before the draw and is not in it.
    expectOk(await cloud.call('activities', 'cancel', { activityId }, { as: memberOpenid(30) }))
    expect(await storedActivity(cloud, activityId)).toMatchObject({ entryCount: 29, confirmedCount: 0, drawStatus: 'open' })

    expect(await cloud.call('activities', 'draw', { activityId }, { as: COURIER_STAFF })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringMatching(/^报名截止后才能抽签/) },
    })
    await closeSignup(cloud, activityId)
    const drawn = expectOk(await cloud.call('activities', 'draw', { activityId }, { as: COURIER_STAFF }))
    expect(drawn).toMatchObject({ status: 'drawn', remaining: 0, lottery: { entryCount: 29, winnerCount: 10 } })

    // The seed revealed is the one committed to before anyone entered.
    const seed = drawn.lottery.seed!
    expect(createHash('sha256').update(seed).digest('hex')).toBe(before.seedCommitment)

    // Re-check from the public record alone, with the shared draw function.
    const { record, entryIds, winners } = await recheck(cloud, activityId)
    expect(entryIds).toHaveLength(29)
    expect(winners).toHaveLength(10)
    expect(verifyDraw({ seedCommitment: before.seedCommitment, seed: record.seed, capacity: record.capacity, entryIds, winners, entriesDigest: record.entriesDigest })).toEqual({
      ok: true,
      winners,
    })
    const again = drawLottery(entryIds, seed, 10)
    expect(again.winners).toEqual(winners)

    // The stored outcome is the draw: winners hold seats, the rest wait in draw order.
    const signups = await storedSignups(cloud, activityId)
    const byId = new Map(signups.map((signup) => [signup._id, signup]))
    expect(winners.map((id) => byId.get(id)!.status)).toEqual(Array(10).fill('confirmed'))
    expect(again.waitlist.map((id) => byId.get(id)!.waitlistSeq)).toEqual(Array.from({ length: 19 }, (_, i) => i + 1))
    expect(await storedActivity(cloud, activityId)).toMatchObject({ confirmedCount: 10, lineOpen: true, promotion: null, drawStatus: 'drawn' })
    expect(expectOk(await cloud.call('activities', 'get', { activityId }))).toMatchObject({ confirmedCount: 10, waitlistCount: 19 })

    // Everyone is told, and sees 中签 / 未中签 with their place.
    const winner = byId.get(winners[0]!)!.openid
    const loser = byId.get(again.waitlist[0]!)!.openid
    expect((await outboxFor(cloud, winner)).map((m) => [m.template, m.data.phrase2])).toEqual([[ACTIVITY_RESULT_TEMPLATE, '已中签']])
    expect((await outboxFor(cloud, loser)).map((m) => m.data.phrase2)).toEqual(['未中签'])
    expect(expectOk(await cloud.call('activities', 'get', { activityId }, { as: winner })).mySignup?.status).toBe('won')
    expect(expectOk(await cloud.call('activities', 'get', { activityId }, { as: loser })).mySignup).toMatchObject({ status: 'not_drawn', waitlistPosition: 1 })

    // A winner who gives up the ticket passes it to the first one not drawn.
    expectOk(await cloud.call('activities', 'cancel', { activityId }, { as: winner }))
    expect(expectOk(await cloud.call('activities', 'get', { activityId }, { as: loser })).mySignup).toMatchObject({ status: 'won', promotedAt: expect.any(String) })

    // Drawing again changes nothing.
    expect(expectOk(await cloud.call('activities', 'draw', { activityId }, { as: COURIER_STAFF })).lottery.seed).toBe(seed)
  })

  it('gives the same draw to two staff pressing 开奖 at once', async () => {
    const activityId = await publishActivity(cloud, { ...lottery, capacity: 3 })
    for (let i = 31; i <= 38; i++) expectOk(await cloud.call('activities', 'signUp', { activityId }, { as: memberOpenid(i) }))
    await closeSignup(cloud, activityId, { capacity: 3 })
    const [a, b] = await Promise.all([
      cloud.call('activities', 'draw', { activityId }, { as: COURIER_STAFF }),
      cloud.call('activities', 'draw', { activityId }, { as: 'demo-admin' }),
    ])
    expect(expectOk(a).lottery.seed).toBe(expectOk(b).lottery.seed)
    expect(await cloud.collection<{ _id: string }>('draws').then((all) => all.filter((d) => d._id === activityId))).toHaveLength(1)
    const signups = await storedSignups(cloud, activityId)
    expect(signups.filter((s) => s.status === 'confirmed')).toHaveLength(3)
    expect(signups.filter((s) => s.status === 'waitlisted').map((s) => s.waitlistSeq).sort()).toEqual([1, 2, 3, 4, 5])
    expect(expectOk(await cloud.call('activities', 'get', { activityId }))).toMatchObject({ confirmedCount: 3, waitlistCount: 5 })
  })

  it('is drawn by the timer once sign-up has closed; a timer-shaped call from a person is just an unknown action', async () => {
    const activityId = await publishActivity(cloud, { ...lottery, capacity: 1 })
    for (let i = 39; i <= 40; i++) expectOk(await cloud.call('activities', 'signUp', { activityId }, { as: memberOpenid(i) }))
    await closeSignup(cloud, activityId, { capacity: 1 })

    const spoofed = await cloud.send('activities', { Type: 'Timer', TriggerName: 'activitySchedule' }, { as: memberOpenid(39) })
    expect(spoofed).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect((await storedActivity(cloud, activityId)).drawStatus).toBe('open')

    const timer = await cloud.timer('activities', 'activitySchedule')
    expect(timer).toMatchObject({ ok: true, data: { drawn: expect.arrayContaining([activityId]) } })
    expect(await storedActivity(cloud, activityId)).toMatchObject({ drawStatus: 'drawn', confirmedCount: 1 })
    expect(expectOk(await cloud.call('activities', 'get', { activityId }))).toMatchObject({ confirmedCount: 1, waitlistCount: 1 })
  })

  it('is for the organising staff, and only for lottery activities', async () => {
    const activityId = await publishActivity(cloud, lottery)
    await closeSignup(cloud, activityId)
    expect(await cloud.call('activities', 'draw', { activityId }, { as: memberOpenid(1) })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await cloud.call('activities', 'draw', { activityId }, { as: DELIVERY_STAFF })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    const firstCome = await publishActivity(cloud)
    expect(await cloud.call('activities', 'draw', { activityId: firstCome }, { as: COURIER_STAFF })).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: '先到先得的活动不需要抽签' },
    })
    expect(await cloud.call('activities', 'drawRecord', { activityId: firstCome }, { as: null })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })

  it('draws a lottery with no entries without fuss', async () => {
    const activityId = await publishActivity(cloud, lottery)
    await closeSignup(cloud, activityId)
    expect(expectOk(await cloud.call('activities', 'draw', { activityId }, { as: COURIER_STAFF }))).toMatchObject({
      status: 'drawn',
      lottery: { entryCount: 0, winnerCount: 0 },
    })
  })
})
