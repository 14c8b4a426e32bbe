import type { placesContract } from '@shared/contract/places'
import { geoPoint } from '../../_lib/db'
import { placeFeedback } from '../../_lib/records/placeFeedback'
import type { Handlers } from '../../_lib/router'
import { unionForDistrict } from '../../_lib/union-tree'
import { checkTexts } from '../content'
import { openFeedback } from '../feedback'
import { keepFeedbackPhoto } from '../photos'
import { myFeedbackView } from '../views'

/** A worker suggests a place the map lacks; the district's federation (or the city federation) looks at it. */
export const suggest: Handlers<typeof placesContract>['suggest'] = async (input, { caller }) => {
  const verdict = await checkTexts(
    [
      ['name', '服务点名称', input.name],
      ['address', '地址', input.address],
      ['note', '补充说明', input.note],
    ],
    caller.openid,
    'profile',
  )
  const { union } = await unionForDistrict(input.district)
  const photo = await keepFeedbackPhoto(input.photo, caller.openid)

  const record = openFeedback(
    {
      kind: 'new_place',
      placeId: null,
      unionId: union._id,
      senderOpenid: caller.openid,
      title: input.name,
      suggestion: { name: input.name, type: input.type, address: input.address, district: input.district, facilities: input.facilities },
      facility: null,
      note: input.note || null,
      photoFileId: photo.fileIDs[0] ?? null,
      location: input.location ? geoPoint(input.location.longitude, input.location.latitude) : null,
    },
    verdict,
    new Date(),
  )
  const feedbackId = await placeFeedback.add(record)
  await photo.taken()
  return myFeedbackView({ _id: feedbackId, ...record })
}
