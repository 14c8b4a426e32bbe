import { chinaDateTime } from '@shared/rules/china-time'
import { sendTemplate } from '../_lib/openapi'
import type { ApplicationRecord } from '../_lib/records/applications'

export const STATUS_PAGE = 'subpackages/join/pages/status/index'

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
  await sendTemplate('joinResult', {
    toOpenid: application.openid,
    page: STATUS_PAGE,
    data: {
      thing1: unionName,
      phrase2: outcome.approved ? '已通过' : '未通过',
      thing3: outcome.approved ? `会员号${outcome.memberNumber}，可在我的查看会员卡` : outcome.reason,
      time4: chinaDateTime(at),
    },
  })
}
