import { complaintsContract } from '@shared/contract/complaints'
import { fail, GENERIC_MESSAGES, ok, type Result } from '@shared/result'
import { callerOpenid } from '../_lib/cloud'
import { createRouter } from '../_lib/router'
import { closeResolved, closeResolvedCases } from './actions/closeResolved'
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

const route = createRouter('complaints', complaintsContract, {
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
})

/**
 * A timer trigger (config.json) invokes the function with `{ Type: 'Timer', TriggerName, Time }`
 * and no caller. Only such an event with no openid runs the trigger's job: a person calling from
 * the mini program always has an openid, so they cannot pose as the timer (and the job only does
 * what the clock says is due anyway).
 */
function isTimerEvent(event: unknown): event is { Type: 'Timer'; TriggerName: string } {
  return typeof event === 'object' && event !== null && (event as { Type?: unknown }).Type === 'Timer'
}

async function onTimer(triggerName: string): Promise<Result<unknown>> {
  try {
    if (triggerName === 'closeResolved') return ok({ closed: await closeResolvedCases(new Date()) })
    return fail('INVALID_INPUT', '未知的定时任务')
  } catch (error) {
    console.error(`[complaints.timer.${triggerName}]`, error)
    return fail('INTERNAL', GENERIC_MESSAGES.INTERNAL)
  }
}

export async function main(event: unknown): Promise<Result<unknown>> {
  if (isTimerEvent(event) && callerOpenid() === null) return onTimer(String(event.TriggerName))
  return route(event)
}
