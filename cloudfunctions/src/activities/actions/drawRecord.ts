import type { activitiesContract } from '@shared/contract/activities'
import { AppFailure } from '../../_lib/failure'
import { draws } from '../../_lib/records/draws'
import type { Handlers } from '../../_lib/router'
import { loadActivity } from '../access'

/** The draw's public record, a page of entry ids and winners at a time: enough for anyone to re-run it. */
export const drawRecord: Handlers<typeof activitiesContract>['drawRecord'] = async ({ activityId, page, pageSize }, { caller }) => {
  const activity = await loadActivity(activityId, caller)
  const record = activity.allocation === 'lottery' && activity.drawStatus !== 'open' ? await draws.get(activityId) : null
  if (!record) throw new AppFailure('NOT_FOUND', '此活动尚未抽签')
  const from = (page - 1) * pageSize
  return {
    activityId,
    algorithm: record.algorithm,
    capacity: record.capacity,
    seedCommitment: record.seedCommitment,
    seed: record.seed,
    entriesDigest: record.entriesDigest,
    drawnAt: new Date(record.drawnAt).toISOString(),
    entryCount: record.entryIds.length,
    winnerCount: record.winners.length,
    entryIds: record.entryIds.slice(from, from + pageSize),
    winners: record.winners.slice(from, from + pageSize),
    page,
    pageSize,
  }
}
