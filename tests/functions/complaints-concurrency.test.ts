import { parseTrackingNumber } from '@shared/rules/tracking-number'
import { addPeople, MEMBER, requestId, wageCase } from './complaints-fixtures'
import { localCloudForTests } from './harness'

describe('tracking numbers under concurrent filing', () => {
  const cloud = localCloudForTests({ maxInstances: 8, prepare: (cloud) => addPeople(cloud) })

  it('gives 50 concurrent cases 50 distinct numbers from one day’s counter', async () => {
    // Warm instances first, so that the time printed is filing, not start-up.
    await Promise.all(Array.from({ length: 8 }, () => cloud.call('complaints', 'mine', { page: 1, pageSize: 10 }, { as: MEMBER })))
    const started = Date.now()
    const results = await Promise.all(
      Array.from({ length: 50 }, () => cloud.call('complaints', 'file', wageCase(), { as: MEMBER, requestId: requestId() })),
    )
    const elapsed = Date.now() - started
    const numbers = results.map((result) => (result.ok ? result.data.trackingNumber : `${result.error.code}: ${result.error.message}`))
    expect(numbers.filter((number) => !parseTrackingNumber(number))).toEqual([])
    expect(new Set(numbers).size).toBe(50)
    // One day's counter hands out 1…50 with no gaps (unless the test straddles midnight in China).
    const days = new Set(numbers.map((number) => parseTrackingNumber(number)!.day))
    if (days.size === 1) expect(numbers.map((number) => parseTrackingNumber(number)!.sequence).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1))
    expect(await cloud.collection('complaints')).toHaveLength(50)
    console.log(`50 concurrent complaints.file on 8 instances: ${elapsed} ms`)
  }, 120_000)
})
