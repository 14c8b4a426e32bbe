import type { OpeningHours } from '@shared/rules/places'
import type { PlaceFacility, PlaceType } from '@shared/vocabulary'
import { collection, type Doc, type GeoPoint } from '../db'

/** Who last checked a place on site: a staff member of a union that serves it. */
export interface PlaceVerifier {
  openid: string
  /** The name on their staff record (李干事), shown as "由 … 核实". */
  name: string
  unionId: string
}

/** A 服务阵地 on the map, managed by one union. */
export interface PlaceRecord extends Doc {
  name: string
  type: PlaceType
  /** The union whose staff manage the place and answer reports about it. */
  unionId: string
  address: string
  district: string
  /** GCJ-02; the 2dsphere index `by_location` in collections.json answers `geoNear`. */
  location: GeoPoint
  hours: OpeningHours
  facilities: PlaceFacility[]
  /** The place's public service number (an organisation's, not a person's): shown as it is. */
  phone: string | null
  /** Cloud storage file ids in the place-photos folder; only temporary URLs leave the function. */
  photos: string[]
  description: string | null
  status: 'active' | 'retired'
  verifiedAt: Date
  /** Null for places entered before anyone verified them (imported lists). */
  verifiedBy: PlaceVerifier | null
  /** Running totals: `rate` adds to both in one update, after the day's rating is claimed. */
  rating: { sum: number; count: number }
  createdAt: Date
  createdBy: string | null
  updatedAt: Date
  retiredAt: Date | null
  retiredReason: string | null
}

export const places = collection<PlaceRecord>('places')
