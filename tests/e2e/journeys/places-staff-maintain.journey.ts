import { itemReading, pollUntil, waitForText } from '../driver'
import { journey } from '../journey'

// The courier federation's staff keep their places true: they add a new station with its hours
// (a day typed wrong is named under that day), riders nearby find it at once, staff mark an old
// station as checked today, and take the new one off the map when it closes for works.

const NAME = '浦沿社区快递员爱心驿站'
const AT = { longitude: 120.1688, latitude: 30.1802 }
const CHECKED = '物联网街爱心驿站'

journey('places: staff add a station with its hours, riders find it, staff verify an old one and retire the new one', async ({ driver, step, cloud }) => {
  await step('demo-staff opens 服务阵地 on the workbench and starts a new place', async () => {
    await driver.open('pages/index/index')
    await driver.signIn('demo-staff')
    await driver.open('subpackages/staff/pages/home/index')
    await driver.tap('.e2e-staff-tool-places')
    await driver.waitFor('.e2e-staff-places')
    await driver.tap('.e2e-staff-place-new')
    await driver.waitFor('.e2e-place-form-name')
  })

  await step('fills it in; Wednesday typed in words is named under Wednesday', async () => {
    await driver.fill('.e2e-place-form-name', NAME)
    await driver.tap('.e2e-place-form-type-outdoor_station')
    await driver.fill('.e2e-place-form-district', '滨江区')
    if (driver.target === 'h5') {
      await driver.fill('.e2e-place-form-longitude', String(AT.longitude))
      await driver.fill('.e2e-place-form-latitude', String(AT.latitude))
    } else {
      // In WeChat staff pick the spot on the map (stubbed here with the spot they would pick).
      await driver.stubNative('chooseLocation', { name: '浦沿街道社区服务中心', address: '浙江省杭州市滨江区浦沿路88号', ...AT })
      await driver.tap('.e2e-place-form-map')
      await driver.waitFor(async () => (await driver.nativeCalls('chooseLocation')).length === 1)
    }
    await driver.fill('.e2e-place-form-address', '滨江区浦沿路 88 号 社区服务中心一楼')
    await driver.fill('.e2e-place-form-wed', '早上八点')
    await driver.tap('.e2e-place-form-facility-water')
    await driver.tap('.e2e-place-form-facility-charging')
    await driver.fill('.e2e-place-form-phone', '0571-86690088')
    await driver.tap('#place-form-submit')
    await waitForText(driver, '.e2e-place-form-wed-error', '开门时间格式不正确，应为 时:分，如 08:30')
  })

  await step('corrects Wednesday and saves: the place is listed as checked today', async () => {
    await driver.fill('.e2e-place-form-wed', '07:00-21:00')
    await driver.tap('#place-form-submit')
    await driver.waitFor('.e2e-staff-places')
    const item = await itemReading(driver, '.e2e-staff-place', NAME, { inner: '.e2e-staff-place-name' })
    await waitForText(driver, `${item} .e2e-staff-place-verified`, '今天核实')
  })

  if (cloud) {
    await step('the place is stored with its hours, facilities and position', async () => {
      const place = (await cloud.collection<{ name: string; unionId: string; status: string; facilities: string[]; hours: { always: boolean; weekly: Record<string, unknown> }; location: { coordinates: number[] } }>('places')).find(
        (doc) => doc.name === NAME,
      )!
      expect(place).toMatchObject({ unionId: 'u-courier', status: 'active', facilities: ['water', 'charging'] })
      expect(place.hours.weekly.wed).toEqual([{ open: '07:00', close: '21:00' }])
      expect(place.hours.weekly.mon).toEqual([{ open: '09:00', close: '17:30' }])
      expect(place.location.coordinates).toEqual([AT.longitude, AT.latitude])
    })
  }

  await step('a rider standing at the door finds it first in 服务阵地', async () => {
    await driver.signIn('demo-worker')
    await driver.stubNative('getLocation', { ...AT, accuracy: 20 })
    await driver.open('subpackages/places/pages/nearby/index')
    await waitForText(driver, '.e2e-place-0 .e2e-place-name', NAME)
    await waitForText(driver, '.e2e-place-0 .e2e-place-distance', '10 米')
  })

  await step(`demo-staff checks ${CHECKED} on site and marks it verified`, async () => {
    await driver.signIn('demo-staff')
    await driver.open('subpackages/staff/pages/places/list/index')
    const item = await itemReading(driver, '.e2e-staff-place', CHECKED, { inner: '.e2e-staff-place-name' })
    await waitForText(driver, `${item} .e2e-staff-place-verified`, '核实于 41 天前')
    await driver.tap(`${item} .e2e-staff-place-verify`)
    // The list is ordered by when each place was last checked, so the row moves to the end.
    await pollUntil(async () => {
      const row = await itemReading(driver, '.e2e-staff-place', CHECKED, { inner: '.e2e-staff-place-name' })
      return (await driver.text(`${row} .e2e-staff-place-verified`)) === '今天核实'
    }, `${CHECKED} to read 今天核实`)
  })

  await step('the new station closes for works: demo-staff retires it with the reason; it moves to 已停用', async () => {
    const item = await itemReading(driver, '.e2e-staff-place', NAME, { inner: '.e2e-staff-place-name' })
    await driver.tap(`${item} .e2e-staff-place-retire`)
    await driver.fill(`${item} .e2e-staff-place-reason`, '社区服务中心装修，暂停开放')
    await driver.tap(`${item} .e2e-staff-place-retire-confirm`)
    await driver.tap('.e2e-staff-places-tab-retired')
    await itemReading(driver, '.e2e-staff-place', NAME, { inner: '.e2e-staff-place-name' })
  })

  if (cloud) {
    await step('riders no longer find it; the check and the retirement are on record', async () => {
      const nearby = await cloud.callAs('demo-worker', 'places', 'nearby', { location: AT })
      expect(nearby.items.map((place) => place.name)).not.toContain(NAME)
      const audit = (await cloud.collection<{ action: string; actorOpenid: string }>('auditLog')).filter((entry) => entry.action.startsWith('places.'))
      expect(audit.map((entry) => [entry.action, entry.actorOpenid])).toEqual(
        expect.arrayContaining([
          ['places.save.create', 'demo-staff'],
          ['places.verify', 'demo-staff'],
          ['places.retire', 'demo-staff'],
        ]),
      )
    })
  }
})
