import { createHash } from 'node:crypto'
import { collection, type Doc } from '../db'

/** One person's rating of one place on one China day. */
export interface PlaceRatingRecord extends Doc {
  placeId: string
  openid: string
  day: string
  score: number
  comment: string | null
  /** False when the content check asked for review: the comment is kept but shown only to its author. */
  commentShown: boolean
  createdAt: Date
}

export const placeRatings = collection<PlaceRatingRecord>('placeRatings')

/** The id is derived from place, person and day, so the database itself refuses a second rating that day. */
export function ratingIdFor(placeId: string, openid: string, day: string): string {
  return `rt.${createHash('sha256').update(`${placeId}\n${openid}\n${day}`).digest('base64url').slice(0, 24)}`
}
