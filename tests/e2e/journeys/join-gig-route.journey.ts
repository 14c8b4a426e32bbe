import { itemReading, waitForText } from '../driver'
import { journey } from '../journey'
import { fillAndSubmitJoinForm, WORKER } from './join-steps'

// A 美团 rider without a QR code picks platform and district, is offered the delivery federation and
// the district federation with the reasons, and applies to the first.
journey('join: a gig worker without a QR code is routed by platform and district', async ({ driver, step, cloud }) => {
  await step('sign in as demo-worker and open 入会 from the home page', async () => {
    await driver.open('pages/index/index')
    await driver.signIn('demo-worker')
    await driver.tap('.e2e-service-join')
    await driver.waitFor('.e2e-join-start')
  })

  await step('choose 按平台和区县找工会, platform 美团 and district 滨江区', async () => {
    await driver.tap('.e2e-join-route')
    await driver.waitFor('.e2e-join-route-page')
    // Platforms and districts are data, so their chips are numbered: pick them by what they say.
    await driver.tap(await itemReading(driver, '.e2e-route-platform', '美团'))
    await driver.tap(await itemReading(driver, '.e2e-route-district', '滨江区'))
    await driver.tap('.e2e-route-submit')
  })

  await step('see the delivery federation and the district federation, each with a reason', async () => {
    await waitForText(driver, '.e2e-route-option-0 .e2e-union-name', '示范市外卖配送行业工会联合会')
    await waitForText(driver, '.e2e-route-option-1 .e2e-union-name', '滨江区长河街道工会联合会')
    await waitForText(driver, '.e2e-route-option-0', /美团/)
  })

  await step('apply to the delivery federation: platform and district are filled in', async () => {
    await driver.tap('.e2e-route-choose-0')
    await waitForText(driver, '.e2e-join-union .e2e-union-name', '示范市外卖配送行业工会联合会')
    await fillAndSubmitJoinForm(driver, { ...WORKER, occupation: '外卖骑手' })
    await waitForText(driver, '.e2e-join-status-union', '示范市外卖配送行业工会联合会')
  })

  if (cloud) {
    await step('the application names the platform and district the worker chose', async () => {
      const [application] = (await cloud.collection<Record<string, unknown>>('applications')).filter((doc) => doc.openid === 'demo-worker')
      expect(application).toMatchObject({ unionId: 'u-delivery', status: 'pending', platform: '美团', district: '滨江区', employmentType: 'platform' })
    })
  }
})
