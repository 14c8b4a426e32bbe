import type { ActionInput, ActionOutput } from '@shared/contract'
import { callCloud } from './cloud'

export type BootstrapInput = ActionInput<'staff', 'bootstrap'>
export type Invitation = ActionOutput<'staff', 'invite'>
export type InvitationPreview = ActionOutput<'staff', 'invitation'>
export type StaffMember = ActionOutput<'staff', 'list'>['items'][number]
export type AuditEntry = ActionOutput<'staff', 'auditLog'>['items'][number]
export type AuditFilter = Omit<ActionInput<'staff', 'auditLog'>, 'page' | 'pageSize'>

/** Becomes the first admin with the deployment's setup secret, creating the root union. */
export function bootstrapFirstAdmin(input: BootstrapInput, requestId: string) {
  return callCloud('staff', 'bootstrap', input, { requestId })
}

/** Invites someone to be staff or admin of a union the caller administers; returns the code to scan. */
export function inviteStaff(input: ActionInput<'staff', 'invite'>, requestId: string) {
  return callCloud('staff', 'invite', input, { requestId })
}

/** What an invitation offers, before accepting it. */
export function fetchInvitation(code: string) {
  return callCloud('staff', 'invitation', { code })
}

/** Accepts an invitation: the caller takes its role. */
export function acceptInvitation(code: string, requestId: string) {
  return callCloud('staff', 'accept', { code }, { requestId })
}

/** Staff and admins of the unions the caller administers (or of one). */
export function listStaff(page = 1, unionId?: string) {
  return callCloud('staff', 'list', { page, ...(unionId ? { unionId } : {}) })
}

/** Takes a role away. */
export function revokeStaff(staffId: string, requestId: string) {
  return callCloud('staff', 'revoke', { staffId }, { requestId })
}

/** The audit log of the caller's subtree, with the filters set. */
export function fetchAuditLog(filter: AuditFilter, page = 1) {
  return callCloud('staff', 'auditLog', { ...filter, page })
}
