import type { placesContract } from '@shared/contract/places'
import { audit } from '../../_lib/audit'
import { command, geoPoint } from '../../_lib/db'
import { places, type PlaceRecord } from '../../_lib/records/places'
import type { Handlers } from '../../_lib/router'
import { loadManagedPlace, requireServes, verifierFor } from '../access'
import { checkTexts } from '../content'
import { keepPlacePhotos } from '../photos'
import { detailFor } from '../views'

type SaveInput = Parameters<Handlers<typeof placesContract>['save']>[0]

/** The fields staff edit, as stored. */
function editable(input: SaveInput, photos: string[]) {
  return {
    name: input.name,
    type: input.type,
    unionId: input.unionId,
    address: input.address,
    district: input.district,
    location: geoPoint(input.location.longitude, input.location.latitude),
    hours: input.hours,
    facilities: input.facilities,
    phone: input.phone ?? null,
    photos,
    description: input.description || null,
  }
}

/**
 * Creates a place (verified now, by the caller: they just entered what is there) or edits one.
 * The caller must serve the union the place belongs to, and when it moves to another union, that
 * one too. Public text is content-checked and photos are checked before anything is written.
 */
export const save: Handlers<typeof placesContract>['save'] = async (input, { caller }) => {
  await requireServes(caller, input.unionId)
  const existing = input.placeId ? await loadManagedPlace(input.placeId, caller) : null
  await checkTexts(
    [
      ['name', '服务点名称', input.name],
      ['address', '地址', input.address],
      ['description', '服务说明', input.description],
    ],
    caller.openid,
    'profile',
  )
  const photos = await keepPlacePhotos(input.photos, existing?.photos ?? [], caller.openid)
  const now = new Date()
  const fields = editable(input, photos.fileIDs)

  if (!existing) {
    const record: Omit<PlaceRecord, '_id'> = {
      ...fields,
      status: 'active',
      verifiedAt: now,
      verifiedBy: await verifierFor(caller, input.unionId),
      rating: { sum: 0, count: 0 },
      createdAt: now,
      createdBy: caller.openid,
      updatedAt: now,
      retiredAt: null,
      retiredReason: null,
    }
    const placeId = await places.add(record)
    await photos.taken()
    await audit({ actorOpenid: caller.openid, action: 'places.save.create', unionId: input.unionId, targetCollection: 'places', targetId: placeId, detail: { name: input.name, type: input.type } })
    return detailFor({ _id: placeId, ...record }, { caller, now })
  }

  // Whole sub-documents are replaced (`_.set`): the SDK would otherwise merge them field by field.
  await places.update(existing._id, { ...fields, hours: command().set(input.hours), updatedAt: now })
  await photos.taken()
  await audit({
    actorOpenid: caller.openid,
    action: 'places.save.edit',
    unionId: input.unionId,
    targetCollection: 'places',
    targetId: existing._id,
    detail: { name: input.name, fromUnionId: existing.unionId === input.unionId ? null : existing.unionId },
  })
  return detailFor((await places.get(existing._id)) as PlaceRecord, { caller, now })
}
