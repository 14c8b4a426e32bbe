import type { ActionInput, ActionOutput } from '@shared/contract'
import { EVIDENCE_DIR } from '@shared/rules/complaint-evidence'
import { callCloud } from './cloud'
import { uploadImage, type UploadOutcome } from './upload'

export type OwnerCase = ActionOutput<'complaints', 'rate'>
export type StaffCase = ActionOutput<'complaints', 'transition'>
export type CaseView = ActionOutput<'complaints', 'get'>
export type CaseSummary = ActionOutput<'complaints', 'mine'>['items'][number]
export type StaffCasePage = ActionOutput<'complaints', 'list'>
export type StaffCaseSummary = StaffCasePage['items'][number]
export type FileComplaintInput = ActionInput<'complaints', 'file'>
export type Holiday = ActionOutput<'complaints', 'holidays'>['items'][number]
export type HolidayYear = ActionOutput<'complaints', 'holidays'>
export type TierSettings = ActionOutput<'complaints', 'tierSettings'>
export type IntakeInput = ActionInput<'complaints', 'intake'>

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

/** Staff: moves the current stage's deadline once, by working days, with a reason the worker reads. */
export function extendDeadline(input: ActionInput<'complaints', 'extend'>, requestId: string) {
  return callCloud('complaints', 'extend', input, { requestId })
}

/** Staff: hands the case to another department (人社劳动监察, 法律援助中心, 住建, 信访, …). */
export function referComplaint(input: ActionInput<'complaints', 'refer'>, requestId: string) {
  return callCloud('complaints', 'refer', input, { requestId })
}

/** Staff: records what the department the case was referred to answered. */
export function recordReferralFeedback(complaintId: string, note: string, requestId: string) {
  return callCloud('complaints', 'referralFeedback', { complaintId, note }, { requestId })
}

/** Staff: records a callback (回访) after resolving: reached or not, and how satisfied. */
export function recordCallback(input: ActionInput<'complaints', 'callback'>, requestId: string) {
  return callCloud('complaints', 'callback', input, { requestId })
}

/** Admin: the quality check (质检) after the callback: pass and close, or reopen with a note. */
export function checkQuality(input: ActionInput<'complaints', 'qualityCheck'>, requestId: string) {
  return callCloud('complaints', 'qualityCheck', input, { requestId })
}

/** Staff: files a case for a caller of the 12351 hotline. */
export function takeHotlineCase(input: IntakeInput, requestId: string) {
  return callCloud('complaints', 'intake', input, { requestId })
}

/** A hotline caller claims their case in the app; it then shows in 我的求助. */
export function claimComplaint(input: ActionInput<'complaints', 'claim'>, requestId: string) {
  return callCloud('complaints', 'claim', input, { requestId })
}

/** Staff: the working days of each tier, for their root union. */
export function fetchTierSettings() {
  return callCloud('complaints', 'tierSettings', {})
}

/** Admin of a root union: sets each tier's working days and the referral clock. */
export function saveTierSettings(input: ActionInput<'complaints', 'saveTierSettings'>, requestId: string) {
  return callCloud('complaints', 'saveTierSettings', input, { requestId })
}

/** Staff: writes to the worker on the case's timeline. */
export function replyToComplaint(complaintId: string, message: string, requestId: string) {
  return callCloud('complaints', 'reply', { complaintId, message }, { requestId })
}

/** Staff: the complainant's full phone number, to call them back (audited). */
export function revealComplainantPhone(complaintId: string) {
  return callCloud('complaints', 'revealContact', { complaintId })
}

/** The calendar deadlines are counted with, for one year: the national arrangements and the root union's own entries. */
export function fetchHolidays(year: number) {
  return callCloud('complaints', 'holidays', { year })
}

/** Admin of a root union: adds a local holiday or corrects a national day. */
export function saveHoliday(input: ActionInput<'complaints', 'saveHoliday'>, requestId: string) {
  return callCloud('complaints', 'saveHoliday', input, { requestId })
}

/** Admin of a root union: takes its own entry off the calendar. */
export function removeHoliday(date: string) {
  return callCloud('complaints', 'removeHoliday', { date })
}

/** Uploads one evidence photo into the evidence folder; `onProgress` gets 0–100. */
export function uploadEvidence(filePath: string, onProgress: (percent: number) => void): Promise<UploadOutcome> {
  return uploadImage(filePath, EVIDENCE_DIR, onProgress)
}
