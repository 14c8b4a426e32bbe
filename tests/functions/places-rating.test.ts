import { chinaDay } from '@shared/rules/china-time'
import { expectOk, localCloudForTests } from './harness'
import { JIANGNAN, OTHER_RIDER, requestId, RIDER } from './places-fixtures'

type Stored = Record<string, unknown>

describe('places.rate: 1–5 and a short comment, once per person, place and day', () => {
  const cloud = localCloudForTests({ freshEachTest: true })
  const ratings = async () => (await cloud.collection<Stored>('placeRatings')).filter((doc) => doc.placeId === JIANGNAN.placeId)
  const totals = async () => ((await cloud.collection<Stored>('places')).find((doc) => doc._id === JIANGNAN.placeId) as { rating: { sum: number; count: number } }).rating

  it('adds the rating to the place; the comment shows on the page and as the rider’s rating today', async () => {
    const rated = expectOk(await cloud.call('places', 'rate', { placeId: JIANGNAN.placeId, score: 2, comment: '充电柜只有一个口能用' }, { as: RIDER, requestId: requestId() }))
    // The seed has 5 + 4 + 5 from three riders.
    expect(rated).toMatchObject({ score: 2, comment: '充电柜只有一个口能用', commentShown: true, day: chinaDay(new Date()), rating: { average: 4, count: 4 } })
    expect(await totals()).toEqual({ sum: 16, count: 4 })
    const page = expectOk(await cloud.call('places', 'get', { placeId: JIANGNAN.placeId }, { as: RIDER }))
    expect(page.recentRatings[0]).toMatchObject({ score: 2, comment: '充电柜只有一个口能用' })
    expect(page.myRatingToday).toMatchObject({ score: 2 })
    expect(expectOk(await cloud.call('places', 'get', { placeId: JIANGNAN.placeId }, { as: OTHER_RIDER })).myRatingToday).toBeNull()
  })

  it('of many taps at once the database keeps one, and the totals grow by one', async () => {
    const taps = await Promise.all(
      [5, 4, 3, 5, 1, 2].map((score) => cloud.call('places', 'rate', { placeId: JIANGNAN.placeId, score }, { as: RIDER, requestId: requestId() })),
    )
    const accepted = taps.filter((tap) => tap.ok)
    expect(accepted).toHaveLength(1)
    expect(taps.filter((tap) => !tap.ok)).toEqual(Array(5).fill(expect.objectContaining({ error: expect.objectContaining({ code: 'CONFLICT', message: '今天已经评价过这个服务点，明天可以再评' }) })))
    const mine = (await ratings()).filter((doc) => doc.openid === RIDER)
    expect(mine).toHaveLength(1)
    const score = (accepted[0] as { data: { score: number } }).data.score
    expect(await totals()).toEqual({ sum: 14 + score, count: 4 })
    // Another rider rates the same day.
    expectOk(await cloud.call('places', 'rate', { placeId: JIANGNAN.placeId, score: 4 }, { as: OTHER_RIDER }))
    expect(await totals()).toEqual({ sum: 18 + score, count: 5 })
  })

  it('a retry with the same requestId answers the first result and adds nothing', async () => {
    const id = requestId()
    const first = await cloud.call('places', 'rate', { placeId: JIANGNAN.placeId, score: 5 }, { as: RIDER, requestId: id })
    const again = await cloud.call('places', 'rate', { placeId: JIANGNAN.placeId, score: 5 }, { as: RIDER, requestId: id })
    expect(first.ok).toBe(true)
    expect(again).toEqual(first)
    expect(await totals()).toEqual({ sum: 19, count: 4 })
  })

  it('a comment the check wants reviewed is kept but not shown to others; a risky one is refused', async () => {
    const review = expectOk(await cloud.call('places', 'rate', { placeId: JIANGNAN.placeId, score: 4, comment: '站长说有兼职日结，加微信' }, { as: RIDER }))
    expect(review).toMatchObject({ commentShown: false, comment: '站长说有兼职日结，加微信' })
    const page = expectOk(await cloud.call('places', 'get', { placeId: JIANGNAN.placeId }, { as: OTHER_RIDER }))
    expect(page.recentRatings.map((r) => r.comment)).not.toContain('站长说有兼职日结，加微信')
    expect(await cloud.call('places', 'rate', { placeId: JIANGNAN.placeId, score: 1, comment: '这里有人赌博' }, { as: OTHER_RIDER })).toMatchObject({
      ok: false,
      error: { code: 'CONTENT_REJECTED', fields: [{ path: 'comment', message: '评价中有不适合提交的内容，请修改后再提交' }] },
    })
    expect((await ratings()).filter((doc) => doc.openid === OTHER_RIDER)).toEqual([])
  })

  it('bad input is refused with the field named in Chinese and nothing is stored; the signed-out and a retired place are refused', async () => {
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ placeId: JIANGNAN.placeId, score: 6 }, 'score', '评分不能大于 5'],
      [{ placeId: JIANGNAN.placeId, score: 0 }, 'score', '评分不能小于 1'],
      [{ placeId: JIANGNAN.placeId, score: 4.5 }, 'score', '评分必须是整数'],
      [{ placeId: JIANGNAN.placeId }, 'score', '请填写评分'],
      [{ placeId: JIANGNAN.placeId, score: 5, comment: '好'.repeat(101) }, 'comment', '评价不能超过 100 个字'],
      [{ score: 5 }, 'placeId', '缺少服务点'],
    ]
    for (const [input, path, message] of cases) {
      expect(await cloud.send('places', { action: 'rate', input }, { as: RIDER })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [{ path, message }] } })
    }
    expect(await cloud.call('places', 'rate', { placeId: JIANGNAN.placeId, score: 5 }, { as: null })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    expect(await cloud.call('places', 'rate', { placeId: 'pl-gs-wenhui-retired', score: 5 }, { as: RIDER })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await ratings()).toHaveLength(3)
    expect(await totals()).toEqual({ sum: 14, count: 3 })
  })
})
