/** The envelope every cloud function returns; the only shape the client ever branches on. */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'CONTENT_REJECTED',
  'INTERNAL',
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

/** A field that failed validation: `path` is dotted (`attachments.2`), `message` is Chinese and says what to fix. */
export interface FieldError {
  path: string
  message: string
}

export interface AppError {
  code: ErrorCode
  message: string
  fields?: FieldError[]
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: AppError }

export const ok = <T>(data: T): Result<T> => ({ ok: true, data })

export const fail = (code: ErrorCode, message: string, fields?: FieldError[]): Result<never> => ({
  ok: false,
  error: fields && fields.length > 0 ? { code, message, fields } : { code, message },
})

/** What a person sees when a call fails for a reason that is not theirs to fix. */
export const GENERIC_MESSAGES: Record<ErrorCode, string> = {
  INVALID_INPUT: '填写的内容有误，请检查后再提交',
  UNAUTHENTICATED: '请先登录',
  FORBIDDEN: '没有权限进行此操作',
  NOT_FOUND: '内容不存在或已删除',
  CONFLICT: '操作冲突，请刷新后重试',
  RATE_LIMITED: '操作太频繁，请稍后再试',
  CONTENT_REJECTED: '内容未通过安全检查，请修改后再提交',
  INTERNAL: '服务暂时不可用，请稍后再试',
}
