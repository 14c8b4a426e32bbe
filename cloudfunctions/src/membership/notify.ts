import { JOIN_RESULT_TEMPLATE } from '@shared/rules/join'
import { subscribeMessages } from '../_lib/openapi'
import type { ApplicationRecord } from './records'

export const STATUS_PAGE = 'subpackages/join/pages/status/index'

/** `2026-03-01 10:05` in China time, the format WeChat's `time` template fields take. */
function chinaMinute(date: Date): string {
  return new Date(date.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 16).replace('T', ' ')
}

/**
 * Tells the applicant the decision through the subscribe message they allowed when submitting.
 * A send that fails (no subscription left) is logged by the port and does not undo the decision.
 */
export async function notifyDecision(
  application: ApplicationRecord,
  unionName: string,
  outcome: { approved: true; memberNumber: string } | { approved: false; reason: string },
  at: Date,
): Promise<void> {
  await subscribeMessages.send({
    toOpenid: application.openid,
    template: JOIN_RESULT_TEMPLATE,
    page: STATUS_PAGE,
    data: {
      thing1: unionName,
      phrase2: outcome.approved ? '已通过' : '未通过',
      thing3: outcome.approved ? `会员号${outcome.memberNumber}，可在我的查看会员卡` : outcome.reason,
      time4: chinaMinute(at),
    },
  })
}
