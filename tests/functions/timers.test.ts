import { pendingSignup } from '../../cloudfunctions/src/_lib/records/signups'
import { addPeople, inHours, memberOpenid } from './activities-fixtures'
import { storedCase } from './complaints-fixtures'
import { localCloudForTests } from './harness'

/**
 * Timer jobs run only when the platform's timer trigger calls: a declared trigger, and nobody
 * behind the call. A person sending the timer's event, signed in or not, makes an ordinary call
 * that names no action; an undeclared trigger is refused. After every refusal nothing has changed.
 */
describe('timer triggers', () => {
  const day = 86_400_000
  const cloud = localCloudForTests({
    prepare: async (cloud) => {
      await addPeople(cloud, 1)
      await cloud.insert('complaints', [storedCase({ _id: 'cm-timer-0008', status: 'resolved', resolvedAt: new Date(Date.now() - 8 * day) })])
      // An attempt whose instance died five minutes ago: the activities timer gives it up.
      const activity = { _id: 'act-timer', unionId: 'u-courier', allocation: 'first_come' as const, startAt: new Date(inHours(48)), endAt: new Date(inHours(50)) }
      await cloud.insert('signups', [pendingSignup(activity, memberOpenid(1), { memberId: null, memberNumber: null }, new Date(Date.now() - 5 * 60_000))])
    },
  })
  const caseStatus = async () => (await cloud.collection<{ _id: string; status: string }>('complaints')).find((doc) => doc._id === 'cm-timer-0008')?.status
  const claimStatus = async () => (await cloud.collection<{ activityId: string; status: string }>('signups')).find((doc) => doc.activityId === 'act-timer')?.status
  const unknownAction = { ok: false, error: { code: 'INVALID_INPUT', message: '未知的操作', fields: [{ path: 'action', message: '未知的操作' }] } }
  const event = (TriggerName: string) => ({ Type: 'Timer', TriggerName, Time: new Date().toISOString() })

  it('refuse the timer event from a caller who is not signed in, and from one who is', async () => {
    for (const as of [null, memberOpenid(1)]) {
      expect(await cloud.send('complaints', event('closeResolved'), { as })).toEqual(unknownAction)
      expect(await cloud.send('activities', event('activitySchedule'), { as })).toEqual(unknownAction)
    }
    expect(await caseStatus()).toBe('resolved')
    expect(await claimStatus()).toBe('pending')
  })

  it('refuse a trigger the function does not declare', async () => {
    const unknownTimer = { ok: false, error: { code: 'INVALID_INPUT', message: '未知的定时任务' } }
    expect(await cloud.timer('complaints', 'activitySchedule')).toEqual(unknownTimer)
    expect(await cloud.timer('activities', 'closeResolved')).toEqual(unknownTimer)
    expect(await cloud.timer('membership', 'closeResolved')).toEqual(unknownTimer)
    expect(await caseStatus()).toBe('resolved')
    expect(await claimStatus()).toBe('pending')
  })

  it('run each declared trigger when the platform calls', async () => {
    expect(await cloud.timer('complaints', 'closeResolved')).toEqual({ ok: true, data: { closed: 1 } })
    expect(await caseStatus()).toBe('closed')
    expect(await cloud.timer('activities', 'activitySchedule')).toMatchObject({ ok: true, data: { repaired: 1 } })
    expect(await claimStatus()).toBe('cancelled')
  })
})
