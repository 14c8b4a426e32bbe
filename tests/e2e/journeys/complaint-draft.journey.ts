import { waitForText } from '../driver'
import { journey } from '../journey'

const DESCRIPTION = '平台站长让我们下班后去赌博网站充值抵押金，不去就扣当天的配送费。'

// 陈小妹 (a rider, not a member) starts a complaint, leaves the page and comes back to find it as
// she left it; the content check refuses one sentence, says which field, and keeps her text.
journey('complaint: a draft survives leaving the page, and a content refusal keeps what was typed', async ({ driver, step, cloud }) => {
  await step('sign in as demo-worker and start a complaint', async () => {
    await driver.open('subpackages/complaint/pages/start/index')
    await driver.signIn('demo-worker')
    await driver.tap('.e2e-complaint-new')
    await driver.waitFor('.e2e-complaint-form')
  })

  await step('pick a category and a district, and write', async () => {
    await driver.tap('.e2e-complaint-category-platform_rules')
    await driver.tap('.e2e-complaint-district-0')
    await waitForText(driver, '.e2e-complaint-destination', /^将提交给：.+工会联合会$/)
    await driver.fill('.e2e-complaint-description', DESCRIPTION)
    await driver.fill('.e2e-complaint-employer', '某某外卖平台拱墅站')
  })

  await step('leave for the home page and come back to the draft', async () => {
    await driver.open('pages/index/index')
    await driver.waitFor('.e2e-home')
    await driver.open('subpackages/complaint/pages/start/index')
    await waitForText(driver, '.e2e-complaint-new', '继续填写未提交的求助')
    await driver.tap('.e2e-complaint-new')
    await waitForText(driver, '.e2e-complaint-category-hint', /平台/)
    await waitForText(driver, '.e2e-complaint-destination', /工会联合会/)
    await waitForText(driver, '.e2e-complaint-description', new RegExp(`${[...DESCRIPTION].length}/2000`))
  })

  await step('submit: the check names the description and keeps the text', async () => {
    await driver.tap('.e2e-complaint-submit')
    await waitForText(driver, '.e2e-complaint-description-error', '情况描述中有不适合提交的内容，请修改这部分后再提交')
    await waitForText(driver, '.e2e-complaint-description', new RegExp(`${[...DESCRIPTION].length}/2000`))
    expect(await driver.currentRoute()).toBe('subpackages/complaint/pages/new/index')
    if (cloud) expect(await cloud.collection('complaints')).toEqual([])
  })
})
