import type { placesContract } from '@shared/contract/places'
import { audit } from '../../_lib/audit'
import { AppFailure } from '../../_lib/failure'
import { placeFeedback, type PlaceFeedbackRecord } from '../../_lib/records/placeFeedback'
import type { Handlers } from '../../_lib/router'
import { requireServes } from '../access'
import { checkTexts } from '../content'
import { notifySender } from '../notify'
import { queueViews } from '../views'

/**
 * Resolves or declines a report or suggestion with a reply, once: the update applies only while it
 * is open, so two staff answering at once cannot both send a notice. The sender is told by
 * subscribe message and sees the reply on their feedback page.
 */
export const resolve: Handlers<typeof placesContract>['resolve'] = async ({ feedbackId, decision, reply }, { caller }) => {
  const item = await placeFeedback.get(feedbackId)
  if (!item) throw new AppFailure('NOT_FOUND', '这条反馈不存在')
  await requireServes(caller, item.unionId)
  await checkTexts([['reply', '回复', reply]], caller.openid, 'comment')

  const now = new Date()
  const status = decision === 'resolve' ? 'resolved' : 'declined'
  const written = await placeFeedback.updateWhere({ _id: item._id, status: 'open' }, { status, reply, handledBy: caller.openid, handledAt: now })
  if (written !== 1) throw new AppFailure('CONFLICT', '这条反馈已经处理过了')
  await audit({
    actorOpenid: caller.openid,
    action: `places.feedback.${decision}`,
    unionId: item.unionId,
    targetCollection: 'placeFeedback',
    targetId: item._id,
    detail: { kind: item.kind, placeId: item.placeId },
  })
  const notified = await notifySender(item, decision, reply, now)
  const [view] = await queueViews([{ ...item, status, reply, handledBy: caller.openid, handledAt: now } satisfies PlaceFeedbackRecord])
  return { ...view!, notified }
}
