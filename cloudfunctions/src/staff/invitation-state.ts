import { AppFailure } from '../_lib/failure'
import { invitationIdFor, invitations, type InvitationRecord } from '../_lib/records/invitations'

export type InvitationState = 'open' | 'accepted' | 'expired'

export function stateOf(invitation: InvitationRecord, now: Date): InvitationState {
  if (invitation.status === 'accepted') return 'accepted'
  return new Date(invitation.expiresAt) <= now ? 'expired' : 'open'
}

/** The invitation a code stands for; one message for every code that stands for none. */
export async function invitationByCode(code: string): Promise<InvitationRecord> {
  const invitation = await invitations.get(invitationIdFor(code))
  if (!invitation) throw new AppFailure('NOT_FOUND', '邀请码无效，请核对后重试，或请邀请人重新邀请')
  return invitation
}

export const EXPIRED = '邀请已过期（邀请 72 小时内有效），请邀请人重新邀请'
export const TAKEN = '这个邀请已被他人接受，每个邀请只能使用一次。请向邀请人确认'
