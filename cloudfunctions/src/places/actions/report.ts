import type { placesContract } from '@shared/contract/places'
import { chinaDay } from '@shared/rules/china-time'
import { geoPoint } from '../../_lib/db'
import { AppFailure } from '../../_lib/failure'
import { placeFeedback, reportIdFor, type PlaceFeedbackRecord } from '../../_lib/records/placeFeedback'
import type { Handlers } from '../../_lib/router'
import { loadActivePlace } from '../access'
import { checkTexts } from '../content'
import { openFeedback } from '../feedback'
import { keepFeedbackPhoto } from '../photos'
import { myFeedbackView } from '../views'

/**
 * A worker reports a problem with a place to the union that manages it. Everything is checked
 * before anything is stored; the report's id is derived from place, kind, person and China day,
 * so the database refuses a second one of the same kind that day.
 */
export const report: Handlers<typeof placesContract>['report'] = async (input, { caller }) => {
  const place = await loadActivePlace(input.placeId)
  const verdict = await checkTexts([['note', '问题说明', input.note]], caller.openid, 'profile')
  const photo = await keepFeedbackPhoto(input.photo, caller.openid)

  const now = new Date()
  const record: PlaceFeedbackRecord = {
    _id: reportIdFor(place._id, input.kind, caller.openid, chinaDay(now)),
    ...openFeedback(
      {
        kind: input.kind,
        placeId: place._id,
        unionId: place.unionId,
        senderOpenid: caller.openid,
        title: place.name,
        suggestion: null,
        facility: input.kind === 'facility_broken' ? (input.facility ?? null) : null,
        note: input.note || null,
        photoFileId: photo.fileIDs[0] ?? null,
        location: input.location ? geoPoint(input.location.longitude, input.location.latitude) : null,
      },
      verdict,
      now,
    ),
  }
  if (!(await placeFeedback.addIfAbsent(record))) {
    await photo.dropped()
    throw new AppFailure('CONFLICT', '今天已经反馈过这个问题，工会会尽快处理')
  }
  await photo.taken()
  return myFeedbackView(record)
}
