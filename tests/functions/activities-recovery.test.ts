import { pendingSignup, signupIdFor, type SignupRecord } from '../../cloudfunctions/src/_lib/records/signups'
import { JOIN_GRACE_MS } from '../../cloudfunctions/src/activities/seats'
import { addPeople, inHours, memberOpenid, storedActivity, storedSignups } from './activities-fixtures'
import { expectOk, localCloudForTests, type LocalCloud } from './harness'

/**
 * The failure modes of docs/activities.md: a function instance that dies between two writes leaves
 * a state that the next caller (or the timer) finishes. The states are written directly, as a dead
 * instance would have left them.
 */

const MINUTES_AGO = (minutes: number) => new Date(Date.now() - minutes * 60_000)

function activityDoc(id: string, counters: Record<string, unknown>) {
  return {
    _id: id,
    unionId: 'u-courier',
    title: `恢复测试 ${id}`,
    category: 'care',
    description: '用于验证中断后的恢复。',
    place: '快递员爱心驿站',
    startAt: new Date(inHours(48)),
    endAt: new Date(inHours(50)),
    signupOpensAt: new Date(inHours(-2)),
    signupClosesAt: new Date(inHours(24)),
    cancelCutoffAt: new Date(inHours(30)),
    membersOnly: false,
    allocation: 'first_come',
    status: 'published',
    coverFileId: null,
    createdBy: 'demo-staff',
    createdAt: MINUTES_AGO(120),
    entryCount: 0,
    drawStatus: null,
    ...counters,
  }
}

/** A sign-up as the functions store it, claimed ten minutes ago, then moved on as `fields` say. */
function signupDoc(activityId: string, member: number, fields: Partial<SignupRecord>): SignupRecord {
  const activity = { _id: activityId, unionId: 'u-courier', allocation: 'first_come' as const, startAt: new Date(inHours(48)), endAt: new Date(inHours(50)) }
  const memberId = `act-member-${String(member).padStart(4, '0')}`
  return { ...pendingSignup(activity, memberOpenid(member), { memberId, memberNumber: null }, MINUTES_AGO(10)), ...fields }
}

/** In line since `minutesAgo` (the line is ordered by that time). */
const waiting = (minutesAgo: number): Partial<SignupRecord> => ({ status: 'waitlisted', waitlistedAt: MINUTES_AGO(minutesAgo) })

const statusesOf = async (cloud: LocalCloud, activityId: string, members: number[]) => {
  const byOpenid = new Map((await storedSignups(cloud, activityId)).map((signup) => [signup.openid, signup.status]))
  return members.map((n) => byOpenid.get(memberOpenid(n)))
}

describe('recovery from an instance that died half-way', () => {
  const cloud = localCloudForTests({ prepare: (cloud) => addPeople(cloud, 12) })

  it('lets a person whose attempt died take it over and join the line in arrival order', async () => {
    const id = 'rec-dead-claim'
    await cloud.insert('activities', [activityDoc(id, { capacity: 1, confirmedCount: 1, lineOpen: true, promotion: null })])
    await cloud.insert('signups', [
      signupDoc(id, 1, { status: 'confirmed' }),
      signupDoc(id, 2, waiting(8)),
      // Claimed, then died before it took a seat or a place: long past any function's time limit.
      signupDoc(id, 3, { status: 'pending', pendingSince: MINUTES_AGO(5) }),
    ])
    expect(expectOk(await cloud.call('activities', 'signUp', { activityId: id }, { as: memberOpenid(3) }))).toMatchObject({ status: 'waitlisted', waitlistPosition: 2 })
    expect((await storedSignups(cloud, id)).find((signup) => signup.openid === memberOpenid(3))).toMatchObject({ status: 'waitlisted', waitlistedAt: expect.any(String) })
    // The freed seat goes to the one who joined first.
    expectOk(await cloud.call('activities', 'cancel', { activityId: id }, { as: memberOpenid(1) }))
    expect(await statusesOf(cloud, id, [2, 3])).toEqual(['confirmed', 'waitlisted'])
  })

  it('gives a seat freed while nobody is in line yet to a newcomer whose join lands a moment later', async () => {
    const id = 'rec-late-joiner'
    await cloud.insert('activities', [activityDoc(id, { capacity: 1, confirmedCount: 1, lineOpen: true, promotion: null })])
    await cloud.insert('signups', [signupDoc(id, 1, { status: 'confirmed' })])
    // A warm instance, so that the cancel below is quick.
    expectOk(await cloud.call('activities', 'get', { activityId: id }, { as: memberOpenid(1) }))
    // Member 2 found the activity full and is on the way into the line: its write lands half the
    // grace after the seat holder starts cancelling, when the canceller has long found the line empty.
    const landing = new Promise<void>((resolve) =>
      setTimeout(() => {
        void cloud.insert('signups', [signupDoc(id, 2, { status: 'waitlisted', waitlistedAt: new Date() })]).then(resolve)
      }, JOIN_GRACE_MS / 2),
    )
    expectOk(await cloud.call('activities', 'cancel', { activityId: id }, { as: memberOpenid(1) }))
    await landing
    expect(await statusesOf(cloud, id, [2])).toEqual(['confirmed'])
    expect(await storedActivity(cloud, id)).toMatchObject({ confirmedCount: 1, promotion: null })
  })

  it('promotes someone who joined after everyone stopped watching, on the timer', async () => {
    const id = 'rec-missed'
    // A free seat and a person waiting for it: the join landed after the canceller's watch.
    await cloud.insert('activities', [activityDoc(id, { capacity: 1, confirmedCount: 0, lineOpen: true, promotion: null })])
    await cloud.insert('signups', [signupDoc(id, 4, waiting(1))])
    expect(await cloud.timer('activities', 'activitySchedule')).toMatchObject({ ok: true, data: { promoted: 1 } })
    expect(await statusesOf(cloud, id, [4])).toEqual(['confirmed'])
  })

  it('finishes a promotion whose seat was reserved but whose holder was never confirmed', async () => {
    const id = 'rec-unsettled'
    await cloud.insert('activities', [activityDoc(id, { capacity: 1, confirmedCount: 1, lineOpen: true, promotion: { signupId: `${id}-5`, token: 't-5' } })])
    await cloud.insert('signups', [
      signupDoc(id, 1, { status: 'cancelled', cancelledFrom: 'confirmed', cancelReason: 'self', cancelledAt: MINUTES_AGO(3) }),
      { ...signupDoc(id, 5, waiting(9)), _id: `${id}-5` },
      signupDoc(id, 6, waiting(8)),
    ])
    expect(await cloud.timer('activities', 'activitySchedule')).toMatchObject({ ok: true })
    const byOpenid = new Map((await storedSignups(cloud, id)).map((signup) => [signup.openid, signup]))
    expect(byOpenid.get(memberOpenid(5))).toMatchObject({ status: 'confirmed', promotedAt: expect.any(String) })
    expect(byOpenid.get(memberOpenid(6))?.status).toBe('waitlisted')
    expect(await storedActivity(cloud, id)).toMatchObject({ confirmedCount: 1, promotion: null })
  })

  it('keeps the seat of a promotion whose holder was confirmed before the instance died', async () => {
    const id = 'rec-confirmed'
    await cloud.insert('activities', [activityDoc(id, { capacity: 1, confirmedCount: 1, lineOpen: true, promotion: { signupId: `${id}-5`, token: 't-5' } })])
    await cloud.insert('signups', [{ ...signupDoc(id, 5, { status: 'confirmed', promotionToken: 't-5' }), _id: `${id}-5` }, signupDoc(id, 6, waiting(8))])
    expect(await cloud.timer('activities', 'activitySchedule')).toMatchObject({ ok: true })
    expect(await statusesOf(cloud, id, [5, 6])).toEqual(['confirmed', 'waitlisted'])
    expect(await storedActivity(cloud, id)).toMatchObject({ confirmedCount: 1, promotion: null })
  })

  it('hands back a reserved seat whose holder left the line meanwhile (or was confirmed by another promotion), and promotes the next', async () => {
    for (const [id, holder] of [
      ['rec-left', { status: 'cancelled', cancelledFrom: 'waitlisted', cancelReason: 'self', waitlistedAt: MINUTES_AGO(9), cancelledAt: MINUTES_AGO(1) }],
      ['rec-other', { status: 'confirmed', promotionToken: 't-earlier' }],
    ] as const) {
      await cloud.insert('activities', [activityDoc(id, { capacity: 2, confirmedCount: 2, lineOpen: true, promotion: { signupId: `${id}-5`, token: 't-5' } })])
      await cloud.insert('signups', [
        signupDoc(id, 1, { status: 'cancelled', cancelledFrom: 'confirmed', cancelReason: 'self', cancelledAt: MINUTES_AGO(3) }),
        { ...signupDoc(id, 5, holder), _id: `${id}-5` },
        signupDoc(id, 6, waiting(8)),
      ])
      expect(await cloud.timer('activities', 'activitySchedule')).toMatchObject({ ok: true })
      expect(await statusesOf(cloud, id, [5, 6])).toEqual([holder.status, 'confirmed'])
      expect(await storedActivity(cloud, id)).toMatchObject({ confirmedCount: 2, promotion: null })
    }
  })

  it('orders people who joined in the same millisecond by id, for their places and for promotion', async () => {
    const id = 'rec-tie'
    const at = MINUTES_AGO(2)
    await cloud.insert('activities', [activityDoc(id, { capacity: 1, confirmedCount: 1, lineOpen: true, promotion: null })])
    await cloud.insert('signups', [signupDoc(id, 1, { status: 'confirmed' }), ...[7, 8, 9].map((n) => signupDoc(id, n, { status: 'waitlisted', waitlistedAt: at }))])
    const byId = [7, 8, 9].map((n) => ({ n, id: signupIdFor(id, memberOpenid(n)) })).sort((a, b) => (a.id < b.id ? -1 : 1))
    for (const [index, { n }] of byId.entries()) {
      expect(expectOk(await cloud.call('activities', 'get', { activityId: id }, { as: memberOpenid(n) })).mySignup).toMatchObject({ waitlistPosition: index + 1 })
    }
    expectOk(await cloud.call('activities', 'cancel', { activityId: id }, { as: memberOpenid(1) }))
    expect(await statusesOf(cloud, id, byId.map(({ n }) => n))).toEqual(['confirmed', 'waitlisted', 'waitlisted'])
  })

  it('gives up claims that died, so they neither show on 我的活动 nor block signing up again', async () => {
    const id = 'rec-stale'
    await cloud.insert('activities', [activityDoc(id, { capacity: 5, confirmedCount: 0, lineOpen: false, promotion: null })])
    await cloud.insert('signups', [signupDoc(id, 10, { status: 'pending', pendingSince: MINUTES_AGO(3) })])
    expect(await cloud.timer('activities', 'activitySchedule')).toMatchObject({ ok: true, data: { repaired: 1 } })
    expect((await storedSignups(cloud, id))[0]).toMatchObject({ status: 'cancelled' })
    expect(expectOk(await cloud.call('activities', 'mine', {}, { as: memberOpenid(10) })).items.map((item) => item.activity.activityId)).not.toContain(id)
    expect(expectOk(await cloud.call('activities', 'get', { activityId: id }, { as: memberOpenid(10) }))).toMatchObject({ mySignup: null, eligibility: { canSignUp: true } })
    expect(expectOk(await cloud.call('activities', 'signUp', { activityId: id }, { as: memberOpenid(10) })).status).toBe('confirmed')
  })
})
