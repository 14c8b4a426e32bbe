import type { complaintsContract } from '@shared/contract/complaints'
import { command } from '../../_lib/db'
import { AppFailure } from '../../_lib/failure'
import { contentCheck } from '../../_lib/openapi'
import { satisfactionFromScore } from '@shared/rules/complaint-handling'
import { complaints, timelineStep, type ComplaintRecord } from '../../_lib/records/complaints'
import type { Handlers } from '../../_lib/router'
import { loadForOwner } from '../access'
import { canRate, ownerView } from '../views'

/**
 * The person who filed rates the result. Rating a resolved case is its callback (回访): the case
 * goes to the quality check. A case that moved on without their answer (staff reached them by
 * phone, or the 7-day timer closed it) can be rated once later. Each write is conditional on the
 * state read.
 */
export const rate: Handlers<typeof complaintsContract>['rate'] = async ({ complaintId, score, comment }, { caller }) => {
  const record = await loadForOwner(caller, complaintId)
  if (!canRate(record)) {
    throw new AppFailure('CONFLICT', record.status === 'reviewing' || record.status === 'closed' ? '您已经评价过这个案件' : '工会办结后才能评价')
  }
  if (comment) {
    const verdict = await contentCheck.check(comment, { openid: caller.openid, scene: 'comment' })
    if (verdict.suggest === 'risky') {
      const message = '评价中有不适合提交的内容，请修改后再提交'
      throw new AppFailure('CONTENT_REJECTED', message, [{ path: 'comment', message }])
    }
  }

  const now = new Date()
  const _ = command()
  const rating = { score, comment: comment || null, at: now }
  const satisfaction = satisfactionFromScore(score)
  const asCallback = record.status === 'resolved'
  const rated = timelineStep({ at: now, actor: 'complainant', kind: 'rated', score, note: rating.comment, satisfaction, ...(asCallback ? { from: 'resolved', to: 'reviewing' } : {}) })
  const written = await complaints.updateWhere(
    asCallback ? { _id: record._id, status: 'resolved' } : { _id: record._id, status: record.status, rating: null },
    asCallback
      ? { rating, status: 'reviewing', callback: { by: 'complainant', reached: true, satisfaction, note: rating.comment, at: now }, updatedAt: now, timeline: _.push(rated) }
      : { rating, updatedAt: now, timeline: _.push(rated) },
  )
  if (written !== 1) throw new AppFailure('CONFLICT', '您已经评价过这个案件')
  return ownerView((await complaints.get(record._id)) as ComplaintRecord, now)
}
