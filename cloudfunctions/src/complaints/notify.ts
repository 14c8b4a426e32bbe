import { chinaDateTime } from '@shared/rules/china-time'
import { STATUS_LABELS } from '@shared/rules/complaint-status'
import { sendTemplate } from '../_lib/openapi'
import type { ComplaintRecord } from '../_lib/records/complaints'

/**
 * Tells the person who filed that their case moved. Never throws and never undoes the change: a
 * person who did not subscribe simply gets no message and sees the step on the case page.
 */
export async function notifyOwner(record: Pick<ComplaintRecord, '_id' | 'ownerOpenid' | 'trackingNumber'>, status: ComplaintRecord['status'], note: string, at: Date): Promise<void> {
  // A hotline case nobody has claimed yet has no one in the app to tell.
  if (record.ownerOpenid === null) return
  await sendTemplate('complaintProgress', {
    toOpenid: record.ownerOpenid,
    page: `subpackages/complaint/pages/case/index?id=${record._id}`,
    data: { character_string1: record.trackingNumber, phrase2: STATUS_LABELS[status], thing3: note || '请进入小程序查看详情', time4: chinaDateTime(at) },
  })
}
