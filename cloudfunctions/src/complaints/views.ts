import type * as z from 'zod/mini'
import type { OwnerCase, StaffCase } from '@shared/contract/complaints'
import type { complaintsContract } from '@shared/contract/complaints'
import { maskPhone } from '@shared/mask'
import { deadlineKindFor, deadlineSentence, isOverdue } from '@shared/rules/complaint-deadlines'
import { canReply, staffTransitionsFrom } from '@shared/rules/complaint-status'
import { fenToYuanText } from '@shared/rules/money'
import { decrypt } from '../_lib/personal-data'
import type { ComplaintRecord, TimelineRecord } from '../_lib/records/complaints'
import { unionNames } from '../_lib/union-tree'
import { evidenceUrls } from './evidence'

/** What the handlers return: the contract's input side (dates may still be Date until parsed). */
type OwnerView = z.input<(typeof complaintsContract)['rate']['output']>
type StaffView = z.input<(typeof complaintsContract)['transition']['output']>
type Summary = z.input<(typeof complaintsContract)['mine']['output']>['items'][number]

const iso = (date: Date) => new Date(date).toISOString()

/** The deadline the case is under now, with the sentence the worker reads. */
export function currentDeadline(record: Pick<ComplaintRecord, 'status' | 'deadlines'>, now: Date) {
  const kind = deadlineKindFor(record.status)
  if (kind === null) return null
  const day = kind === 'accept' ? record.deadlines.acceptByDay : record.deadlines.resolveByDay
  const dueAt = kind === 'accept' ? record.deadlines.acceptBy : record.deadlines.resolveBy
  if (!day || !dueAt) return null
  return { kind, day, dueAt: iso(dueAt), overdue: isOverdue(new Date(dueAt), now), sentence: deadlineSentence(kind, day, record.status) }
}

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
  }))
}

/** `unionName` when the caller already has it (filing routed the case there), else it is read. */
async function facts(record: ComplaintRecord, now: Date, unionName?: string) {
  const [names, evidence] = await Promise.all([
    unionName === undefined ? unionNames([record.unionId]) : new Map([[record.unionId, unionName]]),
    evidenceUrls(record.attachments),
  ])
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
    deadline: currentDeadline(record, now),
    escalation: record.escalation ? { letterType: record.escalation.letterType, at: iso(record.escalation.at) } : null,
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
    canRate: record.rating === null && (record.status === 'resolved' || record.status === 'closed'),
  } satisfies OwnerCase
}

/** Built field by field: nothing about the complainant is copied unless the case is not anonymous. */
export async function staffView(record: ComplaintRecord, now: Date): Promise<StaffView> {
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
  } satisfies StaffCase
}

/** What a list row needs: lists read only these fields, not the whole case. */
export type SummaryRecord = Pick<ComplaintRecord, '_id' | 'trackingNumber' | 'category' | 'status' | 'employer' | 'filedAt' | 'deadlines' | 'unionId' | 'anonymous'>

export const SUMMARY_FIELDS: Record<Exclude<keyof SummaryRecord, '_id'>, true> = {
  trackingNumber: true,
  category: true,
  status: true,
  employer: true,
  filedAt: true,
  deadlines: true,
  unionId: true,
  anonymous: true,
}

export function summary(record: SummaryRecord, unionName: string, now: Date): Summary {
  return {
    complaintId: record._id,
    trackingNumber: record.trackingNumber,
    category: record.category,
    status: record.status,
    employer: record.employer,
    filedAt: iso(record.filedAt),
    deadline: currentDeadline(record, now),
    union: { unionId: record.unionId, name: unionName },
  }
}
