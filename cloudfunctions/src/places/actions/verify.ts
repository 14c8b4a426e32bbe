import type { placesContract } from '@shared/contract/places'
import { audit } from '../../_lib/audit'
import { command } from '../../_lib/db'
import { AppFailure } from '../../_lib/failure'
import { places, type PlaceRecord } from '../../_lib/records/places'
import type { Handlers } from '../../_lib/router'
import { loadManagedPlace, verifierFor } from '../access'
import { detailFor } from '../views'

/** Staff confirm on site that the place is as listed: 核实于 starts again from today. */
export const verify: Handlers<typeof placesContract>['verify'] = async ({ placeId }, { caller }) => {
  const place = await loadManagedPlace(placeId, caller)
  const now = new Date()
  const verifiedBy = await verifierFor(caller, place.unionId)
  const written = await places.updateWhere({ _id: place._id, status: 'active' }, { verifiedAt: now, verifiedBy: command().set(verifiedBy), updatedAt: now })
  if (written !== 1) throw new AppFailure('CONFLICT', '已停用的服务点不能核实')
  await audit({ actorOpenid: caller.openid, action: 'places.verify', unionId: place.unionId, targetCollection: 'places', targetId: place._id, detail: {} })
  return detailFor((await places.get(place._id)) as PlaceRecord, { caller, now })
}
