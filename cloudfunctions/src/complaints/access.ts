import { AppFailure } from '../_lib/failure'
import type { Caller } from '../_lib/identity'
import { complaints, type ComplaintRecord } from '../_lib/records/complaints'

/** One message for "no such case" and "not yours": a stranger learns nothing about which it is. */
const NOT_FOUND = '案件不存在，或您无权查看'

const findCase = (complaintId: string) => complaints.get(complaintId)

/** The case and how the caller sees it: as the person who filed it, or as staff of its union. */
export async function loadForViewer(caller: Caller, complaintId: string): Promise<{ record: ComplaintRecord; viewer: 'owner' | 'staff' }> {
  const record = await findCase(complaintId)
  if (record && record.ownerOpenid === caller.openid) return { record, viewer: 'owner' }
  if (record && (await caller.servesUnion(record.unionId))) return { record, viewer: 'staff' }
  throw new AppFailure('NOT_FOUND', NOT_FOUND)
}

export async function loadForOwner(caller: Caller, complaintId: string): Promise<ComplaintRecord> {
  const record = await findCase(complaintId)
  if (!record || record.ownerOpenid !== caller.openid) throw new AppFailure('NOT_FOUND', NOT_FOUND)
  return record
}

export async function loadForStaff(caller: Caller, complaintId: string): Promise<ComplaintRecord> {
  const record = await findCase(complaintId)
  if (!record || !(await caller.servesUnion(record.unionId))) throw new AppFailure('NOT_FOUND', NOT_FOUND)
  return record
}

/**
 * A case the caller may act on as staff (accept, reply, resolve, escalate): of their union, and not
 * filed by themselves. Anonymous cases too: staff never see who filed them, but the server does.
 */
export async function loadForHandling(caller: Caller, complaintId: string): Promise<ComplaintRecord> {
  const record = await loadForStaff(caller, complaintId)
  if (record.ownerOpenid === caller.openid) throw new AppFailure('FORBIDDEN', '不能处理本人提交的求助，请由本工会其他工作人员处理')
  return record
}
