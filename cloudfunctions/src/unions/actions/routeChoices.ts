import type { unionsContract } from '@shared/contract/unions'
import { routeChoices as choicesFrom } from '@shared/rules/join'
import { command } from '../../_lib/db'
import type { Handlers } from '../../_lib/router'
import { unionCollection } from '../../_lib/unions'

/** The districts and platforms a gig worker can pick from: whatever the sector and district federations cover. */
export const routeChoices: Handlers<typeof unionsContract>['routeChoices'] = async () => {
  const federations = await unionCollection.find(
    { kind: command().in(['sector', 'district']), status: 'active' },
    { limit: 1000, fields: { name: true, kind: true, district: true, platforms: true, status: true } },
  )
  return choicesFrom(federations)
}
