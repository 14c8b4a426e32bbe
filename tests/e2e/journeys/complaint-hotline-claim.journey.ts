import { waitForText } from '../driver'
import { journey } from '../journey'

interface StoredComplaint {
  trackingNumber: string
  ownerOpenid: string | null
  routedBy: string
  contactPhoneCipher: string
}

// 陈大勇 rings 12351: his last month's wages were never paid. 李干事 registers the case while on the
// phone and reads him the tracking number; that evening he opens the app, claims the case with the
// number, the last four digits of his phone and his name, and finds it under 我的求助.
journey('complaint: staff register a hotline call, and the caller claims the case in the app', async ({ driver, step, cloud }) => {
  let trackingNumber = ''

  await step('staff open 热线来电登记 from the workbench', async () => {
    await driver.open('subpackages/staff/pages/home/index')
    await driver.signIn('demo-staff')
    await driver.tap('.e2e-staff-tool-intake')
    await driver.waitFor('.e2e-staff-intake')
  })

  await step('write down the caller and the case, and register it', async () => {
    await driver.fill('.e2e-intake-callerName', '陈大勇')
    await driver.fill('.e2e-intake-callerPhone', '13987654321')
    await driver.tap('.e2e-intake-category-wage_arrears')
    await driver.fill('.e2e-intake-description', '来电人反映：在快递分拣中心做临时工三个月，最后一个月工资 3600 元至今未发。')
    await driver.fill('.e2e-intake-employer', '示范市某某快递分拣中心')
    await driver.fill('.e2e-intake-amountOwed', '3600')
    await driver.tap('.e2e-intake-submit')
    await waitForText(driver, '.e2e-intake-tracking', /^WQ\d{8}-\d{4}$/)
    trackingNumber = await driver.text('.e2e-intake-tracking')
    if (cloud) {
      const [stored] = await cloud.collection<StoredComplaint>('complaints')
      expect(stored).toMatchObject({ trackingNumber, ownerOpenid: null, routedBy: 'intake' })
      expect(JSON.stringify(stored)).not.toContain('13987654321')
    }
  })

  await step('the case page shows the masked caller, not yet claimed', async () => {
    await driver.tap('.e2e-intake-open')
    await waitForText(driver, '.e2e-staff-intake', /来电人 陈\*\*/)
    await waitForText(driver, '.e2e-staff-intake', /尚未在小程序认领/)
    await waitForText(driver, '.e2e-staff-complainant', /139\*\*\*\*4321/)
  })

  await step('the caller opens 维权求助 and the claim page', async () => {
    await driver.open('subpackages/complaint/pages/start/index')
    await driver.signIn('demo-worker')
    await driver.waitFor('.e2e-complaint-start .e2e-empty')
    await driver.tap('.e2e-complaint-claim-link')
    await driver.waitFor('.e2e-complaint-claim')
  })

  await step('a wrong last four digits reveal nothing', async () => {
    await driver.fill('.e2e-claim-trackingNumber', trackingNumber)
    await driver.fill('.e2e-claim-phoneLast4', '1234')
    await driver.fill('.e2e-claim-name', '陈大勇')
    await driver.tap('.e2e-claim-submit')
    await waitForText(driver, '.e2e-claim-name-error', '查询编号、手机号后四位或姓名不正确，请核对后再试')
  })

  await step('the right answers open the case as his own', async () => {
    await driver.fill('.e2e-claim-phoneLast4', '4321')
    await driver.tap('.e2e-claim-submit')
    await driver.waitFor('.e2e-complaint-case')
    await waitForText(driver, '.e2e-case-tracking', trackingNumber)
    await waitForText(driver, '.e2e-case-status', '已提交')
    await waitForText(driver, '.e2e-case-countdown', /^还剩 \d+ 个工作日$/)
    await waitForText(driver, '.e2e-case-timeline', /在小程序认领了案件/)
    await waitForText(driver, '.e2e-case-timeline', /工会工作人员 登记了热线来电/)
  })

  await step('it is listed under 我的求助', async () => {
    await driver.open('subpackages/complaint/pages/start/index')
    await waitForText(driver, '.e2e-complaint-item', new RegExp(trackingNumber))
    if (cloud) {
      const [stored] = await cloud.collection<StoredComplaint>('complaints')
      expect(stored!.ownerOpenid).toBe('demo-worker')
    }
  })
})
