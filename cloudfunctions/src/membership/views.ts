import type * as z from 'zod/mini'
import { applicationView as applicationSchema, type membershipView as membershipSchema } from '@shared/contract/membership'
import { maskIdNumber, maskPhone } from '@shared/mask'
import { listRows } from '../_lib/list-rows'
import { decrypt } from '../_lib/personal-data'
import type { ApplicationRecord } from '../_lib/records/applications'
import type { MemberRecord } from '../_lib/records/members'
import { unionNames } from '../_lib/union-tree'

const iso = (date: Date) => new Date(date).toISOString()

export type ApplicationView = z.input<typeof applicationSchema>

const unionIdsOf = (r: ApplicationRecord) => (r.fromUnionId ? [r.unionId, r.fromUnionId] : [r.unionId])

/** Applications as their owner or reviewing staff see them: ID and phone masked, union names resolved. */
export async function applicationViews(records: ApplicationRecord[]): Promise<ApplicationView[]> {
  const names = await unionNames(records.flatMap(unionIdsOf))
  return listRows('applications', records, applicationSchema, (record) => viewOf(record, names))
}

export async function applicationView(record: ApplicationRecord): Promise<ApplicationView> {
  return viewOf(record, await unionNames(unionIdsOf(record)))
}

function viewOf(r: ApplicationRecord, names: Map<string, string>): ApplicationView {
  return {
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
  }
}

export async function membershipViewOf(member: MemberRecord): Promise<z.input<typeof membershipSchema>> {
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
