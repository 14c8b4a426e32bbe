import { waitForText, type Driver } from '../driver'

/** Signs in as `openid` on the staff case list, opens the `tab` (`open`, `reviewing`, …) and its first case. */
export async function openStaffCase(driver: Driver, openid: string, tab = 'open'): Promise<void> {
  await driver.open('subpackages/casework/pages/complaints/list/index')
  await driver.signIn(openid)
  await driver.tap(`.e2e-staff-tab-${tab}`)
  await driver.waitFor('.e2e-staff-case-item')
  await driver.tap('.e2e-staff-case-item')
  await driver.waitFor('.e2e-staff-case')
}

/** Signs in as `openid` on 维权求助 and opens their (first) case. */
export async function openMyCase(driver: Driver, openid: string): Promise<void> {
  await driver.open('subpackages/complaint/pages/start/index')
  await driver.signIn(openid)
  await driver.tap('.e2e-complaint-item')
  await driver.waitFor('.e2e-complaint-case')
}

/** On a staff case page: takes the status button `to`, writes `note` (if any) and confirms; waits for `status`. */
export async function moveCase(driver: Driver, to: string, status: string, note?: string): Promise<void> {
  await driver.tap(`.e2e-staff-action-${to}`)
  if (note) await driver.fill('.e2e-transition-note', note)
  await driver.tap('.e2e-staff-confirm')
  await waitForText(driver, '.e2e-case-status', status)
}

/** An admin's quality check of the first case waiting for one: `pass`, or `reopen` with a note. */
export async function qualityCheck(driver: Driver, verdict: 'pass' | 'reopen', note?: string): Promise<void> {
  await openStaffCase(driver, 'demo-admin', 'reviewing')
  await driver.tap('.e2e-staff-step-qualityCheck-open')
  await driver.tap(`.e2e-step-verdict-${verdict}`)
  if (note) await driver.fill('.e2e-step-note', note)
  await driver.tap('.e2e-staff-step-confirm')
  await waitForText(driver, '.e2e-case-status', verdict === 'pass' ? '已结案' : '处理中')
}
