import type { placesContract } from '@shared/contract/places'
import { chinaDay } from '@shared/rules/china-time'
import { averageRating } from '@shared/rules/places'
import { command } from '../../_lib/db'
import { AppFailure } from '../../_lib/failure'
import { placeRatings, ratingIdFor, type PlaceRatingRecord } from '../../_lib/records/placeRatings'
import { places } from '../../_lib/records/places'
import type { Handlers } from '../../_lib/router'
import { loadActivePlace } from '../access'
import { checkTexts } from '../content'

/**
 * Rates a visit. The day's rating is claimed by inserting it under an id derived from place,
 * person and China day: of two taps at once the database accepts one, and only that one adds to
 * the place's totals. A comment the check wants reviewed is kept but shown to no one else.
 */
export const rate: Handlers<typeof placesContract>['rate'] = async ({ placeId, score, comment }, { caller }) => {
  const place = await loadActivePlace(placeId)
  const verdict = await checkTexts([['comment', '评价', comment]], caller.openid, 'comment')

  const now = new Date()
  const day = chinaDay(now)
  const rating: PlaceRatingRecord = {
    _id: ratingIdFor(place._id, caller.openid, day),
    placeId: place._id,
    openid: caller.openid,
    day,
    score,
    comment: comment || null,
    commentShown: verdict.suggest === 'pass',
    createdAt: now,
  }
  if (!(await placeRatings.addIfAbsent(rating))) throw new AppFailure('CONFLICT', '今天已经评价过这个服务点，明天可以再评')
  const _ = command()
  await places.update(place._id, { 'rating.sum': _.inc(score), 'rating.count': _.inc(1) })
  const totals = (await places.get(place._id))?.rating ?? { sum: place.rating.sum + score, count: place.rating.count + 1 }
  return {
    ratingId: rating._id,
    score,
    comment: rating.comment,
    commentShown: rating.commentShown,
    day,
    rating: { average: averageRating(totals), count: totals.count },
  }
}
