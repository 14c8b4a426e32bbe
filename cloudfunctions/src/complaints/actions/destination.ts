import type { complaintsContract } from '@shared/contract/complaints'
import type { Handlers } from '../../_lib/router'
import { destinationFor, districtChoices } from '../routing'

/** Tells the form where a case would go before it is filed ("将转给 …"). */
export const destination: Handlers<typeof complaintsContract>['destination'] = async (input, { caller }) => {
  const [target, districts] = await Promise.all([destinationFor(caller, input.district), districtChoices()])
  return {
    isMember: (await caller.membership()) !== null,
    union: target ? { unionId: target.union._id, name: target.union.name } : null,
    districts,
  }
}
