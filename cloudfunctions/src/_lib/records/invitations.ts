import { createHash } from 'node:crypto'
import type { StaffRole } from '@shared/vocabulary'
import { collection, type Doc } from '../db'

/** An admin's invitation to be staff or admin of a union; accepted once, before `expiresAt`. */
export interface InvitationRecord extends Doc {
  unionId: string
  role: StaffRole
  /** The invitee as the inviter named them; becomes the staff record's name. */
  name: string
  invitedBy: string
  inviterName: string
  createdAt: Date
  expiresAt: Date
  status: 'open' | 'accepted'
  acceptedBy: string | null
  acceptedAt: Date | null
  staffId: string | null
}

export const invitations = collection<InvitationRecord>('invitations')

/**
 * An invitation's id from its code. Only the hash is stored: someone who reads the database (or a
 * backup) cannot turn it into a working code.
 */
export function invitationIdFor(code: string): string {
  return `inv-${createHash('sha256').update(code).digest('hex').slice(0, 40)}`
}
