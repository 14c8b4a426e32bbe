import type { placesContract } from '@shared/contract/places'
import { isOpenAt, NEARBY_CANDIDATES } from '@shared/rules/places'
import { command, geoPoint, type Where } from '../../_lib/db'
import { places, type PlaceRecord } from '../../_lib/records/places'
import type { Handlers } from '../../_lib/router'
import { summariesOf } from '../views'

/**
 * Active places around the caller (nearest first, within the radius, by the 2dsphere index) or
 * in a district (by name, for people who keep their location to themselves), with the type and
 * facility filters applied by the database. 营业中 depends on the clock, so it is decided here on
 * the nearest NEARBY_CANDIDATES, and the page is cut from what remains.
 */
export const nearby: Handlers<typeof placesContract>['nearby'] = async (input) => {
  const now = new Date()
  const _ = command()
  const where: Where = { status: 'active' }
  if (input.types.length > 0) where.type = _.in(input.types)
  // A place must have every facility asked for: one equality per facility on the array.
  if (input.facilities.length > 0) where.facilities = _.and(...input.facilities.map((facility) => _.eq(facility)))
  if (input.district) where.district = input.district

  let found: PlaceRecord[]
  if (input.location) {
    where.location = _.geoNear({ geometry: geoPoint(input.location.longitude, input.location.latitude), maxDistance: input.radius })
    found = await places.find(where, { limit: NEARBY_CANDIDATES + 1 })
  } else {
    found = await places.find(where, { orderBy: [['name', 'asc']], limit: NEARBY_CANDIDATES + 1 })
    found.sort((a, b) => a.name.localeCompare(b.name, 'zh-Hans-CN'))
  }

  const truncated = found.length > NEARBY_CANDIDATES
  const candidates = found.slice(0, NEARBY_CANDIDATES).filter((place) => !input.openNow || isOpenAt(place.hours, now))
  const start = (input.page - 1) * input.pageSize
  const page = candidates.slice(start, start + input.pageSize)
  return {
    items: await summariesOf(page, now, input.location),
    page: input.page,
    pageSize: input.pageSize,
    total: candidates.length,
    truncated,
  }
}
