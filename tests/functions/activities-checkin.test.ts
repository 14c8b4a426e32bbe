import { toDataURL } from 'qrcode'
import { addPeople, COURIER_STAFF, DELIVERY_STAFF, inHours, memberOpenid, publishActivity } from './activities-fixtures'
import { expectOk, localCloudForTests } from './harness'

/** An activity starting within the hour, so check-in is open now. */
const startingSoon = { startAt: inHours(1), endAt: inHours(3), signupClosesAt: inHours(0.5), cancelCutoffAt: inHours(0.25), capacity: 1 }

describe('check-in at the venue', () => {
  let activityId: string
  const seated = memberOpenid(1)
  const waiting = memberOpenid(2)
  const cloud = localCloudForTests({
    prepare: async (cloud) => {
      await addPeople(cloud, 6)
      activityId = await publishActivity(cloud, startingSoon)
      expectOk(await cloud.call('activities', 'signUp', { activityId }, { as: seated }))
      expectOk(await cloud.call('activities', 'signUp', { activityId }, { as: waiting }))
    },
  })

  /** The member's rotating card code, as their card page shows it. */
  const cardCode = async (openid: string) => expectOk(await cloud.call('membership', 'card', {}, { as: openid })).code

  describe('staff scan the member’s card code', () => {
    it('checks a seat holder in once; a second scan says so', async () => {
      const code = await cardCode(seated)
      const first = expectOk(await cloud.call('activities', 'checkIn', { activityId, code }, { as: COURIER_STAFF }))
      expect(first).toMatchObject({ status: 'checked_in', alreadyCheckedIn: false, checkInMethod: 'card', name: '张***', checkedInAt: expect.any(String) })
      const second = expectOk(await cloud.call('activities', 'checkIn', { activityId, code }, { as: COURIER_STAFF }))
      expect(second).toMatchObject({ alreadyCheckedIn: true, checkedInAt: first.checkedInAt })
      expect(expectOk(await cloud.call('activities', 'get', { activityId }, { as: seated })).mySignup).toMatchObject({ status: 'checked_in', canCancel: false })
      const audit = await cloud.collection<{ action: string }>('auditLog')
      expect(audit.filter((entry) => entry.action === 'activities.checkIn')).toHaveLength(1)
    })

    it('turns away the waitlist, people not signed up, and codes that are forged', async () => {
      expect(await cloud.call('activities', 'checkIn', { activityId, code: await cardCode(waiting) }, { as: COURIER_STAFF })).toEqual({
        ok: false,
        error: { code: 'CONFLICT', message: '此人在候补名单中，尚未获得名额' },
      })
      expect(await cloud.call('activities', 'checkIn', { activityId, code: await cardCode(memberOpenid(3)) }, { as: COURIER_STAFF })).toEqual({
        ok: false,
        error: { code: 'NOT_FOUND', message: '未找到此人的报名记录' },
      })
      const forged = (await cardCode(memberOpenid(3))).replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))
      expect(await cloud.call('activities', 'checkIn', { activityId, code: forged }, { as: COURIER_STAFF })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', fields: [{ path: 'code', message: '会员码无效或已过期，请让会员刷新会员卡后重新出示' }] },
      })
    })

    it('is for the organising union’s staff', async () => {
      const code = await cardCode(seated)
      expect(await cloud.call('activities', 'checkIn', { activityId, code }, { as: seated })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      expect(await cloud.call('activities', 'checkIn', { activityId, code }, { as: DELIVERY_STAFF })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    })

    it('opens two hours before the start', async () => {
      const later = await publishActivity(cloud)
      expectOk(await cloud.call('activities', 'signUp', { activityId: later }, { as: memberOpenid(4) }))
      expect(await cloud.call('activities', 'checkIn', { activityId: later, code: await cardCode(memberOpenid(4)) }, { as: COURIER_STAFF })).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT', message: expect.stringMatching(/^签到时间为活动开始前 2 小时至结束后 2 小时/) },
      })
    })

    it('counts one check-in when two staff scan the same person at once', async () => {
      const other = await publishActivity(cloud, { ...startingSoon, capacity: 5 })
      expectOk(await cloud.call('activities', 'signUp', { activityId: other }, { as: memberOpenid(5) }))
      const code = await cardCode(memberOpenid(5))
      const results = await Promise.all([
        cloud.call('activities', 'checkIn', { activityId: other, code }, { as: COURIER_STAFF }),
        cloud.call('activities', 'checkIn', { activityId: other, code }, { as: 'demo-admin' }),
      ])
      expect(results.map((result) => expectOk(result).alreadyCheckedIn).sort()).toEqual([false, true])
    })
  })

  describe('the member scans the activity’s rotating code', () => {
    it('checks the member in once with the code staff show', async () => {
      const other = await publishActivity(cloud, { ...startingSoon, capacity: 5 })
      expectOk(await cloud.call('activities', 'signUp', { activityId: other }, { as: memberOpenid(6) }))
      const shown = expectOk(await cloud.call('activities', 'checkInCode', { activityId: other }, { as: COURIER_STAFF }))
      expect(shown.code).toMatch(/^UHCI\./)
      // The image is the QR of that very code (drawn by the pinned qrcode package, loaded on first use).
      expect(shown.qrImage).toBe(await toDataURL(shown.code, { errorCorrectionLevel: 'M', margin: 1, width: 320 }))
      expect(new Date(shown.refreshAt).getTime()).toBeGreaterThan(Date.now())

      const first = expectOk(await cloud.call('activities', 'selfCheckIn', { code: shown.code }, { as: memberOpenid(6) }))
      expect(first).toMatchObject({ activityId: other, alreadyCheckedIn: false })
      expect(expectOk(await cloud.call('activities', 'selfCheckIn', { code: shown.code }, { as: memberOpenid(6) })).alreadyCheckedIn).toBe(true)
      const roster = expectOk(await cloud.call('activities', 'roster', { activityId: other, status: 'checked_in' }, { as: COURIER_STAFF }))
      expect(roster.items.map((row) => row.checkInMethod)).toEqual(['event_code'])
    })

    it('refuses forged codes, a card code in its place, and people not signed up', async () => {
      const shown = expectOk(await cloud.call('activities', 'checkInCode', { activityId }, { as: COURIER_STAFF }))
      const tampered = shown.code.replace(/\.(\d+)\./, (_, w: string) => `.${Number(w) + 1}.`)
      for (const code of [tampered, await cardCode(memberOpenid(3)), 'UHCI.x']) {
        expect(await cloud.call('activities', 'selfCheckIn', { code }, { as: memberOpenid(3) })).toMatchObject({
          ok: false,
          error: { code: 'INVALID_INPUT', fields: [{ path: 'code' }] },
        })
      }
      expect(await cloud.call('activities', 'selfCheckIn', { code: shown.code }, { as: memberOpenid(3) })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
      expect(await cloud.call('activities', 'checkInCode', { activityId }, { as: memberOpenid(3) })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    })
  })
})
