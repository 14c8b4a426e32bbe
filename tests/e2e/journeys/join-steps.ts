import { pollUntil, waitForText, type Driver } from '../driver'

/** 陈小妹's form values: a valid (made-up) ID, so the journeys exercise the real checks. */
export const WORKER = { name: '陈小妹', idNumber: '330108199207083020', birthDate: '1992-07-08', phone: '13812345678' }

/** The join result template (shared/subscribe-templates.ts JOIN_RESULT_TEMPLATE): the worker allows the notification. */
export const SUBSCRIBE_ACCEPT = { 'unionhub-join-result': 'accept' as const }

/**
 * Taps the chip `<prefix>-<i>` whose text is `label`. Chips are numbered by position (their values
 * are Chinese and cannot be class names), so the journey finds the one a person would read.
 */
export async function tapChip(driver: Driver, prefix: string, label: string): Promise<void> {
  let found = ''
  await pollUntil(
    async () => {
      for (let index = 0; index < 30; index += 1) {
        const selector = `.${prefix}-${index}`
        if (!(await driver.exists(selector))) return false
        if ((await driver.text(selector)) === label) {
          found = selector
          return true
        }
      }
      return false
    },
    `a chip ${prefix}-… reading ${label}`,
  )
  await driver.tap(found)
}

/** Fills the join form the way a person does, ticks the consent and submits. */
export async function fillAndSubmitJoinForm(
  driver: Driver,
  values: { name: string; idNumber: string; phone: string; platform?: string; occupation?: string; district?: string },
): Promise<void> {
  await driver.fill('.e2e-join-name', values.name)
  await driver.fill('.e2e-join-id', values.idNumber)
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
