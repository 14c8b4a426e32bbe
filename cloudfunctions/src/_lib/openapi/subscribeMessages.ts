import { SUBSCRIBE_TEMPLATES, type TemplateData, type TemplateKey } from '@shared/subscribe-templates'
import { serverDate } from '../db'
import { outbox } from '../records/outbox'
import { cloudOpenApi, isLocalCloud, miniProgramState, type OpenApi } from './runtime'

export interface SubscribeMessage {
  toOpenid: string
  /** The template id the person agreed to receive (from requestSubscribeMessage). */
  template: string
  /** Template fields by key (`thing1`, `time2`, `phrase3`, …). Values are trimmed to WeChat's limits. */
  data: Record<string, string | number>
  /** The mini program page the message opens, e.g. `pages/me/index?tab=complaints`. */
  page: string
}

export type SendOutcome = { sent: true } | { sent: false; errCode: number; errMsg: string }

export interface SubscribeMessages {
  /**
   * Sends one message. Never throws: a person who did not subscribe (or has used up their one-time
   * subscription) is normal, and must not undo the action that triggered the message.
   */
  send(message: SubscribeMessage): Promise<SendOutcome>
}

/** WeChat refuses values over these lengths (errcode 47003); trimmed here so both adapters agree. */
const LIMITS: Array<[prefix: string, max: number]> = [
  ['character_string', 32],
  ['thing', 20],
  ['phrase', 5],
  ['name', 10],
  ['number', 32],
  ['letter', 32],
  ['symbol', 5],
  ['car_number', 8],
  ['phone_number', 17],
]

export function fitTemplateData(data: Record<string, string | number>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(data).map(([key, raw]) => {
      const value = String(raw)
      const max = LIMITS.find(([prefix]) => key.startsWith(prefix))?.[1]
      const chars = [...value]
      return [key, max !== undefined && chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : value]
    }),
  )
}

function failure(error: unknown): SendOutcome {
  const { errCode, errMsg, message } = (error ?? {}) as { errCode?: unknown; errMsg?: unknown; message?: unknown }
  return { sent: false, errCode: typeof errCode === 'number' ? errCode : -1, errMsg: String(errMsg ?? message ?? error) }
}

/** `subscribeMessage.send` through `cloud.openapi` (needs it in the function's config.json). */
export function cloudSubscribeMessages(api: () => OpenApi = cloudOpenApi): SubscribeMessages {
  return {
    async send({ toOpenid, template, data, page }) {
      try {
        const fitted = fitTemplateData(data)
        const reply = await api().subscribeMessage.send({
          touser: toOpenid,
          templateId: template,
          page,
          data: Object.fromEntries(Object.entries(fitted).map(([key, value]) => [key, { value }])),
          miniprogramState: miniProgramState(),
          lang: 'zh_CN',
        })
        if (reply.errCode && reply.errCode !== 0) return { sent: false, errCode: reply.errCode, errMsg: reply.errMsg ?? '' }
        return { sent: true }
      } catch (error) {
        console.error('[subscribeMessages] send failed', error)
        return failure(error)
      }
    },
  }
}

/** The local cloud's stand-in: the message goes to the `outbox` collection, shown on the sign-in page. */
export function localSubscribeMessages(): SubscribeMessages {
  return {
    async send({ toOpenid, template, data, page }) {
      try {
        await outbox.add({ toOpenid, template, page, data: fitTemplateData(data), createdAt: serverDate() as unknown as Date })
        return { sent: true }
      } catch (error) {
        console.error('[subscribeMessages] outbox write failed', error)
        return failure(error)
      }
    },
  }
}

export const subscribeMessages: SubscribeMessages = {
  send: (message) => (isLocalCloud() ? localSubscribeMessages() : cloudSubscribeMessages()).send(message),
}

/** Sends one of the app's templates (shared/subscribe-templates.ts), with exactly the fields it declares. */
export function sendTemplate<K extends TemplateKey>(key: K, message: { toOpenid: string; page: string; data: TemplateData<K> }): Promise<SendOutcome> {
  return subscribeMessages.send({ ...message, template: SUBSCRIBE_TEMPLATES[key].id })
}
