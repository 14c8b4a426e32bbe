import type * as z from 'zod/mini'
import type { OwnerCase, StaffCase } from '@shared/contract/complaints'
import type { complaintsContract } from '@shared/contract/complaints'
import { maskName, maskPhone } from '@shared/mask'
import { chinaDay, type WorkCalendar } from '@shared/rules/china-time'
import { canExtend, countdown, deadlineKindFor, deadlineSentence, isOverdue, type DeadlineKind } from '@shared/rules/complaint-deadlines'
import { canReply, statusesBefore, staffTransitionsFrom } from '@shared/rules/complaint-status'
import { fenToYuanText } from '@shared/rules/money'
import type { Caller } from '../_lib/identity'
import { decrypt } from '../_lib/personal-data'
import type { ComplaintRecord, ExtensionRecord, TimelineRecord } from '../_lib/records/complaints'
import { unionNames } from '../_lib/union-tree'
import { countdownCalendars } from './clock'
import { evidenceUrls } from './evidence'

/** What the handlers return: the contract's input side (dates may still be Date until parsed). */
type OwnerView = z.input<(typeof complaintsContract)['rate']['output']>
type StaffView = z.input<(typeof complaintsContract)['transition']['output']>
type Summary = z.input<(typeof complaintsContract)['mine']['output']>['items'][number]

const iso = (date: Date) => new Date(date).toISOString()

type DeadlineSource = Pick<ComplaintRecord, 'status' | 'deadlines' | 'referral'>

/** The current stage's deadline as stored: the day, its end, and how it was counted. */
export function stageDeadline(record: DeadlineSource): { kind: DeadlineKind; day: string; dueAt: Date; provisional: boolean; extension: ExtensionRecord | null } | null {
  const kind = deadlineKindFor(record.status)
  const { deadlines, referral } = record
  if (kind === 'accept') return { kind, day: deadlines.acceptByDay, dueAt: new Date(deadlines.acceptBy), provisional: deadlines.acceptProvisional, extension: deadlines.acceptExtension }
  if (kind === 'resolve' && deadlines.resolveBy && deadlines.resolveByDay) {
    return { kind, day: deadlines.resolveByDay, dueAt: new Date(deadlines.resolveBy), provisional: deadlines.resolveProvisional, extension: deadlines.resolveExtension }
  }
  if (kind === 'referral' && referral) return { kind, day: referral.dueDay, dueAt: new Date(referral.dueAt), provisional: referral.provisional, extension: null }
  return null
}

/**
 * The deadline the case is under now: the sentence the worker reads and the working days it leaves,
 * counted in its root union's calendar (`calendars`, from `countdownCalendars`).
 */
export function currentDeadline(record: DeadlineSource & Pick<ComplaintRecord, 'rootUnionId'>, now: Date, calendars: Map<string, WorkCalendar>) {
  const stage = stageDeadline(record)
  if (!stage) return null
  const calendar = calendars.get(record.rootUnionId)
  if (!calendar) throw new Error(`no calendar loaded for root union ${record.rootUnionId}`)
  const overdue = isOverdue(stage.dueAt, now)
  const left = countdown(stage.day, chinaDay(now), calendar)
  return {
    kind: stage.kind,
    day: stage.day,
    dueAt: iso(stage.dueAt),
    overdue,
    dueToday: left.dueToday && !overdue,
    workingDaysLeft: left.workingDaysLeft,
    countdown: left.text,
    sentence: deadlineSentence(stage.kind, stage.day, record.status, record.referral?.departmentName),
    provisional: stage.provisional,
    extension: stage.extension
      ? { fromDay: stage.extension.fromDay, toDay: stage.extension.toDay, days: stage.extension.days, reason: stage.extension.reason, at: iso(stage.extension.at) }
      : null,
  }
}

/** The calendars a set of cases' countdowns need: one per root union, over today and their deadlines. */
export function calendarsFor(records: Array<DeadlineSource & Pick<ComplaintRecord, 'rootUnionId'>>, now: Date): Promise<Map<string, WorkCalendar>> {
  const days = records.flatMap((record) => {
    const stage = stageDeadline(record)
    return stage ? [{ rootUnionId: record.rootUnionId, day: stage.day }] : []
  })
  return countdownCalendars(days, chinaDay(now))
}

/** The case's steps; steps written before work orders had tiers, promised days and callbacks lack those fields. */
function timeline(entries: TimelineRecord[]) {
  return entries.map((entry) => ({
    at: iso(entry.at),
    actor: entry.actor,
    kind: entry.kind,
    from: entry.from,
    to: entry.to,
    note: entry.note,
    letterType: entry.letterType,
    score: entry.score,
    tier: entry.tier ?? null,
    day: entry.day ?? null,
    department: entry.department ?? null,
    reached: entry.reached ?? null,
    satisfaction: entry.satisfaction ?? null,
  }))
}

/** `unionName` when the caller already has it (filing routed the case there), else it is read. */
async function facts(record: ComplaintRecord, now: Date, unionName?: string) {
  const [names, evidence, calendars] = await Promise.all([
    unionName === undefined ? unionNames([record.unionId]) : new Map([[record.unionId, unionName]]),
    evidenceUrls(record.attachments),
    calendarsFor([record], now),
  ])
  const { referral, callback, qualityCheck } = record
  return {
    complaintId: record._id,
    trackingNumber: record.trackingNumber,
    category: record.category,
    status: record.status,
    description: record.description,
    employer: record.employer,
    amountOwed: record.amountOwedFen === null ? null : fenToYuanText(record.amountOwedFen),
    occurredOn: record.occurredOn,
    anonymous: record.anonymous,
    union: { unionId: record.unionId, name: names.get(record.unionId) ?? '' },
    filedAt: iso(record.filedAt),
    deadline: currentDeadline(record, now, calendars),
    tier: record.tier,
    escalation: record.escalation ? { letterType: record.escalation.letterType, at: iso(record.escalation.at) } : null,
    referral: referral
      ? {
          department: referral.departmentName,
          note: referral.note,
          at: iso(referral.at),
          day: referral.dueDay,
          overdue: record.status === 'referred' && isOverdue(new Date(referral.dueAt), now),
          feedback: referral.feedback ? { note: referral.feedback.note, at: iso(referral.feedback.at) } : null,
        }
      : null,
    callback: callback ? { by: callback.by, reached: callback.reached, satisfaction: callback.satisfaction, note: callback.note, at: iso(callback.at) } : null,
    qualityCheck: qualityCheck ? { passed: qualityCheck.passed, note: qualityCheck.note, at: iso(qualityCheck.at) } : null,
    rating: record.rating ? { score: record.rating.score, comment: record.rating.comment, at: iso(record.rating.at) } : null,
    evidence,
    timeline: timeline(record.timeline),
  }
}

const maskedContact = (record: ComplaintRecord) => (record.contactPhoneCipher ? maskPhone(decrypt(record.contactPhoneCipher)) : null)

export async function ownerView(record: ComplaintRecord, now: Date, unionName?: string): Promise<OwnerView> {
  return {
    viewer: 'owner',
    ...(await facts(record, now, unionName)),
    contactPhone: maskedContact(record),
    canRate: canRate(record),
  } satisfies OwnerCase
}

/**
 * The worker rates each resolution while its callback is open (the rating is the callback), and a
 * case that moved on without their answer once, later.
 */
export function canRate(record: Pick<ComplaintRecord, 'status' | 'rating'>): boolean {
  return record.status === 'resolved' || (record.rating === null && (record.status === 'reviewing' || record.status === 'closed'))
}

/** The steps besides the status buttons that `caller` may take on the case now. */
async function stepsOpenTo(record: ComplaintRecord, caller: Caller) {
  const stage = stageDeadline(record)
  return {
    extend: stage !== null && canExtend(stage.kind) && stage.extension === null,
    refer: statusesBefore('refer').includes(record.status),
    referralFeedback: statusesBefore('referralFeedback').includes(record.status),
    callback: statusesBefore('callback').includes(record.status),
    qualityCheck: statusesBefore('qualityCheck').includes(record.status) && (await caller.isAdminServing(record.unionId)),
  }
}

/** Built field by field: nothing about the complainant is copied unless the case is not anonymous. */
export async function staffView(record: ComplaintRecord, now: Date, caller: Caller): Promise<StaffView> {
  return {
    viewer: 'staff',
    ...(await facts(record, now)),
    complainant: record.anonymous
      ? { anonymous: true }
      : { anonymous: false, isMember: record.isMember, memberNumber: record.memberNumber, contactPhoneMasked: maskedContact(record) },
    contentCheck: record.contentCheck.suggest,
    contentLabel: record.contentCheck.label,
    nextStatuses: [...staffTransitionsFrom(record.status)],
    canReply: canReply(record.status),
    can: await stepsOpenTo(record, caller),
    intake: record.intake && record.callerNameCipher ? { callerName: maskName(decrypt(record.callerNameCipher)), claimed: record.ownerOpenid !== null } : null,
  } satisfies StaffCase
}

/** What a list row needs: lists read only these fields, not the whole case. */
export type SummaryRecord = Pick<
  ComplaintRecord,
  '_id' | 'trackingNumber' | 'category' | 'status' | 'employer' | 'filedAt' | 'deadlines' | 'referral' | 'tier' | 'unionId' | 'rootUnionId' | 'anonymous'
>

export const SUMMARY_FIELDS: Record<Exclude<keyof SummaryRecord, '_id'>, true> = {
  trackingNumber: true,
  category: true,
  status: true,
  employer: true,
  filedAt: true,
  deadlines: true,
  referral: true,
  tier: true,
  unionId: true,
  rootUnionId: true,
  anonymous: true,
}

export function summary(record: SummaryRecord, unionName: string, now: Date, calendars: Map<string, WorkCalendar>): Summary {
  return {
    complaintId: record._id,
    trackingNumber: record.trackingNumber,
    category: record.category,
    status: record.status,
    employer: record.employer,
    filedAt: iso(record.filedAt),
    deadline: currentDeadline(record, now, calendars),
    tier: record.tier,
    union: { unionId: record.unionId, name: unionName },
  }
}
