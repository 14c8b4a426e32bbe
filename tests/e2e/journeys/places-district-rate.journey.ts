import { itemReading, waitForText, type Driver } from '../driver'
import { journey } from '../journey'

// A worker who keeps their location to themselves picks a district instead, opens a station there
// and rates the visit. Ratings are once per person, place and day: when the same person has already
// rated a place today (from another phone), the server refuses and the page shows its message.

const DISTRICT = '上城区（7）'
const RATED = '湖滨爱心驿站'
const RATED_ELSEWHERE = '钱江新城户外劳动者服务站'

/** Opens the place named `name` from the list on screen. */
async function openFromList(driver: Driver, name: string): Promise<void> {
  await driver.tap(await itemReading(driver, '.e2e-place', name, { inner: '.e2e-place-name' }))
  await waitForText(driver, '.e2e-place .e2e-place-name', name)
}

journey('places: a worker who refuses location picks a district, rates a visit, and a second rating the same day is refused', async ({ driver, step, cloud }) => {
  await step('demo-member refuses the location prompt: the page offers the districts instead', async () => {
    await driver.open('pages/index/index')
    await driver.signIn('demo-member')
    await driver.stubNative('getLocation', { errMsg: 'getLocation:fail auth deny' })
    await driver.tap('.e2e-service-places')
    await driver.waitFor('.e2e-places-district')
    await waitForText(driver, '.e2e-places .e2e-empty', '请选择一个区县')
  })

  await step('picks 上城区 and 户外劳动者服务站: the district’s stations are listed, without distances', async () => {
    await driver.tap(await itemReading(driver, '.e2e-places-district', DISTRICT))
    await driver.tap('.e2e-places-type-outdoor_station')
    await itemReading(driver, '.e2e-place', RATED, { inner: '.e2e-place-name' })
    expect(await driver.exists('.e2e-place-0 .e2e-place-distance')).toBe(false)
  })

  await step(`opens ${RATED} and rates the visit 4 stars with a comment`, async () => {
    await openFromList(driver, RATED)
    await driver.tap('.e2e-rate-star-4')
    await driver.fill('.e2e-rate-comment', '热水充电都有，站长很热情')
    await driver.tap('.e2e-rate-submit')
    await waitForText(driver, '.e2e-rate-done', /^今天已评价 ★★★★：热水充电都有，站长很热情/)
  })

  if (cloud) {
    await step('the rating is stored once, for today', async () => {
      const ratings = (await cloud.collection<{ placeId: string; openid: string; score: number; comment: string | null }>('placeRatings')).filter((doc) => doc.openid === 'demo-member')
      expect(ratings.map((doc) => [doc.placeId, doc.score, doc.comment])).toEqual([['pl-sc-hubin', 4, '热水充电都有，站长很热情']])
    })

    await step(`on ${RATED_ELSEWHERE}, already rated today from another phone, the server’s refusal is shown`, async () => {
      await driver.open('subpackages/places/pages/nearby/index')
      await driver.tap(await itemReading(driver, '.e2e-places-district', DISTRICT))
      await openFromList(driver, RATED_ELSEWHERE)
      await driver.waitFor('.e2e-rate-submit')
      await cloud.callAs('demo-member', 'places', 'rate', { placeId: 'pl-sc-qianjiang', score: 5 })
      await driver.tap('.e2e-rate-star-3')
      await driver.tap('.e2e-rate-submit')
      await waitForText(driver, '.e2e-rate-error', '今天已经评价过这个服务点，明天可以再评')
    })
  }

  await step('changes their mind, allows the location and taps 重新定位: the list is by distance again', async () => {
    await driver.open('subpackages/places/pages/nearby/index')
    await driver.waitFor('.e2e-places-relocate')
    await driver.stubNative('getLocation', { longitude: 120.1641, latitude: 30.2585, accuracy: 30 })
    await driver.tap('.e2e-places-relocate')
    await waitForText(driver, '.e2e-place-0 .e2e-place-name', RATED)
    await waitForText(driver, '.e2e-place-0 .e2e-place-distance', /^\d+ 米$/)
    expect(await driver.exists('.e2e-places-district')).toBe(false)
  })
})
