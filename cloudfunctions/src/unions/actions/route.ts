import type { unionsContract } from '@shared/contract/unions'
import { routeWorker } from '@shared/rules/join'
import { command } from '../../_lib/db'
import { unions } from '../../_lib/records/unions'
import type { Handlers } from '../../_lib/router'
import { summarise } from '../summary'

/** The sector and district federations that can take a gig worker, with the reason for each. */
export const route: Handlers<typeof unionsContract>['route'] = async ({ employmentType, platform, district }) => {
  const federations = await unions.find({ kind: command().in(['sector', 'district']), status: 'active' }, { limit: 1000 })
  const options = routeWorker(federations, { employmentType, platform, district })
  const summaries = await summarise(options.map((option) => option.union))
  return { options: options.map((option, index) => ({ union: summaries[index]!, reason: option.reason })) }
}
