import { collection, command, type Doc } from './db'

export interface UnionRecord extends Doc {
  name: string
  kind: 'federation' | 'sector' | 'district' | 'enterprise'
  parentId: string | null
  city: string
  district: string | null
  sector: 'courier' | 'food_delivery' | 'ride_hailing' | 'freight' | null
  platforms: string[]
  scene: string
  status: 'active' | 'retired'
}

export const unionCollection = collection<UnionRecord>('unions')

/** Union names by id, in one query, for lists that show where each row belongs. */
export async function unionNames(ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)]
  if (unique.length === 0) return new Map()
  const unions = await unionCollection.find({ _id: command().in(unique) }, { limit: unique.length, fields: { name: true } })
  return new Map(unions.map((union) => [union._id, union.name]))
}
