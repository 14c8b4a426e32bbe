import type { placesContract } from '@shared/contract/places'
import { AppFailure } from '../_lib/failure'
import { placeFeedback } from '../_lib/records/placeFeedback'
import type { Replay, RouterOptions } from '../_lib/router'
import { myFeedbackView } from './views'

type Contract = typeof placesContract

/** A retried report or suggestion is answered from the stored feedback: the request record keeps only its id, not what was written. */
const asSender: Replay<Contract['report']> & Replay<Contract['suggest']> = {
  keep: (output) => output.feedbackId,
  answer: async (feedbackId, { caller }) => {
    const record = await placeFeedback.get(feedbackId)
    if (!record || record.senderOpenid !== caller.openid) throw new AppFailure('NOT_FOUND', '没有找到这条反馈')
    return myFeedbackView(record)
  },
}

export const replays: RouterOptions<Contract>['replays'] = { report: asSender, suggest: asSender }
