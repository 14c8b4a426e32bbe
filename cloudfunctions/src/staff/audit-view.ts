import type * as z from 'zod/mini'
import type { auditEntry } from '@shared/contract/staff'
import { maskIdNumber, maskName, maskPhone } from '@shared/mask'
import { AUDIT_FIELD_LABELS, AUDIT_TARGET_LABELS, auditActionLabel } from '@shared/rules/audit-actions'
import { formatFullDateTime } from '@shared/rules/china-time'
import { CATEGORY_RULES, type ComplaintCategory } from '@shared/rules/complaint-categories'
import { SATISFACTION_LABELS, type Satisfaction } from '@shared/rules/complaint-handling'
import { LETTER_LABELS, STATUS_LABELS, type ComplaintStatus, type LetterType } from '@shared/rules/complaint-status'
import { TIER_LABELS, type ComplaintTier } from '@shared/rules/complaint-tiers'
import { actorIdFor } from '@shared/rules/staff'
import { SECTOR_LABELS, STAFF_ROLE_LABELS, UNION_KIND_LABELS, type Sector, type StaffRole, type UnionKind } from '@shared/vocabulary'
import type { AuditRecord, AuditValue } from '../_lib/records/auditLog'

type AuditEntryView = z.input<typeof auditEntry>

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/

const APPLICATION_KINDS: Record<string, string> = { join: '入会', transfer: '转会' }
const PERSONAL_FIELDS: Record<string, string> = { idNumber: '身份证号', phone: '手机号' }
const UNION_STATUSES: Record<string, string> = { active: '正常', retired: '已撤销' }
const CALENDAR_KINDS: Record<string, string> = { holiday: '放假', workday: '调休上班' }
const DEADLINE_STAGES: Record<string, string> = { accept: '受理', resolve: '办结' }
const complaintStatus = (value: string) => STATUS_LABELS[value as ComplaintStatus]

/** Values that are codes, in words; everything else as written. */
const WORDS: Record<string, (value: string) => string | undefined> = {
  // A union's kind, an application's (join or transfer), or a calendar day's.
  kind: (value) => UNION_KIND_LABELS[value as UnionKind] ?? APPLICATION_KINDS[value] ?? CALENDAR_KINDS[value],
  field: (value) => PERSONAL_FIELDS[value],
  role: (value) => STAFF_ROLE_LABELS[value as StaffRole],
  sector: (value) => SECTOR_LABELS[value as Sector],
  // A union's status, or a complaint's.
  status: (value) => UNION_STATUSES[value] ?? complaintStatus(value),
  from: complaintStatus,
  to: complaintStatus,
  letterType: (value) => LETTER_LABELS[value as LetterType],
  tier: (value) => TIER_LABELS[value as ComplaintTier],
  stage: (value) => DEADLINE_STAGES[value],
  satisfaction: (value) => SATISFACTION_LABELS[value as Satisfaction],
  category: (value) => CATEGORY_RULES[value as ComplaintCategory]?.label,
}

/** Masks again on the way out: entries written before masking, or by code that forgot, still show no personal data. */
const MASKS: Record<string, (value: string) => string> = { idNumber: maskIdNumber, phone: maskPhone, contactPhone: maskPhone, callerName: maskName }

function inWords(field: string, value: AuditValue | undefined): string | null {
  if (value === undefined || value === null) return null
  if (typeof value === 'boolean') return value ? '是' : '否'
  if (Array.isArray(value)) return value.length > 0 ? value.join('、') : '（无）'
  const text = String(value)
  if (MASKS[field] && !text.includes('*')) return MASKS[field](text)
  if (ISO_INSTANT.test(text)) return formatFullDateTime(text)
  return WORDS[field]?.(text) ?? text
}

const label = (field: string) => AUDIT_FIELD_LABELS[field] ?? field

/** One entry as 操作记录 shows it: who, what, where, and each changed value before and after. */
export function auditEntryView(entry: AuditRecord, unionName: string | null, actorName: string): AuditEntryView {
  const before = entry.before ?? {}
  const after = entry.after ?? {}
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])]
  const changes = fields
    .map((field) => ({ field, label: label(field), before: inWords(field, before[field]), after: inWords(field, after[field]) }))
    .filter((change) => change.before !== change.after)
  const details = Object.entries(entry.detail ?? {}).flatMap(([field, value]) => {
    const shown = inWords(field, value)
    return shown === null ? [] : [{ field, label: label(field), value: shown }]
  })
  return {
    entryId: entry._id,
    at: new Date(entry.at).toISOString(),
    action: entry.action,
    actionLabel: auditActionLabel(entry.action),
    unionId: entry.unionId,
    unionName,
    actorId: entry.actorId ?? actorIdFor(entry.actorOpenid),
    actorName,
    target: `${AUDIT_TARGET_LABELS[entry.targetCollection] ?? entry.targetCollection} ${entry.targetId}`,
    changes,
    details,
  }
}
