import { PLACE_FEEDBACK_TEMPLATE } from '@shared/subscribe-templates'
import { itemReading, pollUntil, waitForText } from '../driver'
import { journey } from '../journey'

// A rider in 滨江区 looks for the nearest station that is open now and has drinking water and
// charging, opens WeChat's map to get there, finds it locked and reports it closed. The courier
// federation's staff check and resolve the report with a reply; the rider is told by subscribe
// message and reads the reply in 我的反馈. The phone's position is stubbed to a fixed point near
// 江南大道 (GCJ-02), and opening the map is stubbed and checked for the place's coordinates. On
// DevTools the logged-in account plays both parts and must be staff of u-courier.

/** Where the rider stands: 200 m west of the seeded 江南大道快递员爱心驿站. */
const HERE = { longitude: 120.2085, latitude: 30.208 }
const STATION = { name: '江南大道快递员爱心驿站', longitude: 120.2103, latitude: 30.2089 }
const REPLY = '已联系网点，夜间侧门门禁已修好，刷码可进'

journey('places: a rider finds the nearest open station with water and charging, navigates, reports it closed; staff resolve it and the rider is told', async ({ driver, step, cloud }) => {
  await step('demo-worker opens 服务阵地 from the home page; the phone gives a position in 滨江区', async () => {
    await driver.open('pages/index/index')
    await driver.signIn('demo-worker')
    await driver.stubNative('getLocation', { ...HERE, accuracy: 25 })
    await driver.tap('.e2e-service-places')
    await driver.waitFor('.e2e-places')
    await driver.waitFor('.e2e-place-0 .e2e-place-distance')
  })

  await step('filters 户外劳动者服务站 with 饮水 and 充电, open now: the nearest is the 江南大道 station, 200 m away', async () => {
    await driver.tap('.e2e-places-type-outdoor_station')
    await driver.tap('.e2e-places-facility-water')
    await driver.tap('.e2e-places-facility-charging')
    await driver.tap('.e2e-places-openNow')
    await driver.waitFor('.e2e-places-openNow-on')
    await driver.waitFor('.e2e-places-facility-charging-on')
    await waitForText(driver, '.e2e-place-0 .e2e-place-name', STATION.name)
    await waitForText(driver, '.e2e-place-0 .e2e-place-distance', '200 米')
    await waitForText(driver, '.e2e-place-0 .e2e-place-open', '营业中')
  })

  if (cloud) {
    await step('the list is what the places function answers for that question, nearest first', async () => {
      const answer = await cloud.callAs('demo-worker', 'places', 'nearby', { location: HERE, types: ['outdoor_station'], facilities: ['water', 'charging'], openNow: true })
      const names = answer.items.map((place) => place.name)
      expect(names[0]).toBe(STATION.name)
      const distances = answer.items.map((place) => place.distance ?? Infinity)
      expect(distances).toEqual([...distances].sort((a, b) => a - b))
      if (names[1]) await waitForText(driver, '.e2e-place-1 .e2e-place-name', names[1])
    })
  }

  await step('opens the station: 24 小时开放, verified 3 days ago; 导航 opens the map at its coordinates', async () => {
    await driver.tap('.e2e-place-0')
    await waitForText(driver, '.e2e-place .e2e-place-name', STATION.name)
    await waitForText(driver, '.e2e-place-hours', '24 小时开放')
    await waitForText(driver, '.e2e-place-verified', /^核实于 3 天前/)
    await driver.stubNative('openLocation', {})
    await driver.tap('.e2e-place-navigate')
    let calls: Array<Record<string, unknown>> = []
    await pollUntil(async () => (calls = await driver.nativeCalls('openLocation')).length > 0, 'openLocation to be called')
    expect(calls).toHaveLength(1)
    expect(calls[0]).toMatchObject({ longitude: STATION.longitude, latitude: STATION.latitude, name: STATION.name })
  })

  await step('finds it locked and reports it closed, allowing the notice; 我的反馈 lists it as 待处理', async () => {
    await driver.stubNative('requestSubscribeMessage', { [PLACE_FEEDBACK_TEMPLATE]: 'accept' })
    await driver.tap('.e2e-place-report')
    await driver.waitFor('.e2e-place-report-form')
    await driver.tap('#report-submit')
    await waitForText(driver, '.e2e-report-kind-error', '请选择问题类型')
    await driver.tap('.e2e-report-kind-closed')
    await driver.fill('.e2e-report-note', '晚上九点到，门锁着，敲门没人应')
    await driver.tap('#report-submit')
    await driver.waitFor('.e2e-place-feedback')
    await waitForText(driver, '.e2e-feedback-0 .e2e-feedback-title', STATION.name)
    await waitForText(driver, '.e2e-feedback-0 .e2e-feedback-status', '待处理')
  })

  if (cloud) {
    await step('one open report is stored for the courier federation, with the note', async () => {
      const reports = (await cloud.collection<{ placeId: string | null; senderOpenid: string; kind: string; status: string; unionId: string; note: string | null }>('placeFeedback')).filter(
        (doc) => doc.senderOpenid === 'demo-worker',
      )
      expect(reports.map((doc) => [doc.placeId, doc.kind, doc.status, doc.unionId, doc.note])).toEqual([['pl-bj-jiangnan', 'closed', 'open', 'u-courier', '晚上九点到，门锁着，敲门没人应']])
    })
  }

  await step('demo-staff opens 服务点反馈 on the workbench and resolves the report with a reply', async () => {
    await driver.signIn('demo-staff')
    await driver.open('subpackages/staff/pages/home/index')
    await driver.tap('.e2e-staff-tool-place-queue')
    await driver.waitFor('.e2e-staff-place-queue')
    const item = await itemReading(driver, '.e2e-queue', `${STATION.name}：关门或无法进入`, { inner: '.e2e-queue-title' })
    await driver.fill(`${item} .e2e-queue-reply`, REPLY)
    await driver.tap(`${item} .e2e-queue-resolve`)
    await driver.tap('.e2e-queue-tab-resolved')
    await itemReading(driver, '.e2e-queue', `${STATION.name}：关门或无法进入`, { inner: '.e2e-queue-title' })
  })

  if (cloud) {
    await step('the answer reached the rider as a subscribe message that opens 我的反馈', async () => {
      const outbox = (await cloud.collection<{ toOpenid: string; template: string; page: string; data: Record<string, string> }>('outbox')).filter(
        (message) => message.toOpenid === 'demo-worker' && message.template === PLACE_FEEDBACK_TEMPLATE,
      )
      expect(outbox.map((message) => [message.data.thing1, message.data.phrase2, message.data.thing3, message.page])).toEqual([
        [STATION.name, '已处理', REPLY, 'subpackages/places/pages/feedback/index'],
      ])
    })

    await step('the rider reads the reply in 我的反馈', async () => {
      await driver.signIn('demo-worker')
      await driver.open('subpackages/places/pages/feedback/index')
      await waitForText(driver, '.e2e-feedback-0 .e2e-feedback-status', '已处理')
      await waitForText(driver, '.e2e-feedback-0 .e2e-feedback-reply', new RegExp(`^工会回复：${REPLY}`))
    })
  }
})
