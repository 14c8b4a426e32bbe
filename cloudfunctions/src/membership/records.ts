import { createHash } from 'node:crypto'
import type { z } from 'zod'
import type { applicationView as applicationSchema, membershipView as membershipSchema } from '@shared/contract/membership'
import type { Sex } from '@shared/rules/id-number'
import type { EmploymentType } from '@shared/rules/join'
import { maskIdNumber, maskPhone } from '@shared/mask'
import { collection, type Doc } from '../_lib/db'
import type { MemberRecord } from '../_lib/identity'
import { decrypt } from '../_lib/personal-data'
import { unionNames } from '../_lib/unions'

/** Where the person works, as the form asks it; copied onto the membership when approved. */
export interface WorkDetails {
  employmentType: EmploymentType
  employer: string | null
  platform: string | null
  occupation: string
  district: string
}

/** The person, with ID and phone only as ciphertext plus keyed hashes (PIPL). */
export interface PersonDetails {
  name: string
  idCipher: string
  idHash: string
  phoneCipher: string
  phoneHash: string
  birthDate: string
  sex: Sex
}

export interface ApplicationRecord extends Doc, WorkDetails, PersonDetails {
  openid: string
  /** `transfer`: a member asking to move; `memberId` and `fromUnionId` say from where. */
  kind: 'join' | 'transfer'
  unionId: string
  fromUnionId: string | null
  memberId: string | null
  status: 'pending' | 'approved' | 'rejected'
  consentAt: Date
  rejectReason: string | null
  createdAt: Date
  decidedAt: Date | null
  decidedBy: string | null
}

/** One document per person (its `_id` comes from the ID hash), moved between unions by transfers. */
export interface MemberDoc extends MemberRecord, WorkDetails, PersonDetails {
  /** First admission, kept across transfers. */
  joinedAt: Date
  /** Since when the person belongs to the current union. */
  since: Date
  /** Earlier unions, oldest first; the current one is `unionId` since `since`. */
  history: Array<{ unionId: string; from: Date; to: Date }>
  applicationId: string
}

export const applications = collection<ApplicationRecord>('applications')
export const members = collection<MemberDoc>('members')

const iso = (date: Date) => new Date(date).toISOString()

export type ApplicationView = z.input<typeof applicationSchema>

/** Applications as their owner or reviewing staff see them: ID and phone masked, union names resolved. */
export async function applicationViews(records: ApplicationRecord[]): Promise<ApplicationView[]> {
  const names = await unionNames(records.flatMap((r) => (r.fromUnionId ? [r.unionId, r.fromUnionId] : [r.unionId])))
  return records.map((r) => ({
    applicationId: r._id,
    kind: r.kind,
    unionId: r.unionId,
    unionName: names.get(r.unionId) ?? '',
    fromUnionName: r.fromUnionId ? (names.get(r.fromUnionId) ?? '') : null,
    status: r.status,
    name: r.name,
    idNumberMasked: maskIdNumber(decrypt(r.idCipher)),
    phoneMasked: maskPhone(decrypt(r.phoneCipher)),
    birthDate: r.birthDate,
    sex: r.sex,
    employmentType: r.employmentType,
    employer: r.employer,
    platform: r.platform,
    occupation: r.occupation,
    district: r.district,
    rejectReason: r.rejectReason,
    createdAt: iso(r.createdAt),
    decidedAt: r.decidedAt ? iso(r.decidedAt) : null,
  }))
}

export async function applicationView(record: ApplicationRecord): Promise<ApplicationView> {
  return (await applicationViews([record]))[0]!
}

export async function membershipViewOf(member: MemberDoc): Promise<z.input<typeof membershipSchema>> {
  const names = await unionNames([member.unionId, ...member.history.map((h) => h.unionId)])
  return {
    memberId: member._id,
    unionId: member.unionId,
    unionName: names.get(member.unionId) ?? '',
    memberNumber: member.memberNumber,
    name: member.name,
    joinedAt: iso(member.joinedAt),
    history: [
      ...member.history.map((h) => ({ unionId: h.unionId, unionName: names.get(h.unionId) ?? '', from: iso(h.from), to: iso(h.to) })),
      { unionId: member.unionId, unionName: names.get(member.unionId) ?? '', from: iso(member.since), to: null },
    ],
  }
}

/** The member document id for a person: one per ID number, so a second admission cannot be inserted. */
export const memberIdFor = (idHash: string) => `m-${idHash.slice(0, 32)}`

/**
 * The id of a person's n-th application. Derived, not random: two submissions racing from the same
 * WeChat account (two taps, two devices) compute the same id and the database keeps only one.
 */
export function applicationIdFor(openid: string, sequence: number): string {
  return `ap-${createHash('sha256').update(openid).digest('hex').slice(0, 20)}-${sequence}`
}
