import { placesContract } from '@shared/contract/places'
import { createRouter } from '../_lib/router'
import { districts } from './actions/districts'
import { get } from './actions/get'
import { manageList } from './actions/manageList'
import { mine } from './actions/mine'
import { nearby } from './actions/nearby'
import { queue } from './actions/queue'
import { rate } from './actions/rate'
import { report } from './actions/report'
import { resolve } from './actions/resolve'
import { retire } from './actions/retire'
import { save } from './actions/save'
import { suggest } from './actions/suggest'
import { verify } from './actions/verify'
import { replays } from './replays'

export const main = createRouter(
  'places',
  placesContract,
  {
    nearby,
    districts,
    get,
    report,
    suggest,
    rate,
    mine,
    manageList,
    save,
    verify,
    retire,
    queue,
    resolve,
  },
  { replays },
)
