import { pollUntil, waitForText } from '../driver'
import { journey } from '../journey'
import { moveCase, qualityCheck } from './complaint-steps'

/** A real 1×1 PNG as a data URL: the H5 upload reads the "temp file" with XHR, as it reads a blob URL. */
const PHOTO = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=='

interface StoredComplaint {
  _id: string
  status: string
  category: string
  amountOwedFen: number | null
  attachments: string[]
  ownerOpenid: string
  unionId: string
  rating: { score: number } | null
}

// 张师傅 (a member of the courier federation) is owed two months' wages. He files a case with two
// photos, sees its tracking number and deadline; 李干事 accepts it as 一般, replies and resolves
// it; his rating is the callback, and the case closes after 王主席's quality check.
journey('complaint: a member files a wage-arrears case, staff handle it, the member rates it and it closes after the quality check', async ({ driver, step, cloud }) => {
  await step('sign in as demo-member and open 维权求助', async () => {
    await driver.open('subpackages/complaint/pages/start/index')
    await driver.signIn('demo-member')
    await driver.waitFor('.e2e-complaint-start')
    await waitForText(driver, '.e2e-hotline', /12351/)
  })

  await step('fill in a wage-arrears case', async () => {
    await driver.tap('.e2e-complaint-new')
    await driver.waitFor('.e2e-complaint-form')
    await driver.tap('.e2e-complaint-category-wage_arrears')
    await waitForText(driver, '.e2e-complaint-category-hint', /工资/)
    await waitForText(driver, '.e2e-complaint-destination', /示范市快递行业工会联合会/)
    await driver.fill('.e2e-complaint-description', '快递站点拖欠我九月、十月两个月的工资，每月应发 4200 元，站长一直推说总部没打款。')
    await driver.fill('.e2e-complaint-employer', '示范市某某快递滨江站点')
    await driver.fill('.e2e-complaint-amountOwed', '8400')
  })

  await step('add two photos as evidence and wait for both uploads', async () => {
    await driver.stubNative('chooseMedia', {
      type: 'image',
      tempFiles: [
        { tempFilePath: PHOTO, size: 70, fileType: 'image' },
        { tempFilePath: PHOTO, size: 70, fileType: 'image' },
      ],
    })
    await driver.tap('.e2e-evidence-add')
    await waitForText(driver, '.e2e-evidence-add', /2\/9/)
    await driver.waitFor('.e2e-evidence-done')
    await pollUntil(async () => !(await driver.exists('.e2e-evidence-uploading')), 'both photos uploaded')
    expect(await driver.exists('.e2e-evidence-failed')).toBe(false)
  })

  await step('submit and see the tracking number, the deadline and the photos', async () => {
    await driver.tap('.e2e-complaint-submit')
    await driver.waitFor('.e2e-complaint-filed')
    await waitForText(driver, '.e2e-case-tracking', /^WQ\d{8}-\d{4}$/)
    await waitForText(driver, '.e2e-case-status', '已提交')
    await waitForText(driver, '.e2e-case-deadline', /^工会将在 \d{1,2}月\d{1,2}日 前受理$/)
    await waitForText(driver, '.e2e-case-amount', '¥8,400.00')
    await driver.waitFor('.e2e-case-evidence .e2e-case-evidence-image')
    if (cloud) {
      const [stored] = await cloud.collection<StoredComplaint>('complaints')
      expect(stored).toMatchObject({ status: 'submitted', category: 'wage_arrears', amountOwedFen: 840000, ownerOpenid: 'demo-member', unionId: 'u-courier' })
      // The case keeps clean copies of the member's own uploads (issue 13 items 2 and 7).
      expect(stored!.attachments).toEqual([expect.stringMatching(/\/complaint-evidence\/kept\//), expect.stringMatching(/\/complaint-evidence\/kept\//)])
    }
  })

  await step('staff open the case from their list', async () => {
    await driver.open('subpackages/casework/pages/complaints/list/index')
    await driver.signIn('demo-staff')
    await driver.waitFor('.e2e-staff-case-item')
    await waitForText(driver, '.e2e-staff-case-item .e2e-staff-case-status', '已提交')
    await driver.tap('.e2e-staff-case-item')
    await driver.waitFor('.e2e-staff-case')
    await waitForText(driver, '.e2e-staff-complainant', /会员号/)
    await driver.waitFor('.e2e-case-evidence .e2e-case-evidence-image')
  })

  await step('staff accept the case as 一般', async () => {
    await driver.tap('.e2e-staff-action-accepted')
    await driver.tap('.e2e-transition-tier-general')
    await driver.fill('.e2e-transition-note', '已受理，将联系站点负责人核实工资发放情况。')
    await driver.tap('.e2e-staff-confirm')
    await waitForText(driver, '.e2e-case-status', '已受理')
    await waitForText(driver, '.e2e-case-deadline', /前办结$/)
    await waitForText(driver, '.e2e-case-countdown', '还剩 15 个工作日')
  })

  await step('staff reply to the worker', async () => {
    await driver.fill('.e2e-reply-message', '请保留好考勤记录和工资条，我们明天上午去站点。')
    await driver.tap('.e2e-staff-reply-submit')
    await waitForText(driver, '.e2e-timeline-reply', /请保留好考勤记录/)
  })

  await step('staff handle and resolve the case', async () => {
    await moveCase(driver, 'in_progress', '处理中')
    await moveCase(driver, 'resolved', '已办结', '经工会协调，站点已于今日补发两个月工资共 8400 元。')
  })

  await step('the member sees the result and rates it', async () => {
    await driver.open('subpackages/complaint/pages/start/index')
    await driver.signIn('demo-member')
    await waitForText(driver, '.e2e-complaint-item .e2e-complaint-item-status', '已办结')
    await driver.tap('.e2e-complaint-item')
    await driver.waitFor('.e2e-rating-form')
    await waitForText(driver, '.e2e-case-timeline', /补发两个月工资/)
    await driver.tap('.e2e-rate-star-5')
    await driver.fill('.e2e-rate-comment', '工会帮我要回了工资，非常感谢！')
    await driver.tap('.e2e-rate-submit')
    await waitForText(driver, '.e2e-case-status', '待质检')
    await waitForText(driver, '.e2e-case-rating', /★★★★★/)
    await waitForText(driver, '.e2e-case-callback', /^回访：满意/)
  })

  await step('the city federation\'s admin passes the quality check and the case closes', async () => {
    await qualityCheck(driver, 'pass')
    if (cloud) {
      const [stored] = await cloud.collection<StoredComplaint>('complaints')
      expect(stored).toMatchObject({ status: 'closed', rating: { score: 5 } })
    }
  })
})
