import type { complaintsContract } from '@shared/contract/complaints'
import { AUTO_CLOSE_AFTER_DAYS } from '@shared/rules/complaint-status'
import { command } from '../../_lib/db'
import { complaints, timelineStep } from '../../_lib/records/complaints'
import type { Handlers } from '../../_lib/router'
import { notifyOwner } from '../notify'

const BATCH = 100
const UNANSWERED = `办结 ${AUTO_CLOSE_AFTER_DAYS} 天内求助人未回复回访，自动结案`
/** One run stays well inside the function's time limit; the next hourly run takes the rest. */
const MAX_BATCHES = 10

/**
 * Closes every case resolved more than 7 days ago whose callback nobody answered (neither the
 * worker's rating nor staff reaching them), recording that the worker did not answer. Each close is
 * conditional on the case still being `resolved`, so a rating arriving at the same moment wins
 * cleanly and a second run (timer and admin at once) closes nothing twice.
 */
export async function closeResolvedCases(now: Date): Promise<number> {
  const _ = command()
  const cutoff = new Date(now.getTime() - AUTO_CLOSE_AFTER_DAYS * 24 * 60 * 60 * 1000)
  let closed = 0
  for (let batch = 0; batch < MAX_BATCHES; batch += 1) {
    const due = await complaints.find(
      { status: 'resolved', resolvedAt: _.lt(cutoff) },
      { orderBy: [['resolvedAt', 'asc']], limit: BATCH, fields: { ownerOpenid: true, trackingNumber: true } },
    )
    for (const record of due) {
      const written = await complaints.updateWhere(
        { _id: record._id, status: 'resolved' },
        {
          status: 'closed',
          closedAt: now,
          updatedAt: now,
          callback: { by: 'system', reached: false, satisfaction: null, note: UNANSWERED, at: now },
          timeline: _.push(timelineStep({ at: now, actor: 'system', kind: 'status', from: 'resolved', to: 'closed', note: UNANSWERED, reached: false })),
        },
      )
      if (written === 1) {
        closed += 1
        await notifyOwner(record, 'closed', '办结7天未回复回访，已结案，仍可评价', now)
      }
    }
    if (due.length < BATCH) break
  }
  return closed
}

/** The hourly timer (config.json `closeResolved`). */
export const closeResolvedJob = async () => ({ closed: await closeResolvedCases(new Date()) })

/** The same for an admin who does not want to wait for the timer. */
export const closeResolved: Handlers<typeof complaintsContract>['closeResolved'] = closeResolvedJob
