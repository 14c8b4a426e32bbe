import type { ActionInput, ActionOutput } from '@shared/contract'
import { callCloud } from './cloud'

export type PlaceSummary = ActionOutput<'places', 'nearby'>['items'][number]
export type NearbyPage = ActionOutput<'places', 'nearby'>
export type PlaceDetail = ActionOutput<'places', 'get'>
export type MyFeedback = ActionOutput<'places', 'mine'>['items'][number]
export type QueueItem = ActionOutput<'places', 'queue'>['items'][number]
export type NearbyInput = ActionInput<'places', 'nearby'>
export type ReportInput = ActionInput<'places', 'report'>
export type SuggestInput = ActionInput<'places', 'suggest'>
export type SavePlaceInput = ActionInput<'places', 'save'>
export type MapPoint = { longitude: number; latitude: number }

/** Places near a position (nearest first) or in a district, filtered by type, facility and 营业中. */
export function fetchNearbyPlaces(input: NearbyInput) {
  return callCloud('places', 'nearby', input)
}

/** The districts that have places, for people who keep their location to themselves. */
export function fetchPlaceDistricts() {
  return callCloud('places', 'districts', {})
}

/** One place with hours, facilities, photos and ratings; the distance when `location` is given. */
export function fetchPlace(placeId: string, location?: MapPoint) {
  return callCloud('places', 'get', { placeId, ...(location ? { location } : {}) })
}

/** Reports a problem with a place (closed, moved, a broken facility, other). */
export function reportPlace(input: ReportInput, requestId: string) {
  return callCloud('places', 'report', input, { requestId })
}

/** Suggests a place the map lacks. */
export function suggestPlace(input: SuggestInput, requestId: string) {
  return callCloud('places', 'suggest', input, { requestId })
}

/** Rates a visit 1–5 with an optional comment; once per place a day. */
export function ratePlace(input: ActionInput<'places', 'rate'>, requestId: string) {
  return callCloud('places', 'rate', input, { requestId })
}

/** The caller's reports and suggestions with the unions' replies. */
export function fetchMyFeedback(page = 1) {
  return callCloud('places', 'mine', { page })
}

/** Staff: the places of the unions they serve, least recently verified first. */
export function fetchManagedPlaces(status: 'active' | 'retired', page = 1) {
  return callCloud('places', 'manageList', { status, page })
}

/** Staff: creates a place, or edits one (`placeId`). */
export function savePlace(input: SavePlaceInput, requestId: string) {
  return callCloud('places', 'save', input, { requestId })
}

/** Staff: marks a place as checked on site today. */
export function verifyPlace(placeId: string, requestId: string) {
  return callCloud('places', 'verify', { placeId }, { requestId })
}

/** Staff: takes a place off the map with a reason. */
export function retirePlace(placeId: string, reason: string, requestId: string) {
  return callCloud('places', 'retire', { placeId, reason }, { requestId })
}

/** Staff: reports and suggestions for their unions (open ones oldest first). */
export function fetchPlaceQueue(status: 'open' | 'resolved' | 'declined', page = 1) {
  return callCloud('places', 'queue', { status, page })
}

/** Staff: resolves or declines a report or suggestion with a reply; the sender is notified. */
export function resolveFeedback(feedbackId: string, decision: 'resolve' | 'decline', reply: string, requestId: string) {
  return callCloud('places', 'resolve', { feedbackId, decision, reply }, { requestId })
}
