import { STATUS_LABELS } from '@shared/rules/complaint-status'
import { isLocalCloud } from '../_lib/openapi/runtime'
import { subscribeMessages } from '../_lib/openapi'
import type { ComplaintRecord } from './repository'

/**
 * The subscribe-message template for case progress. Its id belongs to the mini program account,
 * so it comes from the function's environment; the client asks for the same id
 * (TARO_APP_COMPLAINT_TEMPLATE_ID). Locally a placeholder id lets the outbox show the messages.
 */
function templateId(): string | null {
  return process.env.UNIONHUB_COMPLAINT_TEMPLATE_ID || (isLocalCloud() ? 'local-complaint-progress' : null)
}

const pad = (n: number) => String(n).padStart(2, '0')

/** `2026-11-27 14:05` in China time, as the template's `time` field expects. */
function chinaTime(date: Date): string {
  const local = new Date(date.getTime() + 8 * 60 * 60 * 1000)
  return `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`
}

/**
 * Tells the person who filed that their case moved. Never throws and never undoes the change: a
 * person who did not subscribe simply gets no message and sees the step on the case page.
 */
export async function notifyOwner(record: Pick<ComplaintRecord, '_id' | 'ownerOpenid' | 'trackingNumber'>, status: ComplaintRecord['status'], note: string, at: Date): Promise<void> {
  const template = templateId()
  if (!template) return
  await subscribeMessages.send({
    toOpenid: record.ownerOpenid,
    template,
    page: `subpackages/complaint/pages/case/index?id=${record._id}`,
    data: { character_string1: record.trackingNumber, phrase2: STATUS_LABELS[status], thing3: note || '请进入小程序查看详情', time4: chinaTime(at) },
  })
}
