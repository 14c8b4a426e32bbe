import type * as z from 'zod/mini'
import type { myFeedback, placeDetail, placeSummary, queueItem } from '@shared/contract/places'
import { chinaDay } from '@shared/rules/china-time'
import { averageRating, daysSince, distanceMetres, isOpenAt, STALE_AFTER_DAYS, todayHoursText } from '@shared/rules/places'
import { command } from '../_lib/db'
import type { Caller } from '../_lib/identity'
import type { PlaceFeedbackRecord } from '../_lib/records/placeFeedback'
import { placeRatings, ratingIdFor, type PlaceRatingRecord } from '../_lib/records/placeRatings'
import { places, type PlaceRecord } from '../_lib/records/places'
import { temporaryUrls } from '../_lib/storage'
import { unionNames } from '../_lib/union-tree'

type PlaceSummary = z.input<typeof placeSummary>
type PlaceDetail = z.input<typeof placeDetail>
type MyFeedback = z.input<typeof myFeedback>
type QueueItem = z.input<typeof queueItem>
type LngLat = { longitude: number; latitude: number }

/** Photo URLs live this long: enough to look at a page, too short to pass around. */
const URL_MAX_AGE_SECONDS = 600
const RECENT_RATINGS = 5

/** Temporary URLs for photos, in one call; a photo that cannot be served is simply not shown. */
export async function photoUrls(fileIds: string[]): Promise<Map<string, string>> {
  try {
    return await temporaryUrls(fileIds, URL_MAX_AGE_SECONDS)
  } catch (error) {
    console.error('[places] photo URLs failed', error)
    return new Map()
  }
}

/** `{ longitude, latitude }` of a stored point (a db.Geo.Point as the SDK reads it). */
const lngLat = (point: LngLat): LngLat => ({ longitude: point.longitude, latitude: point.latitude })

export function summaryOf(record: PlaceRecord, now: Date, unionName: string, coverUrl: string | null, from: LngLat | undefined): PlaceSummary {
  const days = daysSince(record.verifiedAt, now)
  return {
    placeId: record._id,
    name: record.name,
    type: record.type,
    unionId: record.unionId,
    unionName,
    address: record.address,
    district: record.district,
    location: lngLat(record.location),
    distance: from ? Math.round(distanceMetres(from, record.location)) : null,
    facilities: record.facilities,
    openNow: isOpenAt(record.hours, now),
    todayHours: todayHoursText(record.hours, now),
    verifiedAt: record.verifiedAt.toISOString(),
    verifiedDaysAgo: days,
    stale: days > STALE_AFTER_DAYS,
    rating: { average: averageRating(record.rating), count: record.rating.count },
    coverUrl,
    status: record.status,
  }
}

/** Places as lists show them: union names and cover photos resolved in one call each. */
export async function summariesOf(records: PlaceRecord[], now: Date, from: LngLat | undefined): Promise<PlaceSummary[]> {
  const [names, covers] = await Promise.all([
    unionNames(records.map((record) => record.unionId)),
    photoUrls(records.flatMap((record) => record.photos.slice(0, 1))),
  ])
  return records.map((record) => summaryOf(record, now, names.get(record.unionId) ?? '', covers.get(record.photos[0] ?? '') ?? null, from))
}

const ratingView = (rating: PlaceRatingRecord) => ({ score: rating.score, comment: rating.comment, at: rating.createdAt.toISOString() })

/** Everything a place's page shows, for this caller. */
export async function detailFor(record: PlaceRecord, { caller, now, from }: { caller: Caller; now: Date; from?: LngLat }): Promise<PlaceDetail> {
  const _ = command()
  const [names, urls, canManage, recent, mine] = await Promise.all([
    unionNames([record.unionId, ...(record.verifiedBy ? [record.verifiedBy.unionId] : [])]),
    photoUrls(record.photos),
    caller.servesUnion(record.unionId),
    placeRatings.find({ placeId: record._id, commentShown: true, comment: _.neq(null) }, { orderBy: [['createdAt', 'desc']], limit: RECENT_RATINGS }),
    placeRatings.get(ratingIdFor(record._id, caller.openid, chinaDay(now))),
  ])
  return {
    ...summaryOf(record, now, names.get(record.unionId) ?? '', urls.get(record.photos[0] ?? '') ?? null, from),
    hours: record.hours,
    phone: record.phone,
    photos: record.photos.flatMap((fileId) => {
      const url = urls.get(fileId)
      return url ? [{ fileId, url }] : []
    }),
    description: record.description,
    verifiedBy: record.verifiedBy ? { name: record.verifiedBy.name, unionName: names.get(record.verifiedBy.unionId) ?? '' } : null,
    recentRatings: recent.map(ratingView),
    myRatingToday: mine ? ratingView(mine) : null,
    canManage,
    retiredReason: record.retiredReason,
  }
}

export function myFeedbackView(record: PlaceFeedbackRecord): MyFeedback {
  return {
    feedbackId: record._id,
    kind: record.kind,
    placeId: record.placeId,
    title: record.title,
    status: record.status,
    reply: record.reply,
    createdAt: record.createdAt.toISOString(),
    handledAt: record.handledAt ? record.handledAt.toISOString() : null,
  }
}

/** Reports and suggestions as the staff queue shows them: union names, places and photos in one call each. */
export async function queueViews(records: PlaceFeedbackRecord[]): Promise<QueueItem[]> {
  const placeIds = [...new Set(records.flatMap((record) => (record.placeId ? [record.placeId] : [])))]
  const [names, reported, photos] = await Promise.all([
    unionNames(records.map((record) => record.unionId)),
    placeIds.length > 0 ? places.find({ _id: command().in(placeIds) }, { limit: placeIds.length }) : Promise.resolve([]),
    photoUrls(records.flatMap((record) => (record.photoFileId ? [record.photoFileId] : []))),
  ])
  const byId = new Map(reported.map((place) => [place._id, place]))
  return records.map((record) => {
    const place = record.placeId ? byId.get(record.placeId) : undefined
    return {
      feedbackId: record._id,
      kind: record.kind,
      status: record.status,
      unionId: record.unionId,
      unionName: names.get(record.unionId) ?? '',
      place: place ? { placeId: place._id, name: place.name, address: place.address, location: lngLat(place.location) } : null,
      suggestion: record.suggestion,
      facility: record.facility,
      note: record.note,
      photoUrl: record.photoFileId ? (photos.get(record.photoFileId) ?? null) : null,
      location: record.location ? lngLat(record.location) : null,
      contentCheck: record.contentCheck.suggest,
      reply: record.reply,
      createdAt: record.createdAt.toISOString(),
      handledAt: record.handledAt ? record.handledAt.toISOString() : null,
    }
  })
}
