import Taro from '@tarojs/taro'
import type { ActionInput, ActionName, ActionOutput, FunctionEvent, FunctionName } from '@shared/contract'
import { ERROR_CODES, fail, GENERIC_MESSAGES, type AppError, type Result } from '@shared/result'

const OFFLINE = '网络不给力，请检查网络后重试'

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null || typeof (value as { ok?: unknown }).ok !== 'boolean') return false
  if ((value as { ok: boolean }).ok) return 'data' in value
  const error = (value as { error?: { code?: unknown; message?: unknown } }).error
  return typeof error?.message === 'string' && ERROR_CODES.includes(error.code as AppError['code'])
}

async function transport(name: FunctionName, data: FunctionEvent): Promise<unknown> {
  if (process.env.TARO_ENV === 'h5') {
    // The local cloud's gateway serves this build and answers on the same origin.
    const response = await Taro.request({ url: `/fn/${name}`, method: 'POST', data, credentials: 'include' })
    return response.data
  }
  const response = await Taro.cloud.callFunction({ name, data: { ...data } })
  return response.result
}

/** A fresh id for one user intent (one tap of 提交); reuse it when retrying that same intent. */
export function newRequestId(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`
}

/**
 * The one way the client talks to the cloud: typed by the shared contract, transport chosen by
 * platform, and never throws — a network failure or a malformed reply becomes an error envelope.
 */
export async function callCloud<F extends FunctionName, A extends ActionName<F>>(
  name: F,
  action: A,
  input: ActionInput<F, A>,
  options: { requestId?: string } = {},
): Promise<Result<ActionOutput<F, A>>> {
  try {
    const reply = await transport(name, { action, input, requestId: options.requestId })
    return isResult(reply) ? (reply as Result<ActionOutput<F, A>>) : fail('INTERNAL', GENERIC_MESSAGES.INTERNAL)
  } catch {
    return fail('INTERNAL', OFFLINE)
  }
}

/** Shows an error the way a person can act on it: a short toast in Chinese. */
export function showError(error: AppError): void {
  void Taro.showToast({ title: error.message, icon: 'none', duration: 2500 })
}

/** Field errors keyed by path, for forms that show the message under the field. */
export function fieldMessages(error: AppError): Record<string, string> {
  return Object.fromEntries((error.fields ?? []).map((field) => [field.path, field.message]))
}
