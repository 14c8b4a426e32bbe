import { ACTIVITY_RESULT_TEMPLATE } from '@shared/subscribe-templates'
import {
  activityInput,
  addPeople,
  COURIER_STAFF,
  DELIVERY_MEMBER,
  inHours,
  memberOpenid,
  outboxFor,
  publishActivity,
  requestId,
  storedActivity,
  storedSignups,
  WORKER,
} from './activities-fixtures'
import { expectOk, localCloudForTests } from './harness'

describe('activities for members: list, detail, sign up, cancel, 我的活动', () => {
  const cloud = localCloudForTests({ prepare: (cloud) => addPeople(cloud, 20) })

  describe('list and get', () => {
    it('shows published activities to anyone, soonest first, with seats left or the lottery', async () => {
      const page = expectOk(await cloud.call('activities', 'list', {}, { as: null }))
      const seeded = page.items.filter((item) => item.activityId.startsWith('act-'))
      expect(seeded.map((item) => item.activityId)).toEqual(['act-summer-care', 'act-rider-health', 'act-concert-lottery', 'act-contract-talk'])
      const startTimes = page.items.map((item) => item.startAt)
      expect([...startTimes].sort()).toEqual(startTimes)
      expect(page.items.find((item) => item.activityId === 'act-summer-care')).toMatchObject({
        unionName: '示范市快递行业工会联合会',
        seatsLeft: 30,
        allocation: 'first_come',
        signupWindow: 'open',
        drawStatus: null,
      })
      expect(page.items.find((item) => item.activityId === 'act-concert-lottery')).toMatchObject({ allocation: 'lottery', drawStatus: 'open' })
      expect(page.items.find((item) => item.activityId === 'act-contract-talk')?.signupWindow).toBe('not_open')
    })

    it('filters by category and pages', async () => {
      const health = expectOk(await cloud.call('activities', 'list', { category: 'health' }, { as: null }))
      expect(health.items.map((item) => item.activityId)).toEqual(['act-rider-health'])
      const first = expectOk(await cloud.call('activities', 'list', { page: 1, pageSize: 2 }, { as: null }))
      const second = expectOk(await cloud.call('activities', 'list', { page: 2, pageSize: 2 }, { as: null }))
      expect(first.items).toHaveLength(2)
      expect(first.total).toBe(second.total)
      expect(second.items[0]?.activityId).not.toBe(first.items[1]?.activityId)
    })

    it('names the field when the filter is wrong', async () => {
      const result = await cloud.call('activities', 'list', { category: 'party' as never, pageSize: 500 }, { as: null })
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
      const fields = !result.ok ? result.error.fields?.map((field) => `${field.path}: ${field.message}`) : []
      expect(fields).toEqual(['category: 活动类别不在可选范围内', 'pageSize: 每页条数不能大于 50'])
    })

    it('gives the detail with the rules, and asks a signed-out visitor to sign in', async () => {
      const detail = expectOk(await cloud.call('activities', 'get', { activityId: 'act-summer-care' }, { as: null }))
      expect(detail).toMatchObject({
        title: '夏日送清凉 · 快递小哥慰问品领取',
        description: expect.stringContaining('防暑降温礼包'),
        mySignup: null,
        eligibility: { canSignUp: false, reason: 'sign_in' },
        canManage: false,
        lottery: null,
      })
    })

    it('publishes a lottery’s commitment but never its seed before the draw', async () => {
      const detail = expectOk(await cloud.call('activities', 'get', { activityId: 'act-concert-lottery' }, { as: WORKER }))
      expect(detail.lottery).toMatchObject({ seedCommitment: expect.stringMatching(/^[0-9a-f]{64}$/), seed: null, drawnAt: null })
      expect(JSON.stringify(detail)).not.toMatch(/seedSecret/)
      const again = expectOk(await cloud.call('activities', 'get', { activityId: 'act-concert-lottery' }, { as: null }))
      expect(again.lottery?.seedCommitment).toBe(detail.lottery?.seedCommitment)
    })

    it('hides drafts from everyone but the organising staff', async () => {
      const draft = expectOk(await cloud.call('activities', 'save', activityInput(), { as: COURIER_STAFF }))
      expect(await cloud.call('activities', 'get', { activityId: draft.activityId }, { as: memberOpenid(1) })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
      expect(expectOk(await cloud.call('activities', 'get', { activityId: draft.activityId }, { as: COURIER_STAFF }))).toMatchObject({
        status: 'draft',
        canManage: true,
        eligibility: { canSignUp: false, reason: 'draft' },
      })
      const listed = expectOk(await cloud.call('activities', 'list', { pageSize: 50 }, { as: null }))
      expect(listed.items.map((item) => item.activityId)).not.toContain(draft.activityId)
    })

    it('refuses an unknown activity and a malformed id', async () => {
      expect(await cloud.call('activities', 'get', { activityId: 'no-such-activity' }, { as: null })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
      expect(await cloud.call('activities', 'get', { activityId: 'a b/c' }, { as: null })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', fields: [{ path: 'activityId', message: '活动格式不正确' }] },
      })
    })
  })

  describe('signing up', () => {
    it('confirms at once while seats are left, then puts people on the waitlist with their place', async () => {
      const activityId = await publishActivity(cloud, { capacity: 2 })
      const results = []
      for (let i = 1; i <= 4; i++) results.push(expectOk(await cloud.call('activities', 'signUp', { activityId }, { as: memberOpenid(i) })))
      expect(results.map((r) => [r.status, r.waitlistPosition])).toEqual([
        ['confirmed', null],
        ['confirmed', null],
        ['waitlisted', 1],
        ['waitlisted', 2],
      ])
      expect(results.every((r) => r.canCancel)).toBe(true)
      const detail = expectOk(await cloud.call('activities', 'get', { activityId }, { as: memberOpenid(4) }))
      expect(detail).toMatchObject({ seatsLeft: 0, waitlistCount: 2, mySignup: { status: 'waitlisted', waitlistPosition: 2 }, eligibility: { reason: 'signed_up' } })
    })

    it('signs up for a seeded activity (its counters are filled in on first use)', async () => {
      const signup = expectOk(await cloud.call('activities', 'signUp', { activityId: 'act-summer-care' }, { as: memberOpenid(5) }))
      expect(signup.status).toBe('confirmed')
      expect(await storedActivity(cloud, 'act-summer-care')).toMatchObject({ confirmedCount: 1, lineOpen: false, promotion: null })
    })

    it('lets a worker who is not a member sign up where the activity is open to all', async () => {
      const activityId = await publishActivity(cloud, { capacity: 3 })
      expect(expectOk(await cloud.call('activities', 'signUp', { activityId }, { as: WORKER })).status).toBe('confirmed')
      const [stored] = await storedSignups(cloud, activityId)
      expect(stored).toMatchObject({ openid: WORKER, status: 'confirmed' })
    })

    it('tells a non-member why a members-only activity is closed to them', async () => {
      const activityId = await publishActivity(cloud, { membersOnly: true })
      const detail = expectOk(await cloud.call('activities', 'get', { activityId }, { as: WORKER }))
      expect(detail.eligibility).toEqual({ canSignUp: false, reason: 'members_only', message: '此活动仅限本工会会员报名，请先申请入会' })
      expect(await cloud.call('activities', 'signUp', { activityId }, { as: WORKER })).toEqual({
        ok: false,
        error: { code: 'FORBIDDEN', message: '此活动仅限本工会会员报名，请先申请入会' },
      })
      expect(await storedSignups(cloud, activityId)).toEqual([])
    })

    it('counts members of unions below the organiser, not members of a sister union', async () => {
      const cityWide = await publishActivity(cloud, { unionId: 'u-city', membersOnly: true }, 'demo-admin')
      expect(expectOk(await cloud.call('activities', 'signUp', { activityId: cityWide }, { as: memberOpenid(6) })).status).toBe('confirmed')
      const courierOnly = await publishActivity(cloud, { membersOnly: true })
      expect(await cloud.call('activities', 'signUp', { activityId: courierOnly }, { as: DELIVERY_MEMBER })).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      })
    })

    it('refuses sign-up before the window opens and after it closes', async () => {
      const early = await publishActivity(cloud, { signupOpensAt: inHours(2), signupClosesAt: inHours(24), cancelCutoffAt: inHours(30) })
      expect(await cloud.call('activities', 'signUp', { activityId: early }, { as: memberOpenid(7) })).toEqual({
        ok: false,
        error: { code: 'CONFLICT', message: '报名尚未开始' },
      })
      const closing = await publishActivity(cloud)
      expectOk(
        await cloud.call(
          'activities',
          'save',
          { ...activityInput({ signupOpensAt: inHours(-3), signupClosesAt: inHours(-1), cancelCutoffAt: inHours(-2) }), activityId: closing },
          { as: COURIER_STAFF },
        ),
      )
      expect(await cloud.call('activities', 'signUp', { activityId: closing }, { as: memberOpenid(7) })).toEqual({
        ok: false,
        error: { code: 'CONFLICT', message: '报名已截止' },
      })
      expect(await storedSignups(cloud, closing)).toEqual([])
    })

    it('keeps one sign-up per person and repeats the answer for a repeated request', async () => {
      const activityId = await publishActivity(cloud)
      const tap = requestId()
      const first = expectOk(await cloud.call('activities', 'signUp', { activityId }, { as: memberOpenid(8), requestId: tap }))
      const retried = expectOk(await cloud.call('activities', 'signUp', { activityId }, { as: memberOpenid(8), requestId: tap }))
      expect(retried).toEqual(first)
      expect(await cloud.call('activities', 'signUp', { activityId }, { as: memberOpenid(8) })).toEqual({
        ok: false,
        error: { code: 'CONFLICT', message: '您已报名此活动' },
      })
      expect(await storedSignups(cloud, activityId)).toHaveLength(1)
    })

    it('asks for sign-in, an activity id, and an existing activity', async () => {
      expect(await cloud.call('activities', 'signUp', { activityId: 'act-summer-care' }, { as: null })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
      expect(await cloud.call('activities', 'signUp', {} as never, { as: memberOpenid(9) })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', fields: [{ path: 'activityId', message: '缺少活动' }] },
      })
      expect(await cloud.call('activities', 'signUp', { activityId: 'nope' }, { as: memberOpenid(9) })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    })
  })

  describe('cancelling', () => {
    it('frees the seat for the head of the waitlist, who is promoted and told', async () => {
      const activityId = await publishActivity(cloud, { capacity: 1 })
      expectOk(await cloud.call('activities', 'signUp', { activityId }, { as: memberOpenid(10) }))
      expectOk(await cloud.call('activities', 'signUp', { activityId }, { as: memberOpenid(11) }))
      expectOk(await cloud.call('activities', 'signUp', { activityId }, { as: memberOpenid(12) }))

      const cancelled = expectOk(await cloud.call('activities', 'cancel', { activityId }, { as: memberOpenid(10) }))
      expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: 'self', canCancel: false })

      const promoted = expectOk(await cloud.call('activities', 'get', { activityId }, { as: memberOpenid(11) })).mySignup
      expect(promoted).toMatchObject({ status: 'confirmed', promotedAt: expect.any(String) })
      const stillWaiting = expectOk(await cloud.call('activities', 'get', { activityId }, { as: memberOpenid(12) })).mySignup
      expect(stillWaiting).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 })
      expect(await storedActivity(cloud, activityId)).toMatchObject({ confirmedCount: 1, lineOpen: true, promotion: null })
      expect(expectOk(await cloud.call('activities', 'get', { activityId }, { as: memberOpenid(12) }))).toMatchObject({ confirmedCount: 1, waitlistCount: 1 })

      const messages = await outboxFor(cloud, memberOpenid(11))
      expect(messages).toEqual([
        expect.objectContaining({ template: ACTIVITY_RESULT_TEMPLATE, page: `subpackages/activity/pages/detail/index?id=${activityId}`, data: expect.objectContaining({ phrase2: '候补成功' }) }),
      ])
    })

    it('lets a waiting person leave the line without promoting anyone', async () => {
      const activityId = await publishActivity(cloud, { capacity: 1 })
      expectOk(await cloud.call('activities', 'signUp', { activityId }, { as: memberOpenid(13) }))
      expectOk(await cloud.call('activities', 'signUp', { activityId }, { as: memberOpenid(14) }))
      expect(expectOk(await cloud.call('activities', 'cancel', { activityId }, { as: memberOpenid(14) })).status).toBe('cancelled')
      expect(await storedActivity(cloud, activityId)).toMatchObject({ confirmedCount: 1, promotion: null })
      expect(expectOk(await cloud.call('activities', 'get', { activityId }, { as: memberOpenid(13) }))).toMatchObject({ confirmedCount: 1, waitlistCount: 0 })
    })

    it('answers a second cancel with the cancelled sign-up, and refuses signing up again', async () => {
      const activityId = await publishActivity(cloud)
      expectOk(await cloud.call('activities', 'signUp', { activityId }, { as: memberOpenid(15) }))
      expectOk(await cloud.call('activities', 'cancel', { activityId }, { as: memberOpenid(15) }))
      expect(expectOk(await cloud.call('activities', 'cancel', { activityId }, { as: memberOpenid(15) })).status).toBe('cancelled')
      expect(await cloud.call('activities', 'signUp', { activityId }, { as: memberOpenid(15) })).toEqual({
        ok: false,
        error: { code: 'CONFLICT', message: '您已取消过本活动的报名，不能再次报名' },
      })
      expect(await storedActivity(cloud, activityId)).toMatchObject({ confirmedCount: 0 })
    })

    it('refuses after the cut-off, and for someone who never signed up', async () => {
      const activityId = await publishActivity(cloud, { signupOpensAt: inHours(-3), cancelCutoffAt: inHours(-1), signupClosesAt: inHours(24) })
      expectOk(await cloud.call('activities', 'signUp', { activityId }, { as: memberOpenid(16) }))
      const late = await cloud.call('activities', 'cancel', { activityId }, { as: memberOpenid(16) })
      expect(late).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringMatching(/^已过取消截止时间/) } })
      expect(await cloud.call('activities', 'cancel', { activityId }, { as: memberOpenid(17) })).toEqual({
        ok: false,
        error: { code: 'NOT_FOUND', message: '您没有报名此活动' },
      })
    })
  })

  describe('我的活动', () => {
    it('lists the caller’s upcoming sign-ups soonest first with their status, and nobody else’s', async () => {
      const later = await publishActivity(cloud, { title: '较晚的活动', startAt: inHours(80), endAt: inHours(82) })
      const sooner = await publishActivity(cloud, { title: '较早的活动', startAt: inHours(40), endAt: inHours(42) })
      expectOk(await cloud.call('activities', 'signUp', { activityId: later }, { as: memberOpenid(18) }))
      expectOk(await cloud.call('activities', 'signUp', { activityId: sooner }, { as: memberOpenid(18) }))
      expectOk(await cloud.call('activities', 'signUp', { activityId: sooner }, { as: memberOpenid(19) }))
      const mine = expectOk(await cloud.call('activities', 'mine', {}, { as: memberOpenid(18) }))
      expect(mine.items.map((item) => [item.activity.title, item.signup.status])).toEqual([
        ['较早的活动', 'confirmed'],
        ['较晚的活动', 'confirmed'],
      ])
      expect(mine.total).toBe(2)
      expect(expectOk(await cloud.call('activities', 'mine', { when: 'past' }, { as: memberOpenid(18) })).items).toEqual([])
    })

    it('needs a signed-in caller', async () => {
      expect(await cloud.call('activities', 'mine', {}, { as: null })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    })
  })
})
