import type { placesContract } from '@shared/contract/places'
import { placeFeedback } from '../../_lib/records/placeFeedback'
import type { Handlers } from '../../_lib/router'
import { myFeedbackView } from '../views'

/** The caller's reports and suggestions, newest first, with the unions' replies. */
export const mine: Handlers<typeof placesContract>['mine'] = async ({ page, pageSize }, { caller }) => {
  const where = { senderOpenid: caller.openid }
  const [records, total] = await Promise.all([
    placeFeedback.find(where, { orderBy: [['createdAt', 'desc']], skip: (page - 1) * pageSize, limit: pageSize }),
    placeFeedback.count(where),
  ])
  return { items: records.map(myFeedbackView), page, pageSize, total }
}
