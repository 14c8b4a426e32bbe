import type { complaintsContract } from '@shared/contract/complaints'
import { command } from '../../_lib/db'
import { AppFailure } from '../../_lib/failure'
import { contentCheck } from '../../_lib/openapi'
import { complaints, timelineStep, type ComplaintRecord } from '../../_lib/records/complaints'
import type { Handlers } from '../../_lib/router'
import { loadForOwner } from '../access'
import { ownerView } from '../views'

/**
 * The person who filed rates the result once. Rating a resolved case closes it; a case the timer
 * already closed can still be rated. Both writes are conditional on "not rated yet".
 */
export const rate: Handlers<typeof complaintsContract>['rate'] = async ({ complaintId, score, comment }, { caller }) => {
  const record = await loadForOwner(caller, complaintId)
  if (record.rating) throw new AppFailure('CONFLICT', '您已经评价过这个案件')
  if (record.status !== 'resolved' && record.status !== 'closed') throw new AppFailure('CONFLICT', '工会办结后才能评价')
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
  const rated = timelineStep({ at: now, actor: 'complainant', kind: 'rated', score, note: rating.comment })
  const closing = record.status === 'resolved'
  const written = await complaints.updateWhere(
    { _id: record._id, status: record.status, rating: null },
    closing
      ? { rating, status: 'closed', closedAt: now, updatedAt: now, timeline: _.push([rated, timelineStep({ at: now, actor: 'complainant', kind: 'status', from: 'resolved', to: 'closed' })]) }
      : { rating, updatedAt: now, timeline: _.push(rated) },
  )
  if (written !== 1) throw new AppFailure('CONFLICT', '您已经评价过这个案件')
  return ownerView((await complaints.get(record._id)) as ComplaintRecord, now)
}
