import { JOIN_RESULT_TEMPLATE } from '@shared/subscribe-templates'
import { application } from '../../functions/membership-fixtures'
import { waitForText, type Driver } from '../driver'

/** 陈小妹 (demo-worker) as the function tests know her: a valid (made-up) ID, so journeys exercise the real checks. */
const { name, idNumber, phone } = application()
export const WORKER = { name, idNumber, phone }

/** The worker allows the join result notification. */
const SUBSCRIBE_ACCEPT = { [JOIN_RESULT_TEMPLATE]: 'accept' as const }

/** Fills the join form the way a person does, ticks the consent and submits. */
export async function fillAndSubmitJoinForm(
  driver: Driver,
  values: { name: string; idNumber: string; phone: string; platform?: string; occupation?: string; district?: string },
): Promise<void> {
  await driver.fill('.e2e-join-name', values.name)
  await driver.fill('.e2e-join-idNumber', values.idNumber)
  await driver.fill('.e2e-join-phone', values.phone)
  if (values.platform !== undefined) await driver.fill('.e2e-join-platform', values.platform)
  if (values.occupation !== undefined) await driver.fill('.e2e-join-occupation', values.occupation)
  if (values.district !== undefined) await driver.fill('.e2e-join-district', values.district)
  if (!(await driver.exists('.e2e-join-consent-on'))) await driver.tap('.e2e-join-consent')
  await driver.stubNative('requestSubscribeMessage', SUBSCRIBE_ACCEPT)
  await driver.tap('#join-submit')
  await waitForText(driver, '.e2e-join-status', '入会申请审核中')
}

/** As union staff: opens the pending queue and the newest application in it. */
export async function openNewestPendingApplication(driver: Driver, name: string): Promise<void> {
  await driver.open('subpackages/staff/pages/applications/index')
  await waitForText(driver, '.e2e-application-0 .e2e-application-name', name)
  await driver.tap('.e2e-application-0')
  await waitForText(driver, '.e2e-application-status', '待审核')
}
