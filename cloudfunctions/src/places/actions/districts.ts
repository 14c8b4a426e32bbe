import type { placesContract } from '@shared/contract/places'
import { places } from '../../_lib/records/places'
import type { Handlers } from '../../_lib/router'

/** Districts with active places and how many each has, in the order of the Chinese names (pinyin). */
export const districts: Handlers<typeof placesContract>['districts'] = async () => {
  const counts = await places.countBy('district', { status: 'active' }, 200)
  return {
    districts: counts
      .filter((row): row is { value: string; count: number } => typeof row.value === 'string' && row.value !== '')
      .map((row) => ({ district: row.value, count: row.count }))
      .sort((a, b) => a.district.localeCompare(b.district, 'zh-Hans-CN')),
  }
}
