import { command, serverDate } from '../_lib/db'
import { activities, type ActivityRecord } from '../_lib/records/activities'
import { signups, STALE_CLAIM_MS, type SignupRecord } from '../_lib/records/signups'
import { pauseAfterLoss } from '../_lib/sequence'
import { notifyPromoted } from './notify'

/**
 * Seats and the waitlist, without transactions and without ever counting-then-inserting.
 *
 * Counters on the activity document are the authority; every change to them is one conditional
 * update that the database applies atomically. Sign-up documents follow the counters: a seat is
 * reserved on the activity first and then the sign-up is marked `confirmed`; a sign-up is marked
 * `cancelled` first and then its seat is released. So at every moment
 *     sign-ups holding a seat ≤ confirmedCount ≤ capacity.
 *
 * - Direct seat (first come): `confirmedCount < capacity` and nobody waiting (`waitlistCount = 0`,
 *   so a newcomer never overtakes the line), inside the sign-up window by the database's clock.
 * - Waitlist ticket: compare-and-set `waitlistSeq: s → s + 1`; exactly one caller gets each number.
 * - Promotion: a pointer walks the tickets in order. Moving it to ticket n reserves a seat in the
 *   same update (`promotedSeq: n-1 → n`, `confirmedCount + 1` only if below capacity, and only once
 *   ticket n-1 is settled). Settling ticket n (its holder confirmed, or the seat handed back because
 *   the holder cancelled meanwhile) is another compare-and-set (`settledSeq: n-1 → n`), so each
 *   outcome is counted exactly once even when several callers run the loop at the same time, and a
 *   caller that dies half-way leaves work that the next caller finishes.
 * docs/activities.md describes the failure modes.
 */

/** Why a sign-up could not get a seat or a ticket: the window closed or the activity changed. */
export type Refusal = 'closed' | 'unavailable'

const MAX_ROUNDS = 200

function openWindow() {
  const _ = command()
  return { signupOpensAt: _.lte(serverDate()), signupClosesAt: _.gt(serverDate()) }
}

/** The claim is still alive: a stale claim must not complete (the repair may have given it up). */
function liveClaim(signup: Pick<SignupRecord, '_id' | 'attempt'>) {
  const _ = command()
  return { _id: signup._id, status: 'pending', attempt: signup.attempt, pendingSince: _.gt(serverDate(-STALE_CLAIM_MS)) }
}

/**
 * First come: a seat if one is free and nobody waits, else the next waitlist ticket. Resolves the
 * claim (`pending` → `confirmed` / `waitlisted` with its ticket), or a refusal when the window is closed.
 * `known` is the activity as the caller last read it, which saves the first read.
 */
export async function seatOrTicket(
  known: ActivityRecord,
  claim: Pick<SignupRecord, '_id' | 'attempt'>,
): Promise<{ status: 'confirmed' } | { status: 'waitlisted'; ticket: number } | { status: Refusal }> {
  const _ = command()
  const activityId = known._id
  let activity: ActivityRecord | null = known
  for (let round = 0; round < MAX_ROUNDS; round++) {
    if (round > 0) activity = await activities.get(activityId)
    if (!activity || activity.status !== 'published') return { status: 'unavailable' }
    if (activity.confirmedCount < activity.capacity && activity.waitlistCount === 0) {
      const taken = await activities.updateWhere(
        { _id: activityId, status: 'published', capacity: activity.capacity, confirmedCount: _.lt(activity.capacity), waitlistCount: 0, ...openWindow() },
        { confirmedCount: _.inc(1) },
      )
      if (taken === 1) {
        // A dead claim cannot complete; its reserved seat stays unused (never an extra seat).
        await signups.updateWhere(liveClaim(claim), { status: 'confirmed', confirmedAt: serverDate() })
        return { status: 'confirmed' }
      }
    } else {
      const seq = activity.waitlistSeq ?? 0
      const ticket = await activities.updateWhere(
        { _id: activityId, status: 'published', waitlistSeq: seq, ...openWindow() },
        { waitlistSeq: seq + 1, waitlistCount: _.inc(1) },
      )
      if (ticket === 1) {
        await signups.updateWhere(liveClaim(claim), { status: 'waitlisted', waitlistSeq: seq + 1 })
        // A seat may have been freed while the ticket was being taken: the line moves now, in order.
        await fillSeats(activityId)
        return { status: 'waitlisted', ticket: seq + 1 }
      }
    }
    if (round % 4 === 3 && !(await windowIsOpen(activityId))) return { status: 'closed' }
    await pauseAfterLoss(round)
  }
  throw new Error(`activities: no seat or ticket for ${claim._id} after ${MAX_ROUNDS} rounds`)
}

/** Lottery: counts the entry if the window is open by the database's clock and the draw has not started. */
export async function enter(activityId: string, claim: Pick<SignupRecord, '_id' | 'attempt'>): Promise<'entered' | Refusal> {
  const _ = command()
  const gate = await activities.updateWhere({ _id: activityId, status: 'published', drawStatus: 'open', ...openWindow() }, { entryCount: _.inc(1) })
  if (gate === 0) return (await windowIsOpen(activityId)) ? 'unavailable' : 'closed'
  const entered = await signups.updateWhere(liveClaim(claim), { status: 'entered' })
  if (entered === 0) await activities.updateWhere({ _id: activityId }, { entryCount: _.inc(-1) })
  return 'entered'
}

async function windowIsOpen(activityId: string): Promise<boolean> {
  return (await activities.count({ _id: activityId, status: 'published', ...openWindow() })) === 1
}

/** Gives back the seat of a sign-up that has just been marked cancelled, and lets the line move. */
export async function releaseSeat(activityId: string): Promise<void> {
  await activities.updateWhere({ _id: activityId }, { confirmedCount: command().inc(-1) })
  await fillSeats(activityId)
}

/**
 * Moves the waitlist into free seats, strictly in ticket order, until the activity is full or
 * nobody waits. Safe to run from any number of callers at once, and after any caller died.
 */
export async function fillSeats(activityId: string): Promise<number> {
  const _ = command()
  let promoted = 0
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const activity = await activities.get(activityId)
    // While a draw writes its results the tickets have no holders yet; the draw runs this when done.
    if (!activity || activity.status !== 'published' || activity.drawStatus === 'drawing') return promoted
    const pointer = activity.promotedSeq ?? 0
    const settled = activity.settledSeq ?? 0

    if (settled < pointer) {
      // Ticket `pointer` has a reserved seat but its promotion is unfinished: finish it.
      const outcome = await settle(activity, pointer)
      if (outcome === 'promoted') promoted += 1
      if (outcome === 'wait') return promoted
      continue
    }

    if (activity.confirmedCount >= activity.capacity || pointer >= (activity.waitlistSeq ?? 0)) return promoted
    const next = pointer + 1
    const holder = await holderOf(activityId, next)
    if (holder === 'in_flight') return promoted
    if (holder?.status === 'waitlisted') {
      // Reserve a seat for the holder and move the pointer in one update, then confirm the holder.
      const reserved = await activities.updateWhere(
        { _id: activityId, status: 'published', promotedSeq: pointer, settledSeq: pointer, capacity: activity.capacity, confirmedCount: _.lt(activity.capacity) },
        { promotedSeq: next, confirmedCount: _.inc(1) },
      )
      if (reserved === 1 && (await settle(activity, next, holder)) === 'promoted') promoted += 1
      continue
    }
    if (holder) {
      // Cancelled before its turn (its canceller already uncounted it): step over it.
      await activities.updateWhere({ _id: activityId, promotedSeq: pointer, settledSeq: pointer }, { promotedSeq: next, settledSeq: next })
      continue
    }
    // Nobody holds the ticket and no claim is in flight: its taker died. Skip it and uncount it.
    await activities.updateWhere(
      { _id: activityId, promotedSeq: pointer, settledSeq: pointer },
      { promotedSeq: next, settledSeq: next, waitlistCount: _.inc(-1) },
    )
  }
  return promoted
}

/**
 * The sign-up holding ticket `seq`; `in_flight` when it may still be written by a live claim (whose
 * own fillSeats runs once it has); null when its taker died. Claims are counted before the holder is
 * looked up again: a ticket is taken while its claim is pending, so a holder written after the count
 * is found by the second look.
 */
async function holderOf(activityId: string, seq: number): Promise<SignupRecord | 'in_flight' | null> {
  const _ = command()
  const holder = await signups.findOne({ activityId, waitlistSeq: seq })
  if (holder) return holder
  const inFlight = await signups.count({ activityId, status: 'pending', pendingSince: _.gt(serverDate(-STALE_CLAIM_MS)) })
  if (inFlight > 0) return 'in_flight'
  return signups.findOne({ activityId, waitlistSeq: seq })
}

/**
 * Finishes the promotion of ticket `seq`, whose seat is already reserved: confirms the holder, or
 * hands the seat back if the holder left the waitlist meanwhile. Exactly one caller's settle update
 * succeeds, and only it changes the counters.
 */
async function settle(activity: ActivityRecord, seq: number, known?: SignupRecord): Promise<'promoted' | 'settled' | 'wait'> {
  const _ = command()
  const activityId = activity._id
  const holder = known ?? (await signups.findOne({ activityId, waitlistSeq: seq }))
  if (!holder) return 'wait'
  let promotedNow = false
  if (holder.status === 'waitlisted') {
    promotedNow =
      (await signups.updateWhere(
        { _id: holder._id, status: 'waitlisted', waitlistSeq: seq },
        { status: 'confirmed', confirmedAt: serverDate(), promotedAt: serverDate() },
      )) === 1
  }
  const current = promotedNow ? { ...holder, status: 'confirmed' as const } : await signups.get(holder._id)
  if (!current || current.status === 'waitlisted') return 'wait'
  // Left the line before being promoted: the reserved seat goes back. Otherwise the holder got it.
  const leftBeforePromotion = current.status === 'cancelled' && current.cancelledFrom === 'waitlisted'
  const done = await activities.updateWhere(
    { _id: activityId, promotedSeq: seq, settledSeq: seq - 1 },
    leftBeforePromotion ? { settledSeq: seq, confirmedCount: _.inc(-1) } : { settledSeq: seq, waitlistCount: _.inc(-1) },
  )
  if (promotedNow) await notifyPromoted(activity, holder)
  return done === 1 && !leftBeforePromotion ? 'promoted' : 'settled'
}
