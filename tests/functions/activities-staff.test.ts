import { ACTIVITY_COVER_DIR } from '@shared/rules/activity-covers'
import { ACTIVITY_CANCELLED_TEMPLATE } from '@shared/subscribe-templates'
import {
  activityInput,
  addPeople,
  CITY_ADMIN,
  COURIER_STAFF,
  DELIVERY_STAFF,
  inHours,
  memberOpenid,
  outboxFor,
  publishActivity,
  storedActivity,
  storedSignups,
  WORKER,
} from './activities-fixtures'
import { expectOk, localCloudForTests, uploadAs } from './harness'
import { CLEAN_PNG, DIRTY_JPEG, PERSONAL } from './photo-fixtures'

const fieldsOf = (result: { ok: boolean; error?: { fields?: Array<{ path: string; message: string }> } }) =>
  (result.error?.fields ?? []).map((field) => `${field.path}: ${field.message}`)

describe('activities for staff: create, publish, edit, cancel, roster, export', () => {
  const cloud = localCloudForTests({ prepare: (cloud) => addPeople(cloud, 12) })

  describe('save and publish', () => {
    it('creates a draft and publishes it', async () => {
      const draft = expectOk(await cloud.call('activities', 'save', activityInput({ category: 'training', title: '快递员电动车安全驾驶培训' }), { as: COURIER_STAFF }))
      expect(draft).toMatchObject({ status: 'draft', category: 'training', capacity: 50, canManage: true, confirmedCount: 0 })
      const published = expectOk(await cloud.call('activities', 'publish', { activityId: draft.activityId }, { as: COURIER_STAFF }))
      expect(published).toMatchObject({ status: 'published', eligibility: { canSignUp: true } })
      // Publishing twice changes nothing.
      expect(expectOk(await cloud.call('activities', 'publish', { activityId: draft.activityId }, { as: COURIER_STAFF })).status).toBe('published')
    })

    it('lets an admin of a union above act for the organiser, but not staff of a sister union', async () => {
      expect(expectOk(await cloud.call('activities', 'save', activityInput(), { as: CITY_ADMIN })).status).toBe('draft')
      expect(await cloud.call('activities', 'save', activityInput(), { as: DELIVERY_STAFF })).toEqual({
        ok: false,
        error: { code: 'FORBIDDEN', message: '只有主办工会的工作人员可以管理此活动' },
      })
    })

    it('refuses members and workers at the door, before looking at their input', async () => {
      for (const as of [memberOpenid(1), WORKER]) {
        expect(await cloud.call('activities', 'save', {} as never, { as })).toEqual({
          ok: false,
          error: { code: 'FORBIDDEN', message: '此功能仅限工会工作人员使用' },
        })
      }
    })

    it('names each field that is wrong, including times that contradict each other', async () => {
      const missing = await cloud.call('activities', 'save', { ...activityInput(), title: '办', capacity: 0, category: 'party' as never, startAt: 'tomorrow' }, { as: COURIER_STAFF })
      expect(fieldsOf(missing)).toEqual(['title: 活动名称至少 2 个字', 'category: 活动类别不在可选范围内', 'startAt: 活动开始时间格式不正确', 'capacity: 名额不能小于 1'])
      const backwards = await cloud.call('activities', 'save', activityInput({ endAt: inHours(47), signupClosesAt: inHours(49) }), { as: COURIER_STAFF })
      expect(fieldsOf(backwards)).toEqual(['endAt: 结束时间必须晚于开始时间', 'signupClosesAt: 报名截止时间不能晚于活动开始时间'])
    })

    it('refuses a day that does not exist instead of rolling it over, and invisible characters as content', async () => {
      const before = cloud.cloud.contents()
      const impossible = await cloud.call('activities', 'save', activityInput({ startAt: '2031-02-30T01:00:00Z', endAt: '2031-03-03T01:00:00Z' }), { as: COURIER_STAFF })
      expect(fieldsOf(impossible)).toEqual(['startAt: 活动开始时间不是真实存在的日期，请核对'])
      const blank = await cloud.call('activities', 'save', activityInput({ description: '\u200b'.repeat(12) }), { as: COURIER_STAFF })
      expect(fieldsOf(blank)).toEqual(['description: 请填写活动介绍'])
      const hidden = await cloud.call('activities', 'save', activityInput({ description: '现场有赌\u200b博游戏，欢迎参加' }), { as: COURIER_STAFF })
      expect(hidden).toMatchObject({ ok: false, error: { code: 'CONTENT_REJECTED', fields: [{ path: 'description' }] } })
      expect(cloud.cloud.contents()).toEqual(before)
    })

    it('refuses text that fails the content check', async () => {
      const result = await cloud.call('activities', 'save', activityInput({ description: '现场有赌博游戏，欢迎参加' }), { as: COURIER_STAFF })
      expect(result).toMatchObject({ ok: false, error: { code: 'CONTENT_REJECTED', fields: [{ path: 'description' }] } })
    })

    it('keeps a cover only from the editor’s own upload, as a copy without the photo’s metadata; a replaced cover is deleted', async () => {
      const storage = cloud.cloud.gateway.storage
      const pathOf = (fileId: string) => storage.cloudPathOf(fileId)!
      const upload = async (openid: string, file: Buffer) => (await uploadAs(cloud, openid, ACTIVITY_COVER_DIR, file)).fileID!

      // Someone else's upload, a file outside the cover folder, or one never uploaded: refused on the field, nothing kept.
      const before = cloud.cloud.contents()
      for (const coverFileId of [await upload(CITY_ADMIN, DIRTY_JPEG), 'cloud://unionhub-local.bucket/place-photos/x.png']) {
        const refused = await cloud.call('activities', 'save', activityInput({ coverFileId }), { as: COURIER_STAFF })
        expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [{ path: 'coverFileId', message: expect.stringMatching(/不是你在本页上传的/) }] } })
      }
      expect(cloud.cloud.contents().documents).toEqual(before.documents)

      const uploaded = await upload(COURIER_STAFF, DIRTY_JPEG)
      const draft = expectOk(await cloud.call('activities', 'save', activityInput({ coverFileId: uploaded }), { as: COURIER_STAFF }))
      const cover = (await storedActivity(cloud, draft.activityId)).coverFileId!
      expect(cover).toMatch(/\/activity-covers\/kept\//)
      expect(draft.coverUrl).toMatch(/^http/)
      expect(storage.exists(pathOf(uploaded))).toBe(false)
      const kept = storage.read(pathOf(cover))!.toString('latin1')
      for (const personal of PERSONAL) expect(kept).not.toContain(Buffer.from(personal).toString('latin1'))

      // Saving again with the same cover keeps it; a new cover replaces it and the old copy goes.
      expectOk(await cloud.call('activities', 'save', activityInput({ activityId: draft.activityId, coverFileId: cover }), { as: COURIER_STAFF }))
      expect((await storedActivity(cloud, draft.activityId)).coverFileId).toBe(cover)
      const next = await upload(COURIER_STAFF, CLEAN_PNG)
      expectOk(await cloud.call('activities', 'save', activityInput({ activityId: draft.activityId, coverFileId: next }), { as: COURIER_STAFF }))
      const replaced = (await storedActivity(cloud, draft.activityId)).coverFileId!
      expect(replaced).toMatch(/\/activity-covers\/kept\/.+\.png$/)
      expect(storage.exists(pathOf(cover))).toBe(false)
      expectOk(await cloud.call('activities', 'save', activityInput({ activityId: draft.activityId, coverFileId: null }), { as: COURIER_STAFF }))
      expect(storage.exists(pathOf(replaced))).toBe(false)
    })

    it('refuses to publish a draft whose sign-up has already closed', async () => {
      const draft = expectOk(
        await cloud.call('activities', 'save', activityInput({ signupOpensAt: inHours(-5), signupClosesAt: inHours(-1), cancelCutoffAt: inHours(-2) }), { as: COURIER_STAFF }),
      )
      expect(await cloud.call('activities', 'publish', { activityId: draft.activityId }, { as: COURIER_STAFF })).toEqual({
        ok: false,
        error: { code: 'CONFLICT', message: '报名截止时间已过，请先修改活动时间' },
      })
    })

    it('lists the activities of the unions the staff member serves, drafts included', async () => {
      const draft = expectOk(await cloud.call('activities', 'save', activityInput({ title: '工作台里的草稿' }), { as: COURIER_STAFF }))
      const mine = expectOk(await cloud.call('activities', 'manageList', { status: 'draft', pageSize: 50 }, { as: COURIER_STAFF }))
      expect(mine.items.map((item) => item.activityId)).toContain(draft.activityId)
      const theirs = expectOk(await cloud.call('activities', 'manageList', { pageSize: 50 }, { as: DELIVERY_STAFF }))
      expect(theirs.items.map((item) => item.unionId).every((unionId) => unionId === 'u-delivery')).toBe(true)
      expect(theirs.items.map((item) => item.activityId)).toContain('act-rider-health')
    })
  })

  describe('editing a published activity', () => {
    it('never drops capacity below the seats taken, and gives new seats to the waitlist at once', async () => {
      const activityId = await publishActivity(cloud, { capacity: 2 })
      for (let i = 1; i <= 4; i++) expectOk(await cloud.call('activities', 'signUp', { activityId }, { as: memberOpenid(i) }))

      const shrink = await cloud.call('activities', 'save', { ...activityInput({ capacity: 1 }), activityId }, { as: COURIER_STAFF })
      expect(fieldsOf(shrink)).toEqual(['capacity: 名额不能少于已确认的人数（2 人）'])

      const grown = expectOk(await cloud.call('activities', 'save', { ...activityInput({ capacity: 3 }), activityId }, { as: COURIER_STAFF }))
      expect(grown).toMatchObject({ capacity: 3, confirmedCount: 3, waitlistCount: 1 })
      expect(expectOk(await cloud.call('activities', 'get', { activityId }, { as: memberOpenid(3) })).mySignup?.status).toBe('confirmed')
      expect(expectOk(await cloud.call('activities', 'get', { activityId }, { as: memberOpenid(4) })).mySignup).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 })
    })

    it('keeps the allocation and the organiser once published', async () => {
      const activityId = await publishActivity(cloud)
      expect(fieldsOf(await cloud.call('activities', 'save', { ...activityInput({ allocation: 'lottery' }), activityId }, { as: COURIER_STAFF }))).toEqual([
        'allocation: 已发布的活动不能更改名额分配方式',
      ])
      expect(await cloud.call('activities', 'save', { ...activityInput({ unionId: 'u-city' }), activityId }, { as: CITY_ADMIN })).toMatchObject({
        ok: false,
        error: { fields: [{ path: 'unionId' }] },
      })
    })

    it('moves the dates shown on 我的活动 with the activity', async () => {
      const activityId = await publishActivity(cloud)
      expectOk(await cloud.call('activities', 'signUp', { activityId }, { as: memberOpenid(5) }))
      const startAt = inHours(60)
      expectOk(await cloud.call('activities', 'save', { ...activityInput({ startAt, endAt: inHours(61) }), activityId }, { as: COURIER_STAFF }))
      const item = expectOk(await cloud.call('activities', 'mine', {}, { as: memberOpenid(5) })).items.find((row) => row.activity.activityId === activityId)
      expect(item?.activity.startAt).toBe(startAt)
      const [stored] = (await storedSignups(cloud, activityId)) as unknown as Array<{ activityStartAt: string }>
      expect(stored?.activityStartAt).toBe(startAt)
    })
  })

  describe('cancelling an activity', () => {
    it('cancels every sign-up, tells each person, and closes sign-up', async () => {
      const activityId = await publishActivity(cloud, { capacity: 1, title: '取消测试活动' })
      for (const i of [6, 7]) expectOk(await cloud.call('activities', 'signUp', { activityId }, { as: memberOpenid(i) }))
      const result = expectOk(await cloud.call('activities', 'cancelActivity', { activityId, reason: '场地临时维修' }, { as: COURIER_STAFF }))
      expect(result).toEqual({ activityId, notified: 2 })
      expect((await storedSignups(cloud, activityId)).map((signup) => signup.status)).toEqual(['cancelled', 'cancelled'])
      for (const i of [6, 7]) {
        expect(await outboxFor(cloud, memberOpenid(i))).toContainEqual(
          expect.objectContaining({ template: ACTIVITY_CANCELLED_TEMPLATE, data: expect.objectContaining({ thing1: '取消测试活动', thing3: '场地临时维修' }) }),
        )
        const detail = expectOk(await cloud.call('activities', 'get', { activityId }, { as: memberOpenid(i) }))
        expect(detail).toMatchObject({ status: 'cancelled', cancelReason: '场地临时维修', mySignup: { status: 'cancelled', cancelReason: 'activity_cancelled' } })
      }
      expect(await cloud.call('activities', 'signUp', { activityId }, { as: memberOpenid(8) })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
      // A second cancel sends nothing twice.
      expectOk(await cloud.call('activities', 'cancelActivity', { activityId, reason: '场地临时维修' }, { as: COURIER_STAFF }))
      expect((await outboxFor(cloud, memberOpenid(6))).filter((message) => message.template === ACTIVITY_CANCELLED_TEMPLATE)).toHaveLength(1)
    })

    it('asks for a reason and refuses staff of another union', async () => {
      const activityId = await publishActivity(cloud)
      expect(fieldsOf(await cloud.call('activities', 'cancelActivity', { activityId, reason: '' }, { as: COURIER_STAFF }))).toEqual(['reason: 取消原因至少 2 个字'])
      expect(await cloud.call('activities', 'cancelActivity', { activityId, reason: '天气原因' }, { as: DELIVERY_STAFF })).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      })
      expect((await storedActivity(cloud, activityId)) as unknown as { status: string }).toMatchObject({ status: 'published' })
    })
  })

  describe('roster and export', () => {
    let activityId: string
    beforeAll(async () => {
      activityId = await publishActivity(cloud, { capacity: 2, title: '名单测试' })
      for (const as of [memberOpenid(9), 'demo-member', WORKER, memberOpenid(10)]) expectOk(await cloud.call('activities', 'signUp', { activityId }, { as }))
    })

    it('shows counts, the waitlist in line order, and masked names and phones', async () => {
      const all = expectOk(await cloud.call('activities', 'roster', { activityId }, { as: COURIER_STAFF }))
      expect(all.counts).toEqual({ confirmed: 2, waitlisted: 2, entered: 0, checkedIn: 0, cancelled: 0 })
      expect(all.items.map((row) => [row.name, row.status, row.waitlistPosition])).toEqual([
        ['张***', 'confirmed', null],
        ['张**', 'confirmed', null],
        ['非会员（微信用户）', 'waitlisted', 1],
        ['王****', 'waitlisted', 2],
      ])
      const demo = all.items[1]!
      expect(demo).toMatchObject({ phoneMasked: '139****0001', memberNumber: expect.stringMatching(/^\d+$/) })
      const waiting = expectOk(await cloud.call('activities', 'roster', { activityId, status: 'waitlisted' }, { as: COURIER_STAFF }))
      expect(waiting.items.map((row) => row.waitlistPosition)).toEqual([1, 2])
      const audit = await cloud.collection<{ action: string; actorOpenid: string }>('auditLog')
      expect(audit).toContainEqual(expect.objectContaining({ action: 'activities.roster.view', actorOpenid: COURIER_STAFF }))
    })

    it('exports a CSV with a byte-order mark for Excel, masked as on screen, behind a temporary URL', async () => {
      const exported = expectOk(await cloud.call('activities', 'exportRoster', { activityId }, { as: COURIER_STAFF }))
      expect(exported).toMatchObject({ rows: 4, fileId: expect.stringMatching(/^cloud:\/\//), url: expect.stringMatching(/^http/) })
      const response = await fetch(exported.url)
      expect(response.status).toBe(200)
      const bytes = Buffer.from(await response.arrayBuffer())
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
      const lines = bytes.subarray(3).toString('utf8').trim().split('\r\n')
      expect(lines[0]).toBe('序号,状态,姓名,会员号,手机号,候补顺位,报名时间,签到时间,签到方式')
      expect(lines).toHaveLength(5)
      expect(lines[2]).toMatch(/^2,已确认,张\*\*,\d+,139\*\*\*\*0001,,/)
      expect(lines.join('\n')).not.toMatch(/张师傅|13957100001/)
      const audit = await cloud.collection<{ action: string; targetId: string }>('auditLog')
      expect(audit).toContainEqual(expect.objectContaining({ action: 'activities.roster.export', targetId: activityId }))
    })

    it('is for the organising union’s staff only', async () => {
      expect(await cloud.call('activities', 'roster', { activityId }, { as: memberOpenid(9) })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      expect(await cloud.call('activities', 'roster', { activityId }, { as: DELIVERY_STAFF })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      expect(await cloud.call('activities', 'exportRoster', { activityId }, { as: DELIVERY_STAFF })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      expect(expectOk(await cloud.call('activities', 'roster', { activityId }, { as: CITY_ADMIN })).counts.confirmed).toBe(2)
    })
  })
})
