import type { Sector, UnionKind, UnionStatus } from '@shared/vocabulary'
import { collection, type Doc } from '../db'

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
  createdAt: Date
}

export const unions = collection<UnionRecord>('unions')
