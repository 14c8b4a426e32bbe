import { waitForText } from '../driver'
import { journey } from '../journey'

// A worker opens the app for the first time, signs in, finds the three services on the home page
// and learns on 我的 that they are not a member yet.
journey('first visit: a worker sees the services and that they are not a member', async ({ driver, step }) => {
  await step('open the app', async () => {
    await driver.open('pages/index/index')
    await driver.waitFor('.e2e-home')
  })

  await step('sign in as demo-worker', async () => {
    await driver.signIn('demo-worker')
  })

  await step('see the home page with the three services', async () => {
    await driver.waitFor('.e2e-home')
    await waitForText(driver, '.e2e-service-join', /入会/)
    await waitForText(driver, '.e2e-service-complaint', /维权/)
    await waitForText(driver, '.e2e-service-activity', /活动/)
  })

  await step('open 我的 and see 还不是会员', async () => {
    await driver.open('pages/me/index')
    await driver.waitFor('.e2e-me')
    await waitForText(driver, '.e2e-membership-status', '还不是会员')
    expect(await driver.currentRoute()).toBe('pages/me/index')
  })
})
