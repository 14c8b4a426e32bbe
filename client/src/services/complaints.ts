import type { ActionInput, ActionOutput } from '@shared/contract'
import { EVIDENCE_DIR } from '@shared/rules/complaint-evidence'
import { callCloud } from './cloud'
import { uploadImage, type UploadOutcome } from './upload'

export type OwnerCase = ActionOutput<'complaints', 'rate'>
export type StaffCase = ActionOutput<'complaints', 'transition'>
export type CaseView = ActionOutput<'complaints', 'get'>
export type CaseSummary = ActionOutput<'complaints', 'mine'>['items'][number]
export type StaffCaseSummary = ActionOutput<'complaints', 'list'>['items'][number]
export type FileComplaintInput = ActionInput<'complaints', 'file'>
export type Holiday = ActionOutput<'complaints', 'holidays'>['items'][number]

/** Where a case would go: the member's union, or the district federation for `district`. */
export function fetchDestination(district?: string) {
  return callCloud('complaints', 'destination', district ? { district } : {})
}

/** Files a complaint; retrying with the same `requestId` never files twice. */
export function fileComplaint(input: FileComplaintInput, requestId: string) {
  return callCloud('complaints', 'file', input, { requestId })
}

/** The signed-in person's own cases, newest first. */
export function fetchMyComplaints(page = 1) {
  return callCloud('complaints', 'mine', { page })
}

/** One case, as its owner or as staff of its union sees it. */
export function fetchComplaint(complaintId: string) {
  return callCloud('complaints', 'get', { complaintId })
}

/** Rates a resolved case (1–5 and an optional comment); a resolved case then closes. */
export function rateComplaint(input: ActionInput<'complaints', 'rate'>, requestId: string) {
  return callCloud('complaints', 'rate', input, { requestId })
}

/** Staff: cases of the unions they serve, by nearest deadline unless a status is picked. */
export function fetchStaffComplaints(input: ActionInput<'complaints', 'list'>) {
  return callCloud('complaints', 'list', input)
}

/** Staff: moves a case along the status machine (accept, handle, resolve, reject, escalate). */
export function transitionComplaint(input: ActionInput<'complaints', 'transition'>, requestId: string) {
  return callCloud('complaints', 'transition', input, { requestId })
}

/** Staff: writes to the worker on the case's timeline. */
export function replyToComplaint(complaintId: string, message: string, requestId: string) {
  return callCloud('complaints', 'reply', { complaintId, message }, { requestId })
}

/** Staff: the complainant's full phone number, to call them back (audited). */
export function revealComplainantPhone(complaintId: string) {
  return callCloud('complaints', 'revealContact', { complaintId })
}

/** The holiday list deadlines are counted with, for one year. */
export function fetchHolidays(year: number) {
  return callCloud('complaints', 'holidays', { year })
}

/** Admin: adds or changes a day on the holiday list. */
export function saveHoliday(input: ActionInput<'complaints', 'saveHoliday'>, requestId: string) {
  return callCloud('complaints', 'saveHoliday', input, { requestId })
}

/** Admin: takes a day off the holiday list. */
export function removeHoliday(date: string) {
  return callCloud('complaints', 'removeHoliday', { date })
}

/** Uploads one evidence photo into the evidence folder; `onProgress` gets 0–100. */
export function uploadEvidence(filePath: string, onProgress: (percent: number) => void): Promise<UploadOutcome> {
  return uploadImage(filePath, EVIDENCE_DIR, onProgress)
}
