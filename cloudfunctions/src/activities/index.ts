import { activitiesContract } from '@shared/contract/activities'
import { createRouter } from '../_lib/router'
import { cancel } from './actions/cancel'
import { cancelActivity } from './actions/cancelActivity'
import { checkIn } from './actions/checkIn'
import { checkInCode } from './actions/checkInCode'
import { draw } from './actions/draw'
import { drawRecord } from './actions/drawRecord'
import { exportRoster } from './actions/exportRoster'
import { get } from './actions/get'
import { list } from './actions/list'
import { manageList } from './actions/manageList'
import { mine } from './actions/mine'
import { publish } from './actions/publish'
import { roster } from './actions/roster'
import { save } from './actions/save'
import { selfCheckIn } from './actions/selfCheckIn'
import { signUp } from './actions/signUp'
import { runSchedule } from './maintenance'

export const main = createRouter(
  'activities',
  activitiesContract,
  {
    list,
    get,
    signUp,
    cancel,
    mine,
    selfCheckIn,
    drawRecord,
    manageList,
    save,
    publish,
    cancelActivity,
    draw,
    roster,
    exportRoster,
    checkIn,
    checkInCode,
  },
  { timers: { activitySchedule: runSchedule } },
)
