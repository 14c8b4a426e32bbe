import { waitForText } from '../driver'
import { journey } from '../journey'
import { moveCase, openMyCase, openStaffCase, qualityCheck } from './complaint-steps'

interface StoredComplaint {
  status: string
  tier: string | null
  deadlines: { resolveExtension: { reason: string } | null }
  qualityCheck: { passed: boolean } | null
}

// A courier's platform keeps fining him for late deliveries the system itself delays. 李干事 judges
// it 难点, extends the deadline once while waiting for the platform's records, and resolves it; on
// the callback the courier is not satisfied, so 王主席's quality check sends it back; resolved
// again, the courier rates it and the check passes.
journey('complaint: a 难点 case is extended, resolved, called back, reopened by the quality check, resolved and closed', async ({ driver, step, cloud }) => {
  await step('the member files a platform-rules case', async () => {
    await driver.open('subpackages/complaint/pages/new/index')
    await driver.signIn('demo-member')
    await driver.tap('.e2e-complaint-category-platform_rules')
    await driver.fill('.e2e-complaint-description', '平台系统派单延迟，却按超时罚我每单 20 元，这个月已被罚 600 元，申诉一直没有结果。')
    await driver.fill('.e2e-complaint-employer', '某某同城配送平台')
    await driver.tap('.e2e-complaint-submit')
    await driver.waitFor('.e2e-complaint-filed')
    await waitForText(driver, '.e2e-case-countdown', /^还剩 \d 个工作日$/)
  })

  await step('staff accept it as 难点 and see its 30 working days', async () => {
    await openStaffCase(driver, 'demo-staff')
    await driver.tap('.e2e-staff-action-accepted')
    await driver.tap('.e2e-transition-tier-difficult')
    await waitForText(driver, '.e2e-transition-tier-hint', '难点案件须在受理后 30 个工作日内办结')
    await driver.tap('.e2e-staff-confirm')
    await waitForText(driver, '.e2e-case-status', '已受理')
    await waitForText(driver, '.e2e-case-tier', '案件分级：难点')
    await waitForText(driver, '.e2e-case-countdown', '还剩 30 个工作日')
  })

  await step('staff extend the deadline once, with a reason', async () => {
    await driver.tap('.e2e-staff-step-extend-open')
    await driver.tap('.e2e-step-days-5')
    await driver.tap('.e2e-step-reason-1')
    await driver.tap('.e2e-staff-step-confirm')
    await waitForText(driver, '.e2e-case-extension', /延至 .+：用人单位未按时答复$/)
    await waitForText(driver, '.e2e-case-countdown', '还剩 35 个工作日')
    expect(await driver.exists('.e2e-staff-step-extend-open')).toBe(false)
  })

  await step('the worker sees the new date and the reason', async () => {
    await openMyCase(driver, 'demo-member')
    await waitForText(driver, '.e2e-case-extension', /：用人单位未按时答复$/)
    await waitForText(driver, '.e2e-case-countdown', '还剩 35 个工作日')
    await waitForText(driver, '.e2e-case-timeline', /工会工作人员 延长了期限/)
  })

  await step('staff handle and resolve it', async () => {
    await openStaffCase(driver, 'demo-staff')
    await moveCase(driver, 'in_progress', '处理中')
    await moveCase(driver, 'resolved', '已办结', '平台已撤销 10 单罚款，退还 200 元。')
  })

  await step('staff call the worker back: reached, not satisfied', async () => {
    await driver.tap('.e2e-staff-step-callback-open')
    await driver.tap('.e2e-step-reached-yes')
    await driver.tap('.e2e-step-satisfaction-dissatisfied')
    await driver.fill('.e2e-step-note', '只退了一部分，其余罚款仍未撤销')
    await driver.tap('.e2e-staff-step-confirm')
    await waitForText(driver, '.e2e-case-status', '待质检')
    await waitForText(driver, '.e2e-staff-callback', /电话回访.*不满意/)
  })

  await step('the admin\'s quality check reopens it with a note', async () => {
    await qualityCheck(driver, 'reopen', '其余 400 元罚款请继续与平台交涉')
    await waitForText(driver, '.e2e-case-countdown', '还剩 30 个工作日')
    await waitForText(driver, '.e2e-case-timeline', /工会质检 质检退回，重新办理/)
  })

  await step('staff resolve it again', async () => {
    await openStaffCase(driver, 'demo-staff')
    await moveCase(driver, 'resolved', '已办结', '平台已撤销全部 30 单罚款，共退还 600 元。')
  })

  await step('the worker rates it: the callback is done', async () => {
    await openMyCase(driver, 'demo-member')
    await waitForText(driver, '.e2e-case-next', /您的评价就是工会的回访/)
    await driver.tap('.e2e-rate-star-5')
    await driver.tap('.e2e-rate-submit')
    await waitForText(driver, '.e2e-case-status', '待质检')
  })

  await step('the quality check passes and the case closes', async () => {
    await qualityCheck(driver, 'pass')
    if (cloud) {
      const [stored] = await cloud.collection<StoredComplaint>('complaints')
      expect(stored).toMatchObject({ status: 'closed', tier: 'difficult', deadlines: { resolveExtension: null }, qualityCheck: { passed: true } })
    }
  })

  await step('the worker reads every step on one timeline', async () => {
    await openMyCase(driver, 'demo-member')
    await waitForText(driver, '.e2e-case-status', '已结案')
    const timeline = await driver.text('.e2e-case-timeline')
    for (const words of ['提交了求助', '受理了案件（难点）', '延长了期限', '回访：不满意', '质检退回，重新办理', '评价 ★★★★★', '质检通过，案件结案']) expect(timeline).toContain(words)
  })
})
