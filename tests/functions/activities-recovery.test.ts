import { pendingSignup, type SignupRecord } from '../../cloudfunctions/src/_lib/records/signups'
import { addPeople, inHours, memberOpenid, storedActivity, storedSignups } from './activities-fixtures'
import { expectOk, localCloudForTests } from './harness'

/**
 * The failure modes of docs/activities.md: a function instance that dies between two writes leaves
 * a state that the next caller (or the timer) finishes. The states are written directly, as a dead
 * instance would have left them.
 */

const MINUTES_AGO = (minutes: number) => new Date(Date.now() - minutes * 60_000)

function activityDoc(id: string, counters: Record<string, number>) {
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

describe('recovery from an instance that died half-way', () => {
  const cloud = localCloudForTests({ prepare: (cloud) => addPeople(cloud, 10) })

  it('skips a waitlist ticket whose taker died before writing it, and the taker can sign up again', async () => {
    const id = 'rec-orphan'
    await cloud.insert('activities', [activityDoc(id, { capacity: 2, confirmedCount: 2, waitlistCount: 3, waitlistSeq: 3, promotedSeq: 0, settledSeq: 0 })])
    await cloud.insert('signups', [
      signupDoc(id, 1, { status: 'confirmed' }),
      signupDoc(id, 2, { status: 'confirmed' }),
      signupDoc(id, 3, { status: 'waitlisted', waitlistSeq: 1 }),
      // Took ticket 2, then died: still pending, long past any function's time limit.
      signupDoc(id, 4, { status: 'pending', pendingSince: MINUTES_AGO(5) }),
      signupDoc(id, 5, { status: 'waitlisted', waitlistSeq: 3 }),
    ])
    expectOk(await cloud.call('activities', 'cancel', { activityId: id }, { as: memberOpenid(1) }))
    expectOk(await cloud.call('activities', 'cancel', { activityId: id }, { as: memberOpenid(2) }))
    const byOpenid = new Map((await storedSignups(cloud, id)).map((signup) => [signup.openid, signup.status]))
    expect([3, 5].map((n) => byOpenid.get(memberOpenid(n)))).toEqual(['confirmed', 'confirmed'])
    expect(await storedActivity(cloud, id)).toMatchObject({ confirmedCount: 2, waitlistCount: 0, promotedSeq: 3, settledSeq: 3 })

    // The person whose attempt died tries again: the dead claim is taken over and a new ticket issued.
    expect(expectOk(await cloud.call('activities', 'signUp', { activityId: id }, { as: memberOpenid(4) }))).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 })
    expect(await storedActivity(cloud, id)).toMatchObject({ waitlistSeq: 4, waitlistCount: 1 })
  })

  it('waits for a ticket whose taker is still at work instead of skipping it', async () => {
    const id = 'rec-inflight'
    await cloud.insert('activities', [activityDoc(id, { capacity: 1, confirmedCount: 1, waitlistCount: 2, waitlistSeq: 2, promotedSeq: 0, settledSeq: 0 })])
    await cloud.insert('signups', [
      signupDoc(id, 1, { status: 'confirmed' }),
      // Ticket 1 was just taken; its holder is about to write it.
      signupDoc(id, 2, { status: 'pending', pendingSince: new Date() }),
      signupDoc(id, 3, { status: 'waitlisted', waitlistSeq: 2 }),
    ])
    expectOk(await cloud.call('activities', 'cancel', { activityId: id }, { as: memberOpenid(1) }))
    // Nobody overtook ticket 1: the seat stays free for its holder, whose own sign-up fills it.
    expect(await storedActivity(cloud, id)).toMatchObject({ confirmedCount: 0, promotedSeq: 0, waitlistCount: 2 })
    expect((await storedSignups(cloud, id)).find((signup) => signup.openid === memberOpenid(3))?.status).toBe('waitlisted')
  })

  it('finishes a promotion whose seat was reserved but whose holder was never confirmed', async () => {
    const id = 'rec-unsettled'
    await cloud.insert('activities', [activityDoc(id, { capacity: 1, confirmedCount: 1, waitlistCount: 2, waitlistSeq: 2, promotedSeq: 1, settledSeq: 0 })])
    await cloud.insert('signups', [
      signupDoc(id, 1, { status: 'cancelled', cancelledFrom: 'confirmed', cancelReason: 'self', cancelledAt: MINUTES_AGO(3) }),
      signupDoc(id, 2, { status: 'waitlisted', waitlistSeq: 1 }),
      signupDoc(id, 3, { status: 'waitlisted', waitlistSeq: 2 }),
    ])
    expect(await cloud.timer('activities', 'activitySchedule')).toMatchObject({ ok: true })
    const byOpenid = new Map((await storedSignups(cloud, id)).map((signup) => [signup.openid, signup]))
    expect(byOpenid.get(memberOpenid(2))).toMatchObject({ status: 'confirmed', promotedAt: expect.any(String) })
    expect(byOpenid.get(memberOpenid(3))?.status).toBe('waitlisted')
    expect(await storedActivity(cloud, id)).toMatchObject({ confirmedCount: 1, waitlistCount: 1, promotedSeq: 1, settledSeq: 1 })
  })

  it('hands back a reserved seat whose holder left the line meanwhile, and promotes the next', async () => {
    const id = 'rec-left'
    await cloud.insert('activities', [activityDoc(id, { capacity: 1, confirmedCount: 1, waitlistCount: 1, waitlistSeq: 2, promotedSeq: 1, settledSeq: 0 })])
    await cloud.insert('signups', [
      signupDoc(id, 2, { status: 'cancelled', cancelledFrom: 'waitlisted', cancelReason: 'self', waitlistSeq: 1, cancelledAt: MINUTES_AGO(1) }),
      signupDoc(id, 3, { status: 'waitlisted', waitlistSeq: 2 }),
    ])
    expect(await cloud.timer('activities', 'activitySchedule')).toMatchObject({ ok: true })
    expect((await storedSignups(cloud, id)).find((signup) => signup.openid === memberOpenid(3))?.status).toBe('confirmed')
    expect(await storedActivity(cloud, id)).toMatchObject({ confirmedCount: 1, waitlistCount: 0, promotedSeq: 2, settledSeq: 2 })
  })

  it('gives up claims that died, so they neither show on 我的活动 nor block signing up again', async () => {
    const id = 'rec-stale'
    await cloud.insert('activities', [activityDoc(id, { capacity: 5, confirmedCount: 0, waitlistCount: 0, waitlistSeq: 0, promotedSeq: 0, settledSeq: 0 })])
    await cloud.insert('signups', [signupDoc(id, 6, { status: 'pending', pendingSince: MINUTES_AGO(3) })])
    expect(await cloud.timer('activities', 'activitySchedule')).toMatchObject({ ok: true, data: { repaired: 1 } })
    expect((await storedSignups(cloud, id))[0]).toMatchObject({ status: 'cancelled' })
    expect(expectOk(await cloud.call('activities', 'mine', {}, { as: memberOpenid(6) })).items.map((item) => item.activity.activityId)).not.toContain(id)
    expect(expectOk(await cloud.call('activities', 'get', { activityId: id }, { as: memberOpenid(6) }))).toMatchObject({ mySignup: null, eligibility: { canSignUp: true } })
    expect(expectOk(await cloud.call('activities', 'signUp', { activityId: id }, { as: memberOpenid(6) })).status).toBe('confirmed')
  })
})
