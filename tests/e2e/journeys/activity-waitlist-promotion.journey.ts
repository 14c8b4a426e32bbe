import { ACTIVITY_RESULT_TEMPLATE } from '@shared/subscribe-templates'
import { chinaDateTime } from '@shared/rules/china-time'
import { application } from '../../functions/membership-fixtures'
import { pollUntil, waitForText, type Driver } from '../driver'
import { journey } from '../journey'
import { fillActivityForm, signUpHere, tapActivityCard } from './activity-steps'

// Staff publish a first-come activity with one seat. Two members sign up: the first gets the seat,
// the second goes on the waitlist. The first cancels; the second is promoted and told. At the door
// staff check the promoted member in by scanning their member card.
//
// On H5 demo-worker is first made a member through the membership functions (apply, approved by
// demo-staff), and the member card code the staff "scan" is demo-member's real rotating code. On
// DevTools the real cloud sees one WeChat account only, so the steps that need a second person or
// the local cloud are skipped there (each says so); the account must be staff of u-courier.

const TITLE = '快递员夏季防暑慰问品领取'
/** Opens the activity titled `title` from a member's list. */
async function openCard(driver: Driver, title: string): Promise<void> {
  await tapActivityCard(driver, title)
  await waitForText(driver, '.e2e-activity-title', title)
}

journey('activity: one seat, a waitlist, a cancellation promotes the next, staff check them in by card', async ({ driver, step, cloud }) => {
  const now = Date.now()
  const at = (minutes: number) => chinaDateTime(new Date(now + minutes * 60_000))

  if (cloud) {
    await step('demo-worker becomes a member of the courier federation (through the membership functions)', async () => {
      const applied = await cloud.callAs('demo-worker', 'membership', 'apply', application())
      await cloud.callAs('demo-staff', 'membership', 'review', { applicationId: applied.applicationId, decision: 'approve' })
    })
  }

  await step('demo-staff opens 活动管理 on the workbench and starts a new activity', async () => {
    await driver.open('pages/index/index')
    await driver.signIn('demo-staff')
    await driver.open('subpackages/staff/pages/home/index')
    await driver.tap('.e2e-staff-tool-activities')
    await driver.waitFor('.e2e-staff-activities')
    await driver.tap('.e2e-staff-activity-new')
    await driver.waitFor('.e2e-staff-activity-edit')
  })

  await step('a time that is not a date is named under its field', async () => {
    await driver.fill('.e2e-edit-startAt', '下周一上午')
    await driver.tap('.e2e-edit-publish')
    await waitForText(driver, '.e2e-edit-startAt-error', '活动开始时间请按“2026-07-01 09:00”的格式填写')
  })

  await step('fills in a first-come activity with one seat, starting within the hour, and publishes it', async () => {
    await fillActivityForm(driver, at, {
      title: TITLE,
      place: '滨江区江南大道 88 号 快递员爱心驿站',
      description: '每人一份防暑降温礼包，凭电子会员卡签到领取。',
      times: { startAt: 60, endAt: 180, signupOpensAt: -5, signupClosesAt: 50, cancelCutoffAt: 40 },
      capacity: 1,
    })
    await driver.tap('.e2e-edit-publish')
    await driver.waitFor('.e2e-staff-activity-manage')
    await waitForText(driver, '.e2e-manage-title', TITLE)
    await waitForText(driver, '.e2e-manage-state', '余 1 席')
  })

  if (cloud) {
    await step('demo-worker signs up from the 活动 tab and gets the seat', async () => {
      await driver.signIn('demo-worker')
      await driver.open('pages/activities/index')
      await openCard(driver, TITLE)
      await waitForText(driver, '.e2e-activity-badge', '余 1 席')
      await signUpHere(driver, '报名成功')
    })
  }

  await step('demo-member finds the activity full and joins the waitlist in first place', async () => {
    await driver.signIn('demo-member')
    await driver.open('pages/activities/index')
    await openCard(driver, TITLE)
    if (cloud) await waitForText(driver, '.e2e-activity-badge', '已满 · 可候补')
    await signUpHere(driver, cloud ? '候补中 · 第 1 位' : /报名成功|候补中/)
  })

  if (cloud) {
    await step('demo-worker cancels from 我的活动, confirming once more', async () => {
      await driver.signIn('demo-worker')
      await driver.open('subpackages/activity/pages/mine/index')
      await openCard(driver, TITLE)
      await driver.tap('.e2e-activity-cancel')
      await driver.waitFor('.e2e-activity-cancel-ask')
      await driver.tap('.e2e-activity-cancel-confirm')
      await waitForText(driver, '.e2e-my-signup-status', '已取消')
    })

    await step('demo-member has been promoted: 报名成功 with the time of promotion', async () => {
      await driver.signIn('demo-member')
      await driver.open('subpackages/activity/pages/mine/index')
      await pollUntil(async () => (await driver.exists('.e2e-activity-card-0')) && (await driver.text('.e2e-activity-card-0 .e2e-my-activity-status')) === '报名成功', 'demo-member 我的活动 to read 报名成功')
      await openCard(driver, TITLE)
      await waitForText(driver, '.e2e-my-signup-status', '报名成功')
      await driver.waitFor('.e2e-my-signup-promoted')
    })

    await step('the promotion reached demo-member as a subscribe message', async () => {
      const outbox = (await cloud.collection<{ toOpenid: string; template: string; data: Record<string, string> }>('outbox')).filter(
        (message) => message.toOpenid === 'demo-member' && message.template === ACTIVITY_RESULT_TEMPLATE,
      )
      expect(outbox.map((message) => [message.data.thing1, message.data.phrase2])).toEqual([[TITLE, '候补成功']])
    })
  }

  await step('demo-staff opens the roster and the check-in page', async () => {
    await driver.signIn('demo-staff')
    await driver.open('subpackages/staff/pages/activities/list/index')
    await tapActivityCard(driver, TITLE)
    await waitForText(driver, '.e2e-manage-title', TITLE)
    if (cloud) await waitForText(driver, '.e2e-manage-counts', /已确认 1 · 候补 0/)
    await driver.tap('.e2e-manage-checkin')
    await driver.waitFor('.e2e-staff-checkin')
  })

  if (cloud) {
    await step('demo-staff scans demo-member’s card code: checked in, once', async () => {
      const card = await cloud.callAs('demo-member', 'membership', 'card', {})
      await driver.stubNative('scanCode', { result: card.code, scanType: 'QR_CODE' })
      await driver.tap('.e2e-checkin-scan')
      await waitForText(driver, '.e2e-checkin-verdict', '签到成功')
      await waitForText(driver, '.e2e-checkin-name', '张**')
      await driver.tap('.e2e-checkin-scan')
      await waitForText(driver, '.e2e-checkin-verdict', '已签到过')
    })

    await step('the database holds one checked-in sign-up, by card, and the worker’s cancelled one', async () => {
      const activity = (await cloud.collection<{ _id: string; title: string; confirmedCount: number; capacity: number }>('activities')).find((doc) => doc.title === TITLE)!
      expect(activity).toMatchObject({ capacity: 1, confirmedCount: 1 })
      const signups = (await cloud.collection<{ activityId: string; openid: string; status: string; checkInMethod: string | null }>('signups')).filter(
        (doc) => doc.activityId === activity._id,
      )
      expect(signups.map((doc) => [doc.openid, doc.status, doc.checkInMethod]).sort()).toEqual([
        ['demo-member', 'checked_in', 'card'],
        ['demo-worker', 'cancelled', null],
      ])
    })
  }
})
