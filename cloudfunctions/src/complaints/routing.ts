import { AppFailure } from '../_lib/failure'
import type { Caller } from '../_lib/identity'
import { unions, type UnionRecord } from '../_lib/records/unions'
import { unionForDistrict } from '../_lib/union-tree'

export interface Destination {
  union: Pick<UnionRecord, '_id' | 'name'>
  routedBy: 'membership' | 'district' | 'city'
  isMember: boolean
  memberNumber: string | null
}

/** The districts that have a district federation, for the non-member's district picker. */
export async function districtChoices(): Promise<string[]> {
  const districts = await unions.find({ kind: 'district', status: 'active' }, { limit: 500, fields: { district: true } })
  return [...new Set(districts.map((union) => union.district).filter((district): district is string => Boolean(district)))].sort((a, b) =>
    a.localeCompare(b, 'zh-Hans-CN'),
  )
}

/**
 * Where a case goes: a member's own union; for anyone else the federation of the district they
 * work in, or the city federation when that district has none. Never chosen by the client.
 */
export async function destinationFor(caller: Caller, district: string | undefined): Promise<Destination | null> {
  const member = await caller.membership()
  if (member) {
    const union = await unions.get(member.unionId)
    if (!union) throw new Error(`member ${member._id} belongs to a missing union ${member.unionId}`)
    return { union, routedBy: 'membership', isMember: true, memberNumber: member.memberNumber }
  }
  if (!district) return null
  return { ...(await unionForDistrict(district)), isMember: false, memberNumber: null }
}

/** Like `destinationFor`, but a non-member who gave no district is told to pick one. */
export async function requireDestination(caller: Caller, district: string | undefined): Promise<Destination> {
  const destination = await destinationFor(caller, district)
  if (!destination) {
    const message = '请选择您工作所在的区县，以便转给当地工会'
    throw new AppFailure('INVALID_INPUT', message, [{ path: 'district', message }])
  }
  return destination
}
