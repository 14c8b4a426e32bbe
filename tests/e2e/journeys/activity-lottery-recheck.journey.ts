import { createHash } from 'node:crypto'
import { chinaDateTime } from '@shared/rules/china-time'
import { pollUntil, waitForText } from '../driver'
import { journey } from '../journey'
import { fillActivityForm, signUpHere, tapActivityCard } from './activity-steps'

// Staff publish a lottery for one ticket; two people enter. The commitment to the seed is on the
// page before anyone enters. Staff close sign-up and draw; the seed is revealed, it matches the
// commitment, and a member re-runs the draw on the phone. The winner checks in at the venue by
// scanning the rotating event code from 我的活动.
//
// On DevTools the real cloud sees one account, so the second entrant, the database checks and the
// event code (read here through the local cloud) are H5 only; the account must be staff of u-courier.

const TITLE = '劳模工匠讲堂入场券抽签'

journey('activity lottery: commitment before entry, draw at close, re-checked on the phone, winner checks in by event code', async ({ driver, step, cloud }) => {
  const now = Date.now()
  const at = (minutes: number) => chinaDateTime(new Date(now + minutes * 60_000))
  let commitment = ''

  await step('demo-staff publishes a lottery for one ticket', async () => {
    await driver.open('pages/index/index')
    await driver.signIn('demo-staff')
    await driver.open('subpackages/staff/pages/activities/edit/index')
    await driver.waitFor('.e2e-staff-activity-edit')
    await fillActivityForm(driver, at, {
      title: TITLE,
      category: 'talk',
      place: '示范市职工服务中心 三楼报告厅',
      description: '全国劳动模范讲述从一线快递员到技能大师的经历。入场券 1 张，报名截止后公开抽签。',
      times: { startAt: 60, endAt: 150, signupOpensAt: -10, signupClosesAt: 30, cancelCutoffAt: 40 },
      capacity: 1,
      allocation: 'lottery',
    })
    await driver.tap('.e2e-edit-publish')
    await waitForText(driver, '.e2e-manage-title', TITLE)
    await waitForText(driver, '.e2e-manage-state', '抽签 · 1 个名额')
  })

  await step('demo-member sees the seed commitment before entering, and enters', async () => {
    await driver.signIn('demo-member')
    await driver.open('pages/activities/index')
    await tapActivityCard(driver, TITLE)
    await waitForText(driver, '.e2e-lottery-commitment', /^[0-9a-f]{64}$/)
    commitment = await driver.text('.e2e-lottery-commitment')
    await signUpHere(driver, '已报名，待抽签')
  })

  if (cloud) {
    await step('demo-worker enters too (the lottery is open to everyone)', async () => {
      await driver.signIn('demo-worker')
      await driver.open('pages/activities/index')
      await tapActivityCard(driver, TITLE)
      await signUpHere(driver, '已报名，待抽签')
    })
  }

  await step('demo-staff closes sign-up and draws', async () => {
    await driver.signIn('demo-staff')
    await driver.open('subpackages/staff/pages/activities/list/index')
    await tapActivityCard(driver, TITLE)
    await waitForText(driver, '.e2e-manage-title', TITLE)
    await driver.tap('.e2e-manage-edit')
    await driver.waitFor('.e2e-staff-activity-edit')
    // Sign-up ended two minutes ago: past the one-minute grace before a draw.
    await driver.fill('.e2e-edit-signupOpensAt', at(-10))
    await driver.fill('.e2e-edit-signupClosesAt', at(-2))
    await driver.tap('.e2e-edit-save')
    await waitForText(driver, '.e2e-manage-state', '待开奖')
    await driver.tap('.e2e-manage-draw')
    await waitForText(driver, '.e2e-manage-state', '已开奖')
  })

  await step('demo-member sees the seed, which is the one committed to', async () => {
    await driver.signIn('demo-member')
    await driver.open('pages/activities/index')
    await tapActivityCard(driver, TITLE)
    await waitForText(driver, '.e2e-lottery-seed', /^[0-9a-f]{64}$/)
    const seed = await driver.text('.e2e-lottery-seed')
    expect(createHash('sha256').update(seed).digest('hex')).toBe(commitment)
    await waitForText(driver, '.e2e-lottery-result', cloud ? /共 2 人报名，1 人中签$/ : /人中签$/)
    await waitForText(driver, '.e2e-my-signup-status', /^(已中签|未中签（候补中） · 第 1 位)$/)
  })

  await step('demo-member re-runs the draw on the phone: every check passes', async () => {
    await driver.tap('.e2e-lottery-verify')
    await waitForText(driver, '.e2e-verify-draw-verdict', '复核一致')
    await driver.waitFor('.e2e-verify-check-commitment')
    await driver.waitFor('.e2e-verify-check-winners')
    await waitForText(driver, '.e2e-verify-check-mine', /我的报名在抽签名单中/)
  })

  if (cloud) {
    await step('the winner checks in by scanning the event code staff show at the door', async () => {
      const activity = (await cloud.collection<{ _id: string; title: string }>('activities')).find((doc) => doc.title === TITLE)!
      const winner = (await cloud.collection<{ activityId: string; openid: string; status: string }>('signups')).find(
        (doc) => doc.activityId === activity._id && doc.status === 'confirmed',
      )!
      const shown = await cloud.callAs('demo-staff', 'activities', 'checkInCode', { activityId: activity._id })
      await driver.signIn(winner.openid)
      await driver.open('subpackages/activity/pages/mine/index')
      await driver.stubNative('scanCode', { result: shown.code, scanType: 'QR_CODE' })
      await driver.tap('.e2e-self-checkin')
      await waitForText(driver, '.e2e-self-checkin-result', `签到成功：${TITLE}`)
      await pollUntil(async () => (await driver.text('.e2e-activity-card-0 .e2e-my-activity-status')) === '已签到', 'the card to read 已签到')
    })
  }
})
