import { ACTIVITY_CANCELLED_TEMPLATE, ACTIVITY_RESULT_TEMPLATE } from '@shared/subscribe-templates'
import { itemReading, waitForText, type Driver } from '../driver'

/** The activity templates: the person allows both notifications when signing up. */
const SUBSCRIBE_ACCEPT = { [ACTIVITY_RESULT_TEMPLATE]: 'accept' as const, [ACTIVITY_CANCELLED_TEMPLATE]: 'accept' as const }

/** On an activity's page: signs up (allowing the notifications) and waits for the sign-up to read `status`. */
export async function signUpHere(driver: Driver, status: string | RegExp): Promise<void> {
  await driver.stubNative('requestSubscribeMessage', SUBSCRIBE_ACCEPT)
  await driver.tap('.e2e-activity-signup')
  await waitForText(driver, '.e2e-my-signup-status', status)
}

/** Taps the activity card titled `title` in the list on screen (活动, 我的活动 or the staff list). */
export async function tapActivityCard(driver: Driver, title: string): Promise<void> {
  await driver.tap(await itemReading(driver, '.e2e-activity-card', title, { inner: '.e2e-activity-card-title' }))
}

/** The edit form's time fields, as minutes from the journey's start. */
export type ActivityTimes = Record<'startAt' | 'endAt' | 'signupOpensAt' | 'signupClosesAt' | 'cancelCutoffAt', number>

/** Fills staff's activity form the way a person types it (times in China time, `2026-07-01 09:00`). */
export async function fillActivityForm(
  driver: Driver,
  at: (minutes: number) => string,
  values: { title: string; place: string; description: string; capacity: number; times: ActivityTimes; category?: string; allocation?: 'lottery' },
): Promise<void> {
  await driver.fill('.e2e-edit-title', values.title)
  if (values.category) await driver.tap(`.e2e-edit-category-${values.category}`)
  await driver.fill('.e2e-edit-place', values.place)
  await driver.fill('.e2e-edit-description', values.description)
  for (const [field, minutes] of Object.entries(values.times)) await driver.fill(`.e2e-edit-${field}`, at(minutes))
  await driver.fill('.e2e-edit-capacity', String(values.capacity))
  if (values.allocation) await driver.tap(`.e2e-edit-allocation-${values.allocation}`)
}
