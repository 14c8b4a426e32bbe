import type { unionsContract } from '@shared/contract/unions'
import { routeChoices as choicesFrom } from '@shared/rules/join'
import { command } from '../../_lib/db'
import { unions } from '../../_lib/records/unions'
import type { Handlers } from '../../_lib/router'

/** The districts and platforms a gig worker can pick from: whatever the sector and district federations cover. */
export const routeChoices: Handlers<typeof unionsContract>['routeChoices'] = async () => {
  const federations = await unions.find(
    { kind: command().in(['sector', 'district']), status: 'active' },
    { limit: 1000, fields: { name: true, kind: true, district: true, platforms: true, status: true, takesMembers: true } },
  )
  return choicesFrom(federations)
}
