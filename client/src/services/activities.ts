import type { ActionInput, ActionOutput } from '@shared/contract'
import { ACTIVITY_COVER_DIR } from '@shared/rules/activity-covers'
import { callCloud } from './cloud'
import { uploadImage, type UploadOutcome } from './upload'

export type ActivitySummary = ActionOutput<'activities', 'list'>['items'][number]
export type ActivityDetail = ActionOutput<'activities', 'get'>
export type MySignup = ActivityDetail['mySignup'] & object
export type MyActivity = ActionOutput<'activities', 'mine'>['items'][number]
export type DrawRecordPage = ActionOutput<'activities', 'drawRecord'>
export type RosterPage = ActionOutput<'activities', 'roster'>
export type RosterRow = RosterPage['items'][number]
export type CheckInResult = ActionOutput<'activities', 'checkIn'>
export type SaveActivityInput = ActionInput<'activities', 'save'>

/** Published activities, upcoming first (or past ones), optionally of one category. */
export function fetchActivities(input: ActionInput<'activities', 'list'>) {
  return callCloud('activities', 'list', input)
}

/** One activity with its rules, the lottery record and the caller's own sign-up. */
export function fetchActivity(activityId: string) {
  return callCloud('activities', 'get', { activityId })
}

/** Signs up; retrying with the same `requestId` never signs up twice. */
export function signUp(activityId: string, requestId: string) {
  return callCloud('activities', 'signUp', { activityId }, { requestId })
}

/** Cancels the caller's own sign-up (before the cut-off). */
export function cancelSignup(activityId: string, requestId: string) {
  return callCloud('activities', 'cancel', { activityId }, { requestId })
}

/** The caller's sign-ups, upcoming or past. */
export function fetchMyActivities(when: 'upcoming' | 'past', page = 1) {
  return callCloud('activities', 'mine', { when, page })
}

/** Checks the caller in with the code scanned at the venue. */
export function selfCheckIn(code: string, requestId: string) {
  return callCloud('activities', 'selfCheckIn', { code }, { requestId })
}

/** One page of a lottery's public record (entry ids and winners), the contract's 1000 a page. */
export function fetchDrawRecord(activityId: string, page: number) {
  return callCloud('activities', 'drawRecord', { activityId, page })
}

/** Staff: activities of the unions they serve, any status. */
export function fetchManagedActivities(status: 'draft' | 'published' | 'cancelled' | undefined, page = 1) {
  return callCloud('activities', 'manageList', { ...(status ? { status } : {}), page })
}

/** Staff: creates a draft (no `activityId`) or saves changes. */
export function saveActivity(input: SaveActivityInput, requestId: string) {
  return callCloud('activities', 'save', input, { requestId })
}

/** Staff: publishes a draft. */
export function publishActivity(activityId: string, requestId: string) {
  return callCloud('activities', 'publish', { activityId }, { requestId })
}

/** Staff: cancels the activity and notifies everyone signed up. */
export function cancelActivity(activityId: string, reason: string, requestId: string) {
  return callCloud('activities', 'cancelActivity', { activityId, reason }, { requestId })
}

/** Staff: runs (or finishes) the lottery draw. */
export function runDraw(activityId: string) {
  return callCloud('activities', 'draw', { activityId })
}

/** Staff: the roster's first 50 with counts (the most one page holds; the export has everyone). */
export function fetchRoster(activityId: string, status: ActionInput<'activities', 'roster'>['status']) {
  return callCloud('activities', 'roster', { activityId, ...(status ? { status } : {}), page: 1, pageSize: 50 })
}

/** Staff: the roster as a CSV behind a temporary URL. */
export function exportRoster(activityId: string) {
  return callCloud('activities', 'exportRoster', { activityId })
}

/** Staff: checks a person in by their member card code. */
export function checkInByCard(activityId: string, code: string, requestId: string) {
  return callCloud('activities', 'checkIn', { activityId, code }, { requestId })
}

/** Staff: the activity's current rotating check-in code and its QR image. */
export function fetchCheckInCode(activityId: string) {
  return callCloud('activities', 'checkInCode', { activityId })
}

/** Uploads a cover image into the covers folder. */
export function uploadCover(filePath: string): Promise<UploadOutcome> {
  return uploadImage(filePath, ACTIVITY_COVER_DIR)
}
