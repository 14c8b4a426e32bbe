import { DRAW_ALGORITHM, drawLottery, sortEntryIds } from '@shared/rules/activity-lottery'
import { command, serverDate } from '../_lib/db'
import { AppFailure } from '../_lib/failure'
import { activities, type ActivityRecord } from '../_lib/records/activities'
import { draws, type DrawRecord } from '../_lib/records/draws'
import { signups } from '../_lib/records/signups'
import { ensureCounters, newLotterySeed } from './access'
import { notifyDrawn } from './notify'
import { fillSeats } from './seats'

/** Writing results stops after this long so one call stays inside a function's time limit; the next call (or the timer) goes on. */
const WORK_BUDGET_MS = 1500
const PAGE = 200

/**
 * The lottery draw, in three resumable steps:
 * 1. the entries are read once and the draw record (seed revealed, sorted entry ids, winners) is
 *    inserted under the activity's id — the database keeps only the first, so concurrent draws agree;
 * 2. the activity moves `open → drawing` with the winners' seats counted and the line open;
 * 3. each entry is marked won (`confirmed`) or not drawn (`waitlisted`, `waitlistSeq` = place in the
 *    draw order after the winners); then `drawing → drawn` and the line may move.
 * An entry cancelled between step 1 and its marking gives its seat back (winner) or simply is not in
 * the line (not drawn).
 */
export async function runDraw(activityId: string, drawnBy: string): Promise<{ activity: ActivityRecord; remaining: number }> {
  const deadline = Date.now() + WORK_BUDGET_MS
  let activity = await current(activityId)
  if (activity.drawStatus === 'open') {
    const record = (await draws.get(activityId)) ?? (await recordDraw(activity, drawnBy))
    await activities.updateWhere(
      { _id: activityId, drawStatus: 'open' },
      {
        drawStatus: 'drawing',
        confirmedCount: record.winners.length,
        lineOpen: true,
        promotion: null,
        draw: {
          algorithm: record.algorithm,
          seed: record.seed,
          entriesDigest: record.entriesDigest,
          entryCount: record.entryIds.length,
          winnerCount: record.winners.length,
          drawnAt: record.drawnAt,
          drawnBy: record.drawnBy,
        },
      },
    )
    activity = await current(activityId)
  }
  if (activity.drawStatus !== 'drawing') return { activity, remaining: 0 }

  const record = await draws.get(activityId)
  if (!record) throw new Error(`draw record of ${activityId} is missing`)
  const remaining = await markResults(activity, record, deadline)
  if (remaining > 0) return { activity, remaining }
  await activities.updateWhere({ _id: activityId, drawStatus: 'drawing' }, { drawStatus: 'drawn' })
  await fillSeats(activityId)
  return { activity: await current(activityId), remaining: 0 }
}

async function current(activityId: string): Promise<ActivityRecord> {
  const activity = await activities.get(activityId)
  if (!activity) throw new AppFailure('NOT_FOUND', '活动不存在或已下线')
  return ensureCounters(activity)
}

async function recordDraw(activity: ActivityRecord, drawnBy: string): Promise<DrawRecord> {
  let seed = activity.seedSecret
  let commitment = activity.seedCommitment
  if (!seed || !commitment) {
    // Only documents written before seeds existed get here; ensureCounters gives every lottery one.
    const generated = newLotterySeed()
    await activities.updateWhere({ _id: activity._id, seedSecret: command().exists(false) }, generated)
    const reread = await activities.get(activity._id)
    seed = reread?.seedSecret ?? generated.seedSecret
    commitment = reread?.seedCommitment ?? generated.seedCommitment
  }
  const entryIds: string[] = []
  for (;;) {
    const page = await signups.find(
      { activityId: activity._id, status: 'entered' },
      { orderBy: [['_id', 'asc']], skip: entryIds.length, limit: 1000, fields: { _id: true } },
    )
    entryIds.push(...page.map((entry) => entry._id))
    if (page.length < 1000) break
  }
  const result = drawLottery(entryIds, seed, activity.capacity)
  await draws.addIfAbsent({
    _id: activity._id,
    algorithm: DRAW_ALGORITHM,
    seed,
    seedCommitment: commitment,
    capacity: activity.capacity,
    entriesDigest: result.entriesDigest,
    entryIds: sortEntryIds(entryIds),
    winners: result.winners,
    drawnAt: serverDate() as unknown as Date,
    drawnBy,
  })
  const stored = await draws.get(activity._id)
  if (!stored) throw new Error(`draw record of ${activity._id} was not stored`)
  return stored
}

/** Marks entries won or not drawn until none is left or the budget is spent; resolves how many remain. */
async function markResults(activity: ActivityRecord, record: DrawRecord, deadline: number): Promise<number> {
  const _ = command()
  const { order } = drawLottery(record.entryIds, record.seed, record.capacity)
  const rankOf = new Map(order.map((id, index) => [id, index + 1]))
  const winners = record.winners.length
  const unsettled = { activityId: activity._id, status: _.in(['entered', 'cancelled']), drawSettled: _.exists(false) }
  for (;;) {
    const batch = await signups.find(unsettled, { limit: PAGE })
    if (batch.length === 0) return 0
    for (const entry of batch) {
      const rank = rankOf.get(entry._id)
      if (rank === undefined) {
        // Not in the draw: cancelled before it (nothing to do), or an entry that landed after the
        // entries were read, which the database clock gate makes impossible; it is turned away.
        await signups.updateWhere(
          { _id: entry._id, drawSettled: _.exists(false) },
          entry.status === 'entered' ? { drawSettled: true, status: 'cancelled', cancelReason: 'incomplete', cancelledAt: serverDate() } : { drawSettled: true },
        )
        continue
      }
      const won = rank <= winners
      const marked = await signups.updateWhere(
        { _id: entry._id, status: 'entered', drawSettled: _.exists(false) },
        won
          ? { status: 'confirmed', drawRank: rank, drawSettled: true, confirmedAt: serverDate() }
          : { status: 'waitlisted', drawRank: rank, waitlistSeq: rank - winners, drawSettled: true },
      )
      if (marked === 1) {
        await notifyDrawn(activity, entry, won, won ? null : rank - winners)
      } else {
        // Cancelled after the entries were read: a winner's seat goes back, exactly once; a loser
        // is simply not in the line.
        const settled = await signups.updateWhere({ _id: entry._id, status: 'cancelled', drawSettled: _.exists(false) }, { drawSettled: true, drawRank: rank })
        if (settled === 1 && won) await activities.updateWhere({ _id: activity._id }, { confirmedCount: _.inc(-1) })
      }
      if (Date.now() > deadline) return signups.count(unsettled)
    }
  }
}
