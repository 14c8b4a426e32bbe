import { waitForText } from '../driver'
import { journey } from '../journey'
import { fillAndSubmitJoinForm, openNewestPendingApplication, WORKER } from './join-steps'

// Staff reject an application with a reason; the worker reads it, fixes the form and submits again.
journey('join: a rejected application is fixed and resubmitted', async ({ driver, step, cloud }) => {
  await step('demo-worker applies to the courier federation with a nickname', async () => {
    await driver.open('pages/index/index')
    await driver.signIn('demo-worker')
    await driver.open('subpackages/join/pages/start/index', { scene: 'j.courier' })
    await driver.waitFor('.e2e-join-form')
    await fillAndSubmitJoinForm(driver, { ...WORKER, name: '小妹', platform: '顺丰', occupation: '快递员', district: '滨江区' })
  })

  await step('demo-staff rejects it with a reason from the list', async () => {
    await driver.signIn('demo-staff')
    await openNewestPendingApplication(driver, '小妹')
    await driver.tap('.e2e-application-reject')
    await waitForText(driver, '.e2e-application-reason-error', '请选择或填写不通过的原因')
    await driver.tap('.e2e-application-reason-0')
    await driver.tap('.e2e-application-reject')
    await waitForText(driver, '.e2e-application-status', '未通过')
  })

  await step('demo-worker reads the result and the reason', async () => {
    await driver.signIn('demo-worker')
    await driver.open('pages/me/index')
    await waitForText(driver, '.e2e-membership-status', '入会申请未通过')
    await driver.tap('.e2e-me-link-join')
    await waitForText(driver, '.e2e-join-status', '入会申请未通过')
    await waitForText(driver, '.e2e-join-reject-reason', '姓名与身份证号不一致，请核对后重新提交')
  })

  await step('fix the name, retype ID and phone, and resubmit', async () => {
    await driver.tap('.e2e-join-resubmit')
    await driver.waitFor('.e2e-join-previous-reason')
    await waitForText(driver, '.e2e-join-union .e2e-union-name', '示范市快递行业工会联合会')
    await fillAndSubmitJoinForm(driver, { ...WORKER })
  })

  if (cloud) {
    await step('the rejected application is kept and a new one is pending', async () => {
      const applications = (await cloud.collection<{ openid: string; status: string; name: string }>('applications')).filter((d) => d.openid === 'demo-worker')
      expect(applications.map((d) => `${d.status}:${d.name}`).sort()).toEqual(['pending:陈小妹', 'rejected:小妹'])
    })
  }
})
