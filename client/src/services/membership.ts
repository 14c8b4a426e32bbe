import type { ActionInput, ActionOutput } from '@shared/contract'
import { callCloud } from './cloud'

export type ApplyInput = ActionInput<'membership', 'apply'>
export type Application = ActionOutput<'membership', 'get'>
export type MyMembership = ActionOutput<'membership', 'mine'>
export type MemberCardData = ActionOutput<'membership', 'card'>
export type CardVerdict = ActionOutput<'membership', 'verifyCard'>
export type TransferInput = ActionInput<'membership', 'transfer'>

/** Submits a join application; `requestId` makes a retried tap the same submission. */
export function applyForMembership(input: ApplyInput, requestId: string) {
  return callCloud('membership', 'apply', input, { requestId })
}

/** The signed-in person's latest application and their membership. */
export function fetchMyMembership() {
  return callCloud('membership', 'mine', {})
}

/** One application (its owner, or staff of its union). */
export function fetchApplication(applicationId: string) {
  return callCloud('membership', 'get', { applicationId })
}

/** The electronic member card with the current rotating code. */
export function fetchMemberCard() {
  return callCloud('membership', 'card', {})
}

/** Applications to the unions the staff member serves. */
export function listApplications(input: ActionInput<'membership', 'list'>) {
  return callCloud('membership', 'list', input)
}

/** The full ID or phone number of an application (audited). */
export function revealApplicationField(applicationId: string, field: 'idNumber' | 'phone') {
  return callCloud('membership', 'reveal', { applicationId, field })
}

/** Approves, or rejects with a reason, one application. */
export function reviewApplication(input: ActionInput<'membership', 'review'>, requestId: string) {
  return callCloud('membership', 'review', input, { requestId })
}

/** Asks to move the membership to another union. */
export function requestTransfer(input: TransferInput, requestId: string) {
  return callCloud('membership', 'transfer', input, { requestId })
}

/** Checks a member card's rotating code (staff). */
export function verifyMemberCard(code: string) {
  return callCloud('membership', 'verifyCard', { code })
}
