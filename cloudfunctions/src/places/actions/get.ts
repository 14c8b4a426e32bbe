import type { placesContract } from '@shared/contract/places'
import { AppFailure } from '../../_lib/failure'
import { places } from '../../_lib/records/places'
import type { Handlers } from '../../_lib/router'
import { NOT_FOUND_MESSAGE } from '../access'
import { detailFor } from '../views'

/** One place; a retired one is shown only to staff who manage it. */
export const get: Handlers<typeof placesContract>['get'] = async ({ placeId, location }, { caller }) => {
  const place = await places.get(placeId)
  if (!place || (place.status !== 'active' && !(await caller.servesUnion(place.unionId)))) throw new AppFailure('NOT_FOUND', NOT_FOUND_MESSAGE)
  return detailFor(place, { caller, now: new Date(), from: location })
}
