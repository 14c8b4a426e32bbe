import { randomBytes } from 'node:crypto'
import { keyringFrom } from '../../cloudfunctions/src/_lib/personal-data'
import { addPeople as addActivityPeople, COURIER_STAFF, memberOpenid, publishActivity } from './activities-fixtures'
import { addPeople as addComplaintPeople, MEMBER, wageCase } from './complaints-fixtures'
import { expectOk, localCloudForTests, requestId, type LocalCloud } from './harness'
import { application } from './membership-fixtures'

type Raw = Record<string, unknown> & { _id: string }

/** A stored document as the database held it, dates as dates again, to copy into a malformed twin. */
function revive(value: unknown): unknown {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(value)) return new Date(value)
  if (Array.isArray(value)) return value.map(revive)
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, revive(field)]))
  return value
}

async function twin(cloud: LocalCloud, collection: string, id: string, changes: Record<string, unknown>): Promise<void> {
  const original = (await cloud.collection<Raw>(collection)).find((doc) => doc._id === id)
  if (!original) throw new Error(`${collection}/${id} is not stored`)
  await cloud.insert(collection, [{ ...(revive(original) as Raw), ...changes }])
}

const idsOf = (items: Array<Record<string, unknown>>, field: string) => items.map((item) => item[field])

/**
 * Issue 13.4: one malformed document (a category this version does not know, a cipher under another
 * deployment's key, a date that is not one) must not turn a whole list into INTERNAL for everyone.
 */
describe('lists leave out a malformed document and serve the rest', () => {
  const lines: string[] = []
  const cloud = localCloudForTests({
    log: (line) => lines.push(line),
    prepare: async (cloud) => {
      await addActivityPeople(cloud, 2)
      await addComplaintPeople(cloud)
    },
  })
  const leftOut = () => lines.filter((line) => line.includes('[list] left out'))

  const made = { activityId: '', signupId: '', applicationId: '', complaintId: '' }

  beforeAll(async () => {
    made.activityId = await publishActivity(cloud)
    await twin(cloud, 'activities', made.activityId, { _id: 'bad-activity', category: 'karaoke' })
    made.signupId = expectOk(await cloud.call('activities', 'signUp', { activityId: made.activityId }, { as: memberOpenid(1), requestId: requestId() })).signupId
    await twin(cloud, 'signups', made.signupId, { _id: 'bad-signup', openid: memberOpenid(2), signedUpAt: 'yesterday' })

    made.applicationId = expectOk(await cloud.call('membership', 'apply', application(), { as: 'demo-worker', requestId: requestId() })).applicationId
    const foreignKey = keyringFrom({ UNIONHUB_DATA_KEYS: `kother:${randomBytes(32).toString('base64')}` })
    await twin(cloud, 'applications', made.applicationId, { _id: 'bad-application', openid: 'someone-else', idCipher: foreignKey.encrypt('330108199207083021') })

    made.complaintId = expectOk(await cloud.call('complaints', 'file', wageCase(), { as: MEMBER, requestId: requestId() })).complaintId
    await twin(cloud, 'complaints', made.complaintId, { _id: 'bad-case', category: 'karaoke', trackingNumber: 'WQ20990101-9999' })
    await twin(cloud, 'unions', 'u-courier', { _id: 'u-bad', kind: 'galaxy', scene: 'u.bad', parentId: 'u-courier' })
  })

  it('activities.list: a published activity of an unknown category', async () => {
    const upcoming = expectOk(await cloud.call('activities', 'list', { when: 'upcoming' }, { as: 'demo-worker' }))
    expect(idsOf(upcoming.items, 'activityId')).toContain(made.activityId)
    expect(idsOf(upcoming.items, 'activityId')).not.toContain('bad-activity')
  })

  it('activities.manageList: the same activity for its staff', async () => {
    const managed = expectOk(await cloud.call('activities', 'manageList', {}, { as: COURIER_STAFF }))
    expect(idsOf(managed.items, 'activityId')).toContain(made.activityId)
    expect(idsOf(managed.items, 'activityId')).not.toContain('bad-activity')
  })

  it('activities.roster: a sign-up whose time is not a date', async () => {
    const roster = expectOk(await cloud.call('activities', 'roster', { activityId: made.activityId }, { as: COURIER_STAFF }))
    expect(idsOf(roster.items, 'signupId')).toEqual([made.signupId])
  })

  it('membership.list: an application encrypted under another deployment’s key', async () => {
    const applications = expectOk(await cloud.call('membership', 'list', {}, { as: COURIER_STAFF }))
    expect(idsOf(applications.items, 'applicationId')).toContain(made.applicationId)
    expect(idsOf(applications.items, 'applicationId')).not.toContain('bad-application')
  })

  it('complaints.list: a case of an unknown category', async () => {
    const cases = expectOk(await cloud.call('complaints', 'list', {}, { as: COURIER_STAFF }))
    expect(idsOf(cases.items, 'complaintId')).toContain(made.complaintId)
    expect(idsOf(cases.items, 'complaintId')).not.toContain('bad-case')
  })

  it('unions.served: a union of an unknown kind', async () => {
    const served = expectOk(await cloud.call('unions', 'served', { pageSize: 50 }, { as: 'demo-admin' }))
    expect(idsOf(served.items, 'unionId')).toContain('u-courier')
    expect(idsOf(served.items, 'unionId')).not.toContain('u-bad')
  })

  it('logs each bad row once, by collection, _id and kind of fault, never its content', async () => {
    // Again: one warm instance per function serves these one after another, and has logged them already.
    expectOk(await cloud.call('activities', 'list', { when: 'upcoming' }, { as: 'demo-worker' }))
    expectOk(await cloud.call('membership', 'list', {}, { as: COURIER_STAFF }))
    const logged = leftOut().map((line) => line.slice(line.indexOf('[list] left out')))
    expect(logged.sort()).toEqual([
      '[list] left out activities/bad-activity: it does not fit the contract at category',
      '[list] left out applications/bad-application: its view failed (Error)',
      '[list] left out complaints/bad-case: it does not fit the contract at category',
      '[list] left out signups/bad-signup: its view failed (RangeError)',
      '[list] left out unions/u-bad: it does not fit the contract at kind',
    ])
  })
})
