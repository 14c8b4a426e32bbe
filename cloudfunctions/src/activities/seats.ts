import { randomUUID } from 'node:crypto'
import { command, serverDate } from '../_lib/db'
import { activities, type ActivityRecord } from '../_lib/records/activities'
import { signups, STALE_CLAIM_MS, type SignupRecord } from '../_lib/records/signups'
import { notifyPromoted } from './notify'

/**
 * Seats and the waitlist, without transactions, without counting-then-inserting, and without a
 * number that every newcomer has to take in turn.
 *
 * Seats: `confirmedCount` on the activity is the authority, changed only by conditional updates the
 * database applies atomically. A seat is reserved on the activity first and the sign-up marked
 * `confirmed` after; a sign-up is marked `cancelled` first and its seat released after. So at every
 * moment   sign-ups holding a seat ≤ confirmedCount ≤ capacity.
 *
 * The line: a newcomer who finds the activity full is written as `waitlisted` with `waitlistedAt`
 * set by the database's clock in that same write, and nothing shared is updated. The line is ordered
 * by (waitlistedAt, _id). A write the database applies later gets a later clock, so nobody can appear
 * ahead of an entry already visible, except within the same millisecond: the line's head and a
 * newcomer's place are therefore only read once that millisecond has passed (`waitlistedAt <
 * serverDate()`). A lottery's line is the draw order (`waitlistSeq`), written by the draw.
 *
 * Direct seats or the line: `lineOpen` is set, in an update that requires the activity to be full,
 * by the first newcomer who finds it full (and by a draw). Direct seats require `lineOpen: false`, so
 * once anyone may be waiting nobody takes a seat past them: free seats go to the head of the line.
 *
 * Promotion, one at a time per activity: one update reserves a free seat and records the promotion
 * on the activity (`promotion: null → { signupId, token }`, `confirmedCount + 1`); the holder is
 * marked `confirmed` with the token; a last update clears the promotion, handing the seat back if the
 * holder had left the line (or was confirmed by another promotion). Whoever finds a promotion
 * recorded finishes it first, so an instance that dies half-way leaves work the next caller does.
 *
 * Late joiners: a newcomer who saw the activity full is not visible in the line until its write
 * lands. A caller that frees a seat and finds nobody in line watches the line for JOIN_GRACE_MS; a
 * newcomer whose own join took longer than half of that looks for a free seat itself.
 * docs/activities.md describes the failure modes.
 */

/** Why a sign-up got no seat and no place: the window closed or the activity changed. */
export type Refusal = 'closed' | 'unavailable'

export type FirstComeOutcome = { status: 'confirmed' } | { status: 'waitlisted'; place: number; waitlistedAt: Date } | { status: Refusal }

/** A sign-up document claimed as `pending` (its `attempt` guards it against a repair that gave it up). */
export type Claim = Pick<SignupRecord, '_id' | 'attempt'>

/** How long a newcomer who saw the activity full may take to appear in the line (see above). */
export const JOIN_GRACE_MS = 500

const MAX_ROUNDS = 200
/** A newcomer looks for its own entry among the line's newest RECENT_LIMIT entries of the last RECENT_MS. */
const RECENT_MS = 10_000
const RECENT_LIMIT = 20

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function openWindow() {
  const _ = command()
  return { signupOpensAt: _.lte(serverDate()), signupClosesAt: _.gt(serverDate()) }
}

/** The claim is still alive: a stale claim must not complete (the repair may have given it up). */
function liveClaim(claim: Claim) {
  const _ = command()
  return { _id: claim._id, status: 'pending', attempt: claim.attempt, pendingSince: _.gt(serverDate(-STALE_CLAIM_MS)) }
}

const hasFreeSeat = (activity: ActivityRecord) => activity.confirmedCount < activity.capacity

/**
 * First come: a seat while the line is closed and a seat is free, else a place in the line.
 * `known` is the activity as the caller read it at `readAt` (local clock); `fresh` the person's new
 * sign-up document; `claim` claims their document as `pending` (inserting it, or taking over an
 * earlier attempt that never finished) and is only called when needed.
 */
export async function seatOrPlace(known: ActivityRecord, readAt: number, fresh: SignupRecord, claim: () => Promise<Claim>): Promise<FirstComeOutcome> {
  const _ = command()
  const activityId = known._id
  let activity: ActivityRecord | null = known
  let claimed: Claim | null = null
  // The case whose conditional update just failed: if the activity still looks so, the sign-up
  // window (by the database's clock) is what refused it.
  let failed: ((activity: ActivityRecord) => boolean) | null = null
  for (let round = 0; round < MAX_ROUNDS; round++) {
    if (round > 0) {
      readAt = Date.now()
      activity = await activities.get(activityId)
    }
    if (!activity || activity.status !== 'published') return refuse('unavailable', claimed)
    if (failed?.(activity) && !(await windowIsOpen(activityId))) return refuse('closed', claimed)
    const { capacity } = activity

    if (seatAtHand(activity)) {
      claimed ??= await claim()
      const taken = await activities.updateWhere(
        { _id: activityId, status: 'published', lineOpen: false, capacity, confirmedCount: _.lt(capacity), ...openWindow() },
        { confirmedCount: _.inc(1) },
      )
      if (taken === 1) {
        // A dead claim cannot complete; its reserved seat stays unused (never an extra seat).
        await signups.updateWhere(liveClaim(claimed), { status: 'confirmed', confirmedAt: serverDate() })
        return { status: 'confirmed' }
      }
      failed = seatAtHand
      continue
    }

    if (lineToOpen(activity)) {
      // Full, and nobody has found it so before: the line opens, but only while it is still full.
      const opened = await activities.updateWhere(
        { _id: activityId, status: 'published', lineOpen: false, capacity, confirmedCount: _.gte(capacity), ...openWindow() },
        { lineOpen: true },
      )
      if (opened === 0) {
        failed = lineToOpen
        continue
      }
    }

    const joined = claimed ? await markInLine(claimed) : await insertInLine(fresh)
    if (joined === 'exists') {
      claimed = await claim()
      if ((await markInLine(claimed)) !== 'joined') throw new Error(`activities: the claim ${claimed._id} died before it joined the line`)
    } else if (joined === 'dead') {
      throw new Error(`activities: the claim ${fresh._id} died before it joined the line`)
    }
    return afterJoining(activity, fresh._id, readAt, claimed?.attempt ?? 1)
  }
  throw new Error(`activities: no seat or place for ${fresh._id} after ${MAX_ROUNDS} rounds`)
}

const seatAtHand = (activity: ActivityRecord) => !activity.lineOpen && hasFreeSeat(activity)
const lineToOpen = (activity: ActivityRecord) => !activity.lineOpen && !hasFreeSeat(activity)

/** A newcomer's document written straight into the line; `exists` when the person already has one. */
async function insertInLine(fresh: SignupRecord): Promise<'joined' | 'exists'> {
  const inserted = await signups.addIfAbsent({ ...fresh, status: 'waitlisted', waitlistedAt: serverDate() as unknown as Date })
  return inserted ? 'joined' : 'exists'
}

/** A claimed document moved into the line; `dead` when the claim is no longer alive. */
async function markInLine(claim: Claim): Promise<'joined' | 'dead'> {
  const marked = await signups.updateWhere(liveClaim(claim), { status: 'waitlisted', waitlistedAt: serverDate() })
  return marked === 1 ? 'joined' : 'dead'
}

/**
 * A newcomer has just joined the line: lets the line move if a seat may be free, checks the sign-up
 * window by the database's clock (the time of joining), and reads the newcomer's place.
 */
async function afterJoining(activity: ActivityRecord, signupId: string, readAt: number, attempt: number): Promise<FirstComeOutcome> {
  // The millisecond of joining passes first: nobody can join within it any more.
  await pause(1)
  if (hasFreeSeat(activity) || Date.now() - readAt >= JOIN_GRACE_MS / 2) await fillSeats(activity._id)
  const spot = await placeOnJoining(activity._id, signupId)
  if (spot.status !== 'waitlisted') return spot
  const at = spot.waitlistedAt.getTime()
  if (at >= new Date(activity.signupOpensAt).getTime() && at < new Date(activity.signupClosesAt).getTime()) return spot
  // Joined outside the window by the database's clock: the person leaves the line again.
  if (attempt === 1) await signups.removeWhere({ _id: signupId, status: 'waitlisted' })
  else await signups.updateWhere({ _id: signupId, status: 'waitlisted' }, { status: 'cancelled', cancelReason: 'incomplete', cancelledAt: serverDate() })
  return { status: 'closed' }
}

/**
 * The newcomer's place, read right after joining: the newest entries of the line, newest first,
 * give the millisecond it joined in and those that joined in the same one (ahead of it when their
 * id is smaller); one index count gives everyone who joined before. A newcomer not among the newest
 * (promoted already, or many joined since) is read back and its place counted.
 */
async function placeOnJoining(activityId: string, signupId: string): Promise<FirstComeOutcome> {
  const _ = command()
  const recent = await signups.find(
    { activityId, status: 'waitlisted', waitlistedAt: _.gt(serverDate(-RECENT_MS)) },
    { orderBy: [['waitlistedAt', 'desc'], ['_id', 'desc']], limit: RECENT_LIMIT, fields: { _id: true, waitlistedAt: true } },
  )
  const index = recent.findIndex((entry) => entry._id === signupId)
  const at = index < 0 ? null : new Date(recent[index]!.waitlistedAt!)
  const sameMoment = recent.slice(index + 1).filter((entry) => new Date(entry.waitlistedAt!).getTime() === at?.getTime())
  if (!at || (recent.length === RECENT_LIMIT && sameMoment.length === recent.length - index - 1)) {
    const signup = await signups.get(signupId)
    if (signup?.status === 'confirmed') return { status: 'confirmed' }
    if (!signup || signup.status !== 'waitlisted' || !signup.waitlistedAt) return { status: 'unavailable' }
    return { status: 'waitlisted', place: (await placeInLine(signup))!, waitlistedAt: new Date(signup.waitlistedAt) }
  }
  const earlier = await signups.count({ activityId, status: 'waitlisted', waitlistedAt: _.lt(at) })
  return { status: 'waitlisted', place: 1 + earlier + sameMoment.length, waitlistedAt: at }
}

/** Lottery: counts the entry if the window is open by the database's clock and the draw has not started. */
export async function enter(activityId: string, claim: Claim): Promise<'entered' | Refusal> {
  const _ = command()
  const gate = await activities.updateWhere({ _id: activityId, status: 'published', drawStatus: 'open', ...openWindow() }, { entryCount: _.inc(1) })
  if (gate === 0) return (await windowIsOpen(activityId)) ? 'unavailable' : 'closed'
  const entered = await signups.updateWhere(liveClaim(claim), { status: 'entered' })
  if (entered === 0) await activities.updateWhere({ _id: activityId }, { entryCount: _.inc(-1) })
  return 'entered'
}

/** The window closed or the activity changed under a claim that took nothing: nothing of it stays. */
export async function giveUpClaim(claim: Claim): Promise<void> {
  if (claim.attempt === 1) await signups.removeWhere({ _id: claim._id, status: 'pending', attempt: 1 })
  else await signups.updateWhere({ _id: claim._id, status: 'pending', attempt: claim.attempt }, { status: 'cancelled', cancelReason: 'incomplete', cancelledAt: serverDate() })
}

async function refuse(status: Refusal, claimed: Claim | null): Promise<{ status: Refusal }> {
  if (claimed) await giveUpClaim(claimed)
  return { status }
}

async function windowIsOpen(activityId: string): Promise<boolean> {
  return (await activities.count({ _id: activityId, status: 'published', ...openWindow() })) === 1
}

/** Where a waiting person stands: 1 means next to be promoted; null when not waiting. */
export async function placeInLine(signup: SignupRecord): Promise<number | null> {
  if (signup.status !== 'waitlisted') return null
  const _ = command()
  const line = { activityId: signup.activityId, status: 'waitlisted' }
  if (signup.allocation === 'lottery') {
    return signup.waitlistSeq === null ? null : 1 + (await signups.count({ ...line, waitlistSeq: _.lt(signup.waitlistSeq) }))
  }
  if (!signup.waitlistedAt) return null
  const at = new Date(signup.waitlistedAt)
  const [earlier, sameMoment] = await Promise.all([
    signups.count({ ...line, waitlistedAt: _.lt(at) }),
    signups.count({ ...line, waitlistedAt: at, _id: _.lt(signup._id) }),
  ])
  return 1 + earlier + sameMoment
}

/** The line's order: the draw order for a lottery, arrival (the database's clock, then id) for first come. */
export function lineOrder(activity: Pick<ActivityRecord, 'allocation'>): Array<[string, 'asc']> {
  return activity.allocation === 'lottery'
    ? [['waitlistSeq', 'asc']]
    : [
        ['waitlistedAt', 'asc'],
        ['_id', 'asc'],
      ]
}

/** The first person in line whose place is settled (first come: joined before the current millisecond). */
async function headOfLine(activity: ActivityRecord): Promise<SignupRecord | null> {
  const _ = command()
  const settled = activity.allocation === 'lottery' ? {} : { waitlistedAt: _.lt(serverDate()) }
  const [head] = await signups.find({ activityId: activity._id, status: 'waitlisted', ...settled }, { orderBy: lineOrder(activity), limit: 1 })
  return head ?? null
}

/** Gives back the seat of a sign-up that has just been marked cancelled, and lets the line move. */
export async function releaseSeat(activityId: string): Promise<void> {
  await activities.updateWhere({ _id: activityId }, { confirmedCount: command().inc(-1) })
  await fillSeats(activityId, { awaitLateJoiners: true })
}

/**
 * Moves the line into free seats, strictly in line order, until the activity is full or nobody
 * waits. Safe to run from any number of callers at once, and after any caller died. A caller that
 * has just freed a seat passes `awaitLateJoiners` (see the top of this file).
 */
export async function fillSeats(activityId: string, { awaitLateJoiners = false } = {}): Promise<number> {
  const _ = command()
  const watchUntil = Date.now() + JOIN_GRACE_MS
  let promoted = 0
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const activity = await activities.get(activityId)
    // While a draw writes its results the line is not complete; the draw runs this when done.
    if (!activity || activity.status !== 'published' || activity.drawStatus === 'drawing') return promoted
    if (activity.promotion) {
      if (await settle(activity, activity.promotion)) promoted += 1
      continue
    }
    if (!hasFreeSeat(activity)) return promoted
    const head = awaitLateJoiners && activity.lineOpen && activity.allocation !== 'lottery' ? await watchForHead(activity, watchUntil) : await headOfLine(activity)
    if (!head) return promoted

    const promotion = { signupId: head._id, token: randomUUID() }
    const reserved = await activities.updateWhere(
      { _id: activityId, status: 'published', promotion: null, capacity: activity.capacity, confirmedCount: _.lt(activity.capacity) },
      { promotion: _.set(promotion), confirmedCount: _.inc(1) },
    )
    if (reserved === 1 && (await settle(activity, promotion, head))) promoted += 1
  }
  return promoted
}

/** The head of the line, looked for again (with growing pauses) until someone is there or `until` passes. */
async function watchForHead(activity: ActivityRecord, until: number): Promise<SignupRecord | null> {
  for (let wait = 5; ; wait *= 2) {
    const head = await headOfLine(activity)
    if (head || Date.now() >= until) return head
    await pause(Math.min(wait, until - Date.now()))
  }
}

/**
 * Finishes a recorded promotion, whose seat is reserved: confirms the holder with the token, then
 * clears the promotion, keeping the seat if the holder was confirmed by this promotion and handing
 * it back otherwise (they left the line, or another promotion got them). Exactly one caller's clear
 * succeeds, so the count changes once. Resolves true when this caller confirmed the holder.
 */
async function settle(activity: ActivityRecord, promotion: { signupId: string; token: string }, known?: SignupRecord): Promise<boolean> {
  const _ = command()
  const confirmed =
    (await signups.updateWhere(
      { _id: promotion.signupId, status: 'waitlisted' },
      { status: 'confirmed', confirmedAt: serverDate(), promotedAt: serverDate(), promotionToken: promotion.token },
    )) === 1
  const holder = confirmed ? (known ?? (await signups.get(promotion.signupId))) : await signups.get(promotion.signupId)
  const kept = confirmed || holder?.promotionToken === promotion.token
  await activities.updateWhere(
    { _id: activity._id, 'promotion.token': promotion.token },
    kept ? { promotion: null } : { promotion: null, confirmedCount: _.inc(-1) },
  )
  if (confirmed && holder) await notifyPromoted(activity, holder)
  return confirmed
}
