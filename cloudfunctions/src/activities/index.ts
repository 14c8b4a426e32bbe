import { activitiesContract } from '@shared/contract/activities'
import { callerOpenid } from '../_lib/cloud'
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

const router = createRouter('activities', activitiesContract, {
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
})

/** The timer trigger declared in config.json; WeChat calls it with no user (no OPENID). */
const TIMER = 'activitySchedule'

function isTimerEvent(event: unknown): boolean {
  const { Type, TriggerName } = (event ?? {}) as { Type?: unknown; TriggerName?: unknown }
  return Type === 'Timer' && TriggerName === TIMER
}

export async function main(event: unknown) {
  // Only the platform calls without a user; a person sending a timer-shaped event gets the router.
  if (isTimerEvent(event) && callerOpenid() === null) {
    try {
      return { ok: true, data: await runSchedule() }
    } catch (error) {
      console.error('[activities.schedule]', error)
      return { ok: false, error: { code: 'INTERNAL', message: '定时任务失败' } }
    }
  }
  return router(event)
}
