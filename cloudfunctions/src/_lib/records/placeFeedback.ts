import type { FeedbackKind, FeedbackStatus } from '@shared/rules/places'
import type { PlaceFacility, PlaceType } from '@shared/vocabulary'
import { createHash } from 'node:crypto'
import { collection, type Doc, type GeoPoint } from '../db'

/** A worker's report about a place, or their suggestion of a new one, and how the union answered. */
export interface PlaceFeedbackRecord extends Doc {
  kind: FeedbackKind
  /** The place reported on; null for a suggestion. */
  placeId: string | null
  /** The union that answers: the place's, or for a suggestion the district's (else the city federation). */
  unionId: string
  /** Who sent it: for `mine` and the notice only, never shown to staff. */
  senderOpenid: string
  /** The place's name when reported, or the suggested name: what the sender's list and the notice show. */
  title: string
  suggestion: { name: string; type: PlaceType; address: string; district: string; facilities: PlaceFacility[] } | null
  facility: PlaceFacility | null
  note: string | null
  photoFileId: string | null
  location: GeoPoint | null
  contentCheck: { suggest: 'pass' | 'review'; label: string | null }
  status: FeedbackStatus
  reply: string | null
  handledBy: string | null
  handledAt: Date | null
  createdAt: Date
  /** China day of sending, part of a report's id (one report of a kind per place and person a day). */
  day: string
}

export const placeFeedback = collection<PlaceFeedbackRecord>('placeFeedback')

/** A report's id is derived, so the database refuses a second report of the same kind, place and person on a day. */
export function reportIdFor(placeId: string, kind: FeedbackKind, openid: string, day: string): string {
  return `fb.${createHash('sha256').update(`${placeId}\n${kind}\n${openid}\n${day}`).digest('base64url').slice(0, 24)}`
}
