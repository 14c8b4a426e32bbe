import { chinaDay } from '@shared/rules/china-time'
import { FEEDBACK_PAGE } from '@shared/rules/places'
import { PLACE_FEEDBACK_TEMPLATE } from '@shared/subscribe-templates'
import { expectOk, localCloudForTests, ownUploadPath } from './harness'
import { addStaff, BINJIANG_STAFF, CITY_ADMIN, COURIER_STAFF, DELIVERY_STAFF, JIANGNAN, OTHER_RIDER, requestId, RIDER, upload } from './places-fixtures'

type Stored = Record<string, unknown>

describe('places: reports, suggestions and the staff queue', () => {
  const cloud = localCloudForTests({ prepare: addStaff, freshEachTest: true })
  const feedback = () => cloud.collection<Stored>('placeFeedback')

  it('a rider reports a place closed; the courier federation sees it in its queue, resolves it, and the rider is told', async () => {
    const photo = await upload(cloud, RIDER, 'place-feedback')
    const sent = expectOk(await cloud.call('places', 'report', { placeId: JIANGNAN.placeId, kind: 'closed', note: '晚上十点来，侧门锁着进不去', photo }, { as: RIDER, requestId: requestId() }))
    expect(sent).toMatchObject({ kind: 'closed', placeId: JIANGNAN.placeId, title: '江南大道快递员爱心驿站', status: 'open', reply: null, handledAt: null })

    const [stored] = (await feedback()).filter((doc) => doc._id === sent.feedbackId)
    expect(stored).toMatchObject({ unionId: 'u-courier', senderOpenid: RIDER, photoFileId: expect.stringMatching(/\/place-feedback\/kept\/[0-9a-f-]{36}\.png$/), day: chinaDay(new Date()), contentCheck: { suggest: 'pass' } })
    // The report keeps a clean copy; the rider's upload is deleted.
    expect(cloud.cloud.gateway.storage.exists(cloud.cloud.gateway.storage.cloudPathOf(photo)!)).toBe(false)

    // The queue never says who sent it.
    const queue = expectOk(await cloud.call('places', 'queue', { kind: 'report' }, { as: COURIER_STAFF }))
    const item = queue.items.find((entry) => entry.feedbackId === sent.feedbackId)
    expect(item).toMatchObject({ kind: 'closed', unionName: '示范市快递行业工会联合会', place: { placeId: JIANGNAN.placeId, name: '江南大道快递员爱心驿站' }, note: '晚上十点来，侧门锁着进不去' })
    expect(item!.photoUrl).toMatch(/^http/)
    expect(JSON.stringify(queue)).not.toContain(RIDER)

    const resolved = expectOk(
      await cloud.call('places', 'resolve', { feedbackId: sent.feedbackId, decision: 'resolve', reply: '已联系银行网点，夜间侧门改为刷码进入' }, { as: COURIER_STAFF, requestId: requestId() }),
    )
    expect(resolved).toMatchObject({ status: 'resolved', reply: '已联系银行网点，夜间侧门改为刷码进入', notified: true })
    const outbox = (await cloud.collection<Stored>('outbox')).filter((message) => message.template === PLACE_FEEDBACK_TEMPLATE)
    expect(outbox).toEqual([
      expect.objectContaining({ toOpenid: RIDER, page: FEEDBACK_PAGE, data: expect.objectContaining({ thing1: '江南大道快递员爱心驿站', phrase2: '已处理', thing3: '已联系银行网点，夜间侧门改为刷码进入' }) }),
    ])
    const audit = (await cloud.collection<Stored>('auditLog')).filter((entry) => entry.action === 'places.feedback.resolve')
    expect(audit).toEqual([expect.objectContaining({ actorOpenid: COURIER_STAFF, unionId: 'u-courier', targetCollection: 'placeFeedback', targetId: sent.feedbackId })])

    const mine = expectOk(await cloud.call('places', 'mine', {}, { as: RIDER }))
    expect(mine.items).toEqual([expect.objectContaining({ feedbackId: sent.feedbackId, status: 'resolved', reply: '已联系银行网点，夜间侧门改为刷码进入' })])
    expect(expectOk(await cloud.call('places', 'queue', {}, { as: COURIER_STAFF })).items.map((entry) => entry.feedbackId)).not.toContain(sent.feedbackId)
    expect(expectOk(await cloud.call('places', 'queue', { status: 'resolved' }, { as: COURIER_STAFF })).items.map((entry) => entry.feedbackId)).toContain(sent.feedbackId)
  })

  it('a report can be answered once: a second answer is refused and sends nothing', async () => {
    const sent = expectOk(await cloud.call('places', 'report', { placeId: JIANGNAN.placeId, kind: 'facility_broken', facility: 'charging' }, { as: RIDER }))
    const answers = await Promise.all([
      cloud.call('places', 'resolve', { feedbackId: sent.feedbackId, decision: 'resolve', reply: '充电柜已报修' }, { as: COURIER_STAFF, requestId: requestId() }),
      cloud.call('places', 'resolve', { feedbackId: sent.feedbackId, decision: 'decline', reply: '现场检查一切正常' }, { as: CITY_ADMIN, requestId: requestId() }),
    ])
    expect(answers.filter((answer) => answer.ok)).toHaveLength(1)
    expect(answers.find((answer) => !answer.ok)).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '这条反馈已经处理过了' } })
    expect((await cloud.collection<Stored>('outbox')).filter((message) => message.template === PLACE_FEEDBACK_TEMPLATE)).toHaveLength(1)
  })

  it('staff of another union neither see nor answer it; an admin above it does', async () => {
    const sent = expectOk(await cloud.call('places', 'report', { placeId: JIANGNAN.placeId, kind: 'moved', location: { longitude: 120.2111, latitude: 30.2093 } }, { as: RIDER }))
    for (const staff of [DELIVERY_STAFF, BINJIANG_STAFF]) {
      expect(expectOk(await cloud.call('places', 'queue', {}, { as: staff })).items.map((item) => item.feedbackId)).not.toContain(sent.feedbackId)
      expect(await cloud.call('places', 'resolve', { feedbackId: sent.feedbackId, decision: 'decline', reply: '不归我们管' }, { as: staff })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    }
    expect(await cloud.call('places', 'queue', {}, { as: RIDER })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await cloud.call('places', 'resolve', { feedbackId: sent.feedbackId, decision: 'resolve', reply: '我自己处理' }, { as: RIDER })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect((await feedback()).find((doc) => doc._id === sent.feedbackId)).toMatchObject({ status: 'open', reply: null })
    const admin = expectOk(await cloud.call('places', 'queue', { kind: 'report' }, { as: CITY_ADMIN }))
    expect(admin.items.find((item) => item.feedbackId === sent.feedbackId)).toMatchObject({ location: { longitude: 120.2111, latitude: 30.2093 } })
  })

  it('one report of a kind per place and person a day; a retry with the same requestId answers the first result', async () => {
    const id = requestId()
    const first = await cloud.call('places', 'report', { placeId: JIANGNAN.placeId, kind: 'closed' }, { as: RIDER, requestId: id })
    const retry = await cloud.call('places', 'report', { placeId: JIANGNAN.placeId, kind: 'closed' }, { as: RIDER, requestId: id })
    expect(retry).toEqual(first)
    expect(await cloud.call('places', 'report', { placeId: JIANGNAN.placeId, kind: 'closed' }, { as: RIDER, requestId: requestId() })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: '今天已经反馈过这个问题，工会会尽快处理' },
    })
    // Another kind, or another rider, is a new report.
    expectOk(await cloud.call('places', 'report', { placeId: JIANGNAN.placeId, kind: 'other', note: '门口堆满了杂物' }, { as: RIDER }))
    expectOk(await cloud.call('places', 'report', { placeId: JIANGNAN.placeId, kind: 'closed' }, { as: OTHER_RIDER }))
    expect((await feedback()).filter((doc) => doc.placeId === JIANGNAN.placeId)).toHaveLength(3)
  })

  it('bad reports are refused with the field named in Chinese, and nothing is stored', async () => {
    const before = (await feedback()).length
    const cases: Array<[Record<string, unknown>, string, RegExp, string]> = [
      [{ kind: 'closed' }, 'placeId', /缺少服务点/, 'INVALID_INPUT'],
      [{ placeId: JIANGNAN.placeId, kind: 'haunted' }, 'kind', /问题类型不在可选范围内/, 'INVALID_INPUT'],
      [{ placeId: JIANGNAN.placeId, kind: 'facility_broken' }, 'facility', /请选择损坏的设施/, 'INVALID_INPUT'],
      [{ placeId: JIANGNAN.placeId, kind: 'other' }, 'note', /请写明遇到的问题/, 'INVALID_INPUT'],
      [{ placeId: JIANGNAN.placeId, kind: 'other', note: '坏'.repeat(201) }, 'note', /问题说明不能超过 200 个字/, 'INVALID_INPUT'],
      [{ placeId: JIANGNAN.placeId, kind: 'closed', photo: 'cloud://unionhub-local.bucket/complaint-evidence/a.png' }, 'photo', /照片请通过本页上传/, 'INVALID_INPUT'],
      [{ placeId: JIANGNAN.placeId, kind: 'closed', photo: cloud.cloud.gateway.storage.fileIdOf(ownUploadPath(RIDER, 'place-feedback')) }, 'photo', /未上传成功或已失效/, 'INVALID_INPUT'],
      [{ placeId: JIANGNAN.placeId, kind: 'closed', photo: await upload(cloud, OTHER_RIDER, 'place-feedback') }, 'photo', /不是你在本页上传的/, 'INVALID_INPUT'],
      [{ placeId: JIANGNAN.placeId, kind: 'other', note: '站里有人拉人赌博' }, 'note', /问题说明中有不适合提交的内容/, 'CONTENT_REJECTED'],
    ]
    for (const [input, path, message, code] of cases) {
      const result = await cloud.send('places', { action: 'report', input, requestId: requestId() }, { as: RIDER })
      expect(result).toMatchObject({ ok: false, error: { code, fields: expect.arrayContaining([expect.objectContaining({ path, message: expect.stringMatching(message) })]) } })
    }
    expect(await cloud.call('places', 'report', { placeId: 'pl-gs-wenhui-retired', kind: 'closed' }, { as: RIDER })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await cloud.call('places', 'report', { placeId: JIANGNAN.placeId, kind: 'closed' }, { as: null })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    expect(await feedback()).toHaveLength(before)
  })

  it('a suggested place goes to its district federation, or to the city federation; staff see what was suggested', async () => {
    const inBinjiang = expectOk(
      await cloud.call(
        'places',
        'suggest',
        { name: '闻涛社区爱心驿站', type: 'outdoor_station', address: '滨江区闻涛路 1600 号', district: '滨江区', location: { longitude: 120.2237, latitude: 30.2018 }, facilities: ['water', 'toilet'], note: '社区服务站一楼，有饮水机' },
        { as: RIDER, requestId: requestId() },
      ),
    )
    expect(inBinjiang).toMatchObject({ kind: 'new_place', placeId: null, title: '闻涛社区爱心驿站', status: 'open' })
    const elsewhere = expectOk(await cloud.call('places', 'suggest', { name: '清波街道职工之家', type: 'workers_home', address: '上城区清波街 20 号', district: '上城区' }, { as: RIDER }))
    const stored = await feedback()
    expect(stored.find((doc) => doc._id === inBinjiang.feedbackId)).toMatchObject({ unionId: 'u-binjiang' })
    expect(stored.find((doc) => doc._id === elsewhere.feedbackId)).toMatchObject({ unionId: 'u-city' })

    const queue = expectOk(await cloud.call('places', 'queue', { kind: 'suggestion' }, { as: BINJIANG_STAFF }))
    expect(queue.items.map((item) => item.feedbackId)).toEqual(['fb.seed-puyan-suggestion', inBinjiang.feedbackId])
    expect(queue.items[1]).toMatchObject({
      suggestion: { name: '闻涛社区爱心驿站', type: 'outdoor_station', address: '滨江区闻涛路 1600 号', district: '滨江区', facilities: ['water', 'toilet'] },
      location: { longitude: 120.2237, latitude: 30.2018 },
      place: null,
    })
    expect(expectOk(await cloud.call('places', 'queue', { kind: 'suggestion' }, { as: COURIER_STAFF })).items).toEqual([])

    const before = stored.length
    const bad = await cloud.send('places', { action: 'suggest', input: { name: '驿', type: 'outdoor_station', address: '滨江区某路', district: '滨江区' } }, { as: RIDER })
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [{ path: 'name', message: '服务点名称至少 2 个字' }] } })
    const risky = await cloud.send('places', { action: 'suggest', input: { name: '代开发票服务站', type: 'outdoor_station', address: '滨江区某路 1 号', district: '滨江区' } }, { as: RIDER })
    expect(risky).toMatchObject({ ok: false, error: { code: 'CONTENT_REJECTED', fields: [{ path: 'name' }] } })
    expect(await feedback()).toHaveLength(before)
  })

  it('a suggestion retried with the same requestId is stored once; the signed-out can neither suggest nor list their feedback', async () => {
    const id = requestId()
    const input = { name: '闻涛社区爱心驿站', type: 'outdoor_station' as const, address: '滨江区闻涛路 1600 号', district: '滨江区' }
    const first = await cloud.call('places', 'suggest', input, { as: RIDER, requestId: id })
    expect(await cloud.call('places', 'suggest', input, { as: RIDER, requestId: id })).toEqual(first)
    expect((await feedback()).filter((doc) => doc.title === '闻涛社区爱心驿站')).toHaveLength(1)
    expect(await cloud.call('places', 'suggest', input, { as: null })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    expect(await cloud.call('places', 'mine', {}, { as: null })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    expect(expectOk(await cloud.call('places', 'mine', {}, { as: OTHER_RIDER })).items).toEqual([])
  })

  it('resolve: bad input changes nothing; a retry with the same requestId answers again without a second notice', async () => {
    const sent = expectOk(await cloud.call('places', 'report', { placeId: JIANGNAN.placeId, kind: 'closed' }, { as: RIDER }))
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ feedbackId: sent.feedbackId, decision: 'ignore', reply: '好的收到' }, 'decision', '处理结果不在可选范围内'],
      [{ feedbackId: sent.feedbackId, decision: 'resolve', reply: '好' }, 'reply', '回复至少 2 个字'],
      [{ feedbackId: sent.feedbackId, decision: 'resolve' }, 'reply', '请填写回复'],
      [{ decision: 'resolve', reply: '好的收到' }, 'feedbackId', '缺少反馈'],
    ]
    for (const [input, path, message] of cases) {
      expect(await cloud.send('places', { action: 'resolve', input }, { as: COURIER_STAFF })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [{ path, message }] } })
    }
    expect(await cloud.call('places', 'resolve', { feedbackId: 'fb.nothing-here', decision: 'resolve', reply: '好的收到' }, { as: COURIER_STAFF })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect((await feedback()).find((doc) => doc._id === sent.feedbackId)).toMatchObject({ status: 'open', reply: null })

    const id = requestId()
    const first = await cloud.call('places', 'resolve', { feedbackId: sent.feedbackId, decision: 'decline', reply: '现场核实驿站正常开放' }, { as: COURIER_STAFF, requestId: id })
    expect(first).toMatchObject({ ok: true, data: { status: 'declined', notified: true } })
    expect(await cloud.call('places', 'resolve', { feedbackId: sent.feedbackId, decision: 'decline', reply: '现场核实驿站正常开放' }, { as: COURIER_STAFF, requestId: id })).toEqual(first)
    const notices = (await cloud.collection<Stored>('outbox')).filter((message) => message.template === PLACE_FEEDBACK_TEMPLATE)
    expect(notices).toEqual([expect.objectContaining({ toOpenid: RIDER, data: expect.objectContaining({ phrase2: '未采纳' }) })])
  })
})
