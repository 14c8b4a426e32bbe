import { randomBytes } from 'node:crypto'
import type { activitiesContract } from '@shared/contract/activities'
import { audit } from '../../_lib/audit'
import { signups, type SignupRecord } from '../../_lib/records/signups'
import type { Handlers } from '../../_lib/router'
import { temporaryUrl, uploadFile } from '../../_lib/storage'
import { loadManagedActivity } from '../access'
import { rosterCsv, rosterRows } from '../people'
import { lineOrder } from '../seats'
import { positionsOf, rosterWhere } from './roster'

const URL_LIFETIME_SECONDS = 60 * 60

/** Seat holders first (checked in, confirmed), then the waitlist in line order, then the rest. */
const GROUPS = ['checked_in', 'confirmed', 'waitlisted', 'entered', 'cancelled'] as const

/**
 * The roster as a CSV in cloud storage, masked as on screen, behind a temporary URL that expires in
 * an hour. Every export is written to the audit log.
 */
export const exportRoster: Handlers<typeof activitiesContract>['exportRoster'] = async ({ activityId }, { caller }) => {
  const activity = await loadManagedActivity(activityId, caller)
  const rows: SignupRecord[] = []
  for (const status of GROUPS) {
    for (;;) {
      const page = await signups.find(rosterWhere(activityId, status), {
        orderBy: status === 'waitlisted' ? lineOrder(activity) : [['signedUpAt', 'asc']],
        skip: rows.filter((row) => row.status === status).length,
        limit: 1000,
      })
      rows.push(...page)
      if (page.length < 1000) break
    }
  }
  const csv = rosterCsv(await rosterRows(rows, activity, await positionsOf(rows.filter((row) => row.status === 'waitlisted'))))
  const stamp = new Date().toISOString().replace(/[-:]/g, '').slice(0, 15)
  const fileID = await uploadFile(`exports/activities/${activityId}/roster-${stamp}-${randomBytes(4).toString('hex')}.csv`, Buffer.from(csv, 'utf8'))
  const url = await temporaryUrl(fileID, URL_LIFETIME_SECONDS)
  await audit({
    actorOpenid: caller.openid,
    action: 'activities.roster.export',
    unionId: activity.unionId,
    targetCollection: 'signups',
    targetId: activityId,
    detail: { rows: rows.length, fileId: fileID },
  })
  return { fileId: fileID, url, rows: rows.length, expiresAt: new Date(Date.now() + URL_LIFETIME_SECONDS * 1000).toISOString() }
}
