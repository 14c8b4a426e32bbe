import { complaintsContract } from '@shared/contract/complaints'
import { pruneRequestRecords } from '../_lib/records/idempotency'
import { createRouter } from '../_lib/router'
import { closeResolved, closeResolvedJob } from './actions/closeResolved'
import { destination } from './actions/destination'
import { file } from './actions/file'
import { get } from './actions/get'
import { holidays } from './actions/holidays'
import { list } from './actions/list'
import { mine } from './actions/mine'
import { rate } from './actions/rate'
import { removeHoliday } from './actions/removeHoliday'
import { reply } from './actions/reply'
import { revealContact } from './actions/revealContact'
import { saveHoliday } from './actions/saveHoliday'
import { transition } from './actions/transition'
import { replays } from './replays'

export const main = createRouter(
  'complaints',
  complaintsContract,
  {
    destination,
    file,
    mine,
    get,
    list,
    transition,
    reply,
    revealContact,
    rate,
    holidays,
    saveHoliday,
    removeHoliday,
    closeResolved,
  },
  // pruneRequests serves every function: the request records of all of them are in one collection.
  { timers: { closeResolved: closeResolvedJob, pruneRequests: () => pruneRequestRecords() }, replays },
)
