import { staffIdFor } from '@shared/rules/staff'
import type { StaffRole } from '@shared/vocabulary'
import { expectOk, type LocalCloud } from './harness'

/**
 * People of the administration tests, beside the seeded 王主席 (`demo-admin`, admin of the root
 * u-city) and 李干事 (`demo-staff`, staff of u-courier): an admin of each of two sibling sector
 * federations, so that "inside the subtree" and "beside it" can both be tried.
 */
export const ROOT_ADMIN = 'demo-admin'
export const COURIER_STAFF = 'demo-staff'
export const COURIER_ADMIN = 'sa-courier-admin'
export const DELIVERY_ADMIN = 'sa-delivery-admin'

/** A staff record as the functions write it (derived id). */
export function staffRecord(openid: string, unionId: string, role: StaffRole, name: string) {
  return { _id: staffIdFor(openid, unionId), openid, unionId, role, name, createdAt: new Date('2025-01-02T09:00:00+08:00'), invitedBy: null }
}

export async function addSectorAdmins(cloud: LocalCloud): Promise<void> {
  await cloud.insert('staff', [
    staffRecord(COURIER_ADMIN, 'u-courier', 'admin', '孙主任'),
    staffRecord(DELIVERY_ADMIN, 'u-delivery', 'admin', '周主任'),
  ])
}

/** `inviter` invites and `invitee` accepts: the invitee holds the role afterwards. */
export async function inviteAndAccept(cloud: LocalCloud, inviter: string, invitee: string, unionId: string, role: StaffRole, name: string): Promise<string> {
  const { code } = expectOk(await cloud.call('staff', 'invite', { unionId, role, name }, { as: inviter }))
  return expectOk(await cloud.call('staff', 'accept', { code }, { as: invitee })).staffId
}

/** Everything stored, to compare before and after a refusal (the idempotency claims aside). */
export async function snapshot(cloud: LocalCloud, collections = ['unions', 'staff', 'invitations', 'setup', 'auditLog', 'members', 'applications', 'complaints']) {
  return Object.fromEntries(await Promise.all(collections.map(async (name) => [name, await cloud.collection(name)] as const)))
}
