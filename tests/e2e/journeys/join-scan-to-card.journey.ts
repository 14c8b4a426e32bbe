import { waitForText } from '../driver'
import { journey } from '../journey'
import { fillAndSubmitJoinForm, openNewestPendingApplication, WORKER } from './join-steps'

// A courier scans the courier federation's join code, applies, is approved by the federation's staff
// and finds the electronic member card on 我的. On DevTools the logged-in account plays both parts:
// it must not be a member yet and must be staff of u-courier in that cloud environment.
journey('join: scan the union code, apply, approved by staff, see the member card', async ({ driver, step, cloud }) => {
  await step('sign in as demo-worker', async () => {
    await driver.open('pages/index/index')
    await driver.signIn('demo-worker')
  })

  await step('open the app from the courier federation QR code: the form has the union preselected', async () => {
    await driver.open('subpackages/join/pages/start/index', { scene: 'j.courier' })
    await driver.waitFor('.e2e-join-form')
    await waitForText(driver, '.e2e-join-union .e2e-union-name', '示范市快递行业工会联合会')
  })

  await step('a bad check digit is named under the ID field', async () => {
    await driver.fill('.e2e-join-idNumber', '330108199207083021')
    await driver.tap('#join-submit')
    await waitForText(driver, '.e2e-join-idNumber-error', '身份证号校验位不正确，请核对后重新填写')
  })

  await step('fill in the form and submit', async () => {
    await fillAndSubmitJoinForm(driver, { ...WORKER, platform: '顺丰', occupation: '快递员', district: '滨江区' })
    await waitForText(driver, '.e2e-join-status-union', '示范市快递行业工会联合会')
  })

  if (cloud) {
    await step('one pending application is stored, without the ID or phone in clear', async () => {
      const applications = (await cloud.collection<Record<string, unknown>>('applications')).filter((doc) => doc.openid === 'demo-worker')
      expect(applications.map((doc) => doc.status)).toEqual(['pending'])
      expect(JSON.stringify(applications)).not.toContain(WORKER.idNumber)
      expect(JSON.stringify(applications)).not.toContain(WORKER.phone)
    })
  }

  await step('demo-staff opens the application: ID and phone are masked', async () => {
    await driver.signIn('demo-staff')
    await openNewestPendingApplication(driver, WORKER.name)
    await waitForText(driver, '.e2e-application-id', `330${'*'.repeat(11)}3020`)
    await waitForText(driver, '.e2e-application-phone', '138****5678')
  })

  await step('demo-staff approves and a member number is issued', async () => {
    await driver.tap('.e2e-application-approve')
    await driver.tap('.e2e-application-approve-confirm')
    await waitForText(driver, '.e2e-application-status', '已通过')
    await waitForText(driver, '.e2e-application-member-number', /^\d{12}$/)
  })

  await step('demo-worker sees the member card on 我的', async () => {
    await driver.signIn('demo-worker')
    await driver.open('pages/me/index')
    await waitForText(driver, '.e2e-membership-status', '工会会员')
    await driver.waitFor('.e2e-member-card')
    await waitForText(driver, '.e2e-member-card-name', WORKER.name)
    await waitForText(driver, '.e2e-member-card-union', '示范市快递行业工会联合会')
    await waitForText(driver, '.e2e-member-card-number', /^\d{12}$/)
    await driver.waitFor('.e2e-member-card-qr')
  })

  if (cloud) {
    await step('the decision reached the applicant through the outbox', async () => {
      const outbox = (await cloud.collection<{ toOpenid: string; data: Record<string, string> }>('outbox')).filter((m) => m.toOpenid === 'demo-worker')
      expect(outbox.map((m) => m.data.phrase2)).toEqual(['已通过'])
    })
  }
})
