import { JOIN_SCENE_PREFIX } from '@shared/rules/scene'
import type { Sector, UnionKind, UnionStatus } from '@shared/vocabulary'
import { collection, type Doc } from '../db'
import { randomCode } from '../random'

/** A union in the city's tree: the federation at the root, sector and district federations, enterprise unions. */
export interface UnionRecord extends Doc {
  name: string
  kind: UnionKind
  parentId: string | null
  city: string
  district: string | null
  sector: Sector | null
  /** The platforms a sector federation takes workers from (routing reads these). */
  platforms: string[]
  /** What the union's join QR code carries: ≤ 32 characters of WeChat's scene alphabet. */
  scene: string
  status: UnionStatus
  /** Whether people may apply to it (shared/rules/join `acceptsMembers`); absent on older documents. */
  takesMembers?: boolean
  contactPhone?: string | null
  address?: string | null
  createdAt: Date
  updatedAt?: Date
  retiredAt?: Date | null
  /**
   * On the root union only: the staff ids of its admins. Taking one out is a conditional update that
   * needs a second one left, so two admins revoking each other at once cannot leave none.
   */
  adminStaffIds?: string[]
}

export const unions = collection<UnionRecord>('unions')

/** A new union's id. */
export const newUnionId = () => `u-${randomCode(12)}`

/** A new union's join scene (`j.<12 random>`): 36^12 values, so two unions never draw the same. */
export const newJoinScene = () => `${JOIN_SCENE_PREFIX}${randomCode(12)}`
