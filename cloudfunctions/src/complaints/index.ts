import { complaintsContract } from '@shared/contract/complaints'
import { pruneRequestRecords } from '../_lib/records/idempotency'
import { createRouter } from '../_lib/router'
import { callback } from './actions/callback'
import { claim } from './actions/claim'
import { extend } from './actions/extend'
import { intake } from './actions/intake'
import { qualityCheck } from './actions/qualityCheck'
import { refer } from './actions/refer'
import { referralFeedback } from './actions/referralFeedback'
import { saveTierSettings } from './actions/saveTierSettings'
import { tierSettings } from './actions/tierSettings'
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
    extend,
    refer,
    referralFeedback,
    callback,
    qualityCheck,
    intake,
    claim,
    tierSettings,
    saveTierSettings,
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
