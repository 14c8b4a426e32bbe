import { command } from '../_lib/db'
import { AppFailure } from '../_lib/failure'
import { staff } from '../_lib/records/staff'
import { unions, type UnionRecord } from '../_lib/records/unions'

/**
 * The admins of the root union are listed on it (`adminStaffIds`), so that "never the last one" is
 * decided by one conditional update in the database rather than by a count read before a write.
 */

export const LAST_ROOT_ADMIN = '这是根工会最后一位管理员，不能撤销。请先邀请另一位管理员并等其接受'

/** A root union set up before the list existed starts it from its admins now (racing starters write the same list). */
async function ensureList(root: UnionRecord): Promise<void> {
  if (root.adminStaffIds) return
  const admins = await staff.find({ unionId: root._id, role: 'admin' }, { limit: 1000, fields: { _id: true } })
  await unions.updateWhere({ _id: root._id, adminStaffIds: command().exists(false) }, { adminStaffIds: admins.map((admin) => admin._id) })
}

/** Adds an admin of the root union to its list (after their staff record says admin, so the list never over-counts). */
export async function addRootAdmin(root: UnionRecord, staffId: string): Promise<void> {
  await ensureList(root)
  await unions.update(root._id, { adminStaffIds: command().addToSet(staffId) })
}

/**
 * Takes an admin off the root union's list, only while another remains: two admins revoking each
 * other at once both ask for "me out, one left", and the database lets only the first through.
 * Called before the staff record is removed, so a stop in between leaves the list short, never long.
 */
export async function removeRootAdmin(root: UnionRecord, staffId: string): Promise<void> {
  await ensureList(root)
  const _ = command()
  const removed = await unions.updateWhere(
    { _id: root._id, adminStaffIds: staffId, 'adminStaffIds.1': _.exists(true) },
    { adminStaffIds: _.pull(staffId) },
  )
  if (removed === 1) return
  const listed = (await unions.get(root._id))?.adminStaffIds ?? []
  // Off the list already (a revoke that stopped half-way) with others on it: the record may go.
  if (listed.includes(staffId) || listed.length === 0) throw new AppFailure('CONFLICT', LAST_ROOT_ADMIN)
}
