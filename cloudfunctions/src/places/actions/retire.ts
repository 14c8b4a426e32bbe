import type { placesContract } from '@shared/contract/places'
import { audit } from '../../_lib/audit'
import { AppFailure } from '../../_lib/failure'
import { places, type PlaceRecord } from '../../_lib/records/places'
import type { Handlers } from '../../_lib/router'
import { loadManagedPlace } from '../access'
import { detailFor } from '../views'

/** Takes a place off the map (closed for good, or never there); it stays in the staff list with the reason. */
export const retire: Handlers<typeof placesContract>['retire'] = async ({ placeId, reason }, { caller }) => {
  const place = await loadManagedPlace(placeId, caller)
  const now = new Date()
  const written = await places.updateWhere({ _id: place._id, status: 'active' }, { status: 'retired', retiredAt: now, retiredReason: reason, updatedAt: now })
  if (written !== 1) throw new AppFailure('CONFLICT', '这个服务点已经停用')
  await audit({ actorOpenid: caller.openid, action: 'places.retire', unionId: place.unionId, targetCollection: 'places', targetId: place._id, detail: { reason } })
  return detailFor((await places.get(place._id)) as PlaceRecord, { caller, now })
}
