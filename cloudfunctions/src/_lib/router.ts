import { createHash } from 'node:crypto'
import type * as z from 'zod/mini'
import type { ActionSpec, FunctionContract, Role } from '@shared/contract/define'
import { fail, GENERIC_MESSAGES, ok, type FieldError, type Result } from '@shared/result'
import { callerOpenid, hasCallerIdentity } from './cloud'
import { AppFailure } from './failure'
import { Caller } from './identity'
import { idempotency } from './records/idempotency'

export interface ActionContext<R extends Role> {
  /** Present for every role but `anyone`, where it is present only if the caller has an openid. */
  caller: R extends 'anyone' ? Caller | null : Caller
  requestId: string | undefined
}

type HandlerOf<S> =
  S extends ActionSpec<infer I, infer O, infer R>
    ? (input: z.output<I>, context: ActionContext<R>) => Promise<z.input<O>>
    : never

export type Handlers<C extends FunctionContract> = { [A in keyof C]: HandlerOf<C[A]> }

const HAS_CHINESE = /[\u4e00-\u9fa5]/

/** zod issues → field errors whose messages are Chinese and name the field. */
function fieldErrors(error: z.core.$ZodError): FieldError[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.')
    if (path === '') return { path, message: '提交的内容格式不正确' }
    return { path, message: HAS_CHINESE.test(issue.message) ? issue.message : `${path} 格式不正确` }
  })
}

async function hasRole(caller: Caller, role: Role): Promise<boolean> {
  switch (role) {
    case 'anyone':
    case 'user':
      return true
    case 'member':
      return (await caller.membership()) !== null
    case 'staff':
      return (await caller.staffRoles()).length > 0
    case 'admin':
      return (await caller.staffRoles()).some((record) => record.role === 'admin')
  }
}

const FORBIDDEN_MESSAGES: Record<Role, string> = {
  anyone: GENERIC_MESSAGES.FORBIDDEN,
  user: GENERIC_MESSAGES.FORBIDDEN,
  member: '此功能仅限工会会员使用，请先申请入会',
  staff: '此功能仅限工会工作人员使用',
  admin: '此功能仅限工会管理员使用',
}

function readEnvelope(event: unknown): { action: string; input: unknown; requestId: string | undefined } | null {
  if (typeof event !== 'object' || event === null) return null
  const { action, input, requestId } = event as Record<string, unknown>
  if (typeof action !== 'string') return null
  const validRequestId = typeof requestId === 'string' && /^[A-Za-z0-9_-]{8,64}$/.test(requestId) ? requestId : undefined
  return { action, input: input ?? {}, requestId: validRequestId }
}

/** A job a timer trigger runs; what it resolves is the invocation's `data` (the cloud only logs it). */
export type TimerJob = () => Promise<unknown>

export interface RouterOptions {
  /** Jobs by trigger name: each name must be a trigger in the function's config.json. */
  timers?: Record<string, TimerJob>
}

/**
 * The trigger a timer invocation names, or null when the event is anything else. A timer trigger
 * calls with `{ Type: 'Timer', TriggerName, Time }` and nobody behind it, while a client call always
 * has someone: WeChat (and the local cloud's gateway) put `userInfo` into the event of every call
 * from a client, signed in or not, and a signed-in caller has an openid. A timer-shaped event from a
 * client therefore takes the normal path, where it names no action and is refused.
 */
function timerTrigger(event: unknown): string | null {
  if (typeof event !== 'object' || event === null || 'userInfo' in event) return null
  const { Type, TriggerName } = event as Record<string, unknown>
  if (Type !== 'Timer' || typeof TriggerName !== 'string' || hasCallerIdentity()) return null
  return TriggerName
}

/**
 * Builds a cloud function's `main` from its contract, one handler per action and its timer jobs.
 * Order of checks for an action: identity → role → input, so a caller without the right learns
 * nothing about the schema. The returned `main` also lists its timers' names (tested against
 * config.json).
 */
export function createRouter<C extends FunctionContract>(functionName: string, contract: C, handlers: Handlers<C>, { timers = {} }: RouterOptions = {}) {
  async function run(spec: ActionSpec, action: string, input: unknown, requestId: string | undefined) {
    const openid = callerOpenid()
    if (spec.role !== 'anyone' && openid === null) return fail('UNAUTHENTICATED', GENERIC_MESSAGES.UNAUTHENTICATED)
    const caller = openid === null ? null : new Caller(openid)
    if (caller && !(await hasRole(caller, spec.role))) return fail('FORBIDDEN', FORBIDDEN_MESSAGES[spec.role])

    const parsed = spec.input.safeParse(input)
    if (!parsed.success) {
      const fields = fieldErrors(parsed.error)
      return fail('INVALID_INPUT', fields[0]?.message ?? GENERIC_MESSAGES.INVALID_INPUT, fields)
    }

    const handler = handlers[action] as unknown as (input: unknown, context: ActionContext<Role>) => Promise<unknown>
    const execute = async (): Promise<Result<unknown>> => {
      const output = spec.output.safeParse(await handler(parsed.data, { caller, requestId }))
      if (!output.success) throw new Error(`${functionName}.${action} produced output outside its contract`)
      // Parsing the output also strips any field the contract does not name (e.g. encrypted columns).
      return ok(output.data)
    }
    return spec.idempotent && requestId && caller ? once(`${functionName}.${action}`, caller.openid, requestId, execute) : execute()
  }

  async function runTimer(trigger: string): Promise<Result<unknown>> {
    if (!Object.prototype.hasOwnProperty.call(timers, trigger)) return fail('INVALID_INPUT', '未知的定时任务')
    try {
      return ok(await timers[trigger]!())
    } catch (error) {
      console.error(`[${functionName}.timer.${trigger}]`, error)
      return fail('INTERNAL', GENERIC_MESSAGES.INTERNAL)
    }
  }

  async function main(event: unknown): Promise<Result<unknown>> {
    const trigger = timerTrigger(event)
    if (trigger !== null) return runTimer(trigger)
    const envelope = readEnvelope(event)
    if (!envelope || !Object.prototype.hasOwnProperty.call(contract, envelope.action)) {
      return fail('INVALID_INPUT', '未知的操作', [{ path: 'action', message: '未知的操作' }])
    }
    const spec = contract[envelope.action] as ActionSpec
    try {
      return await run(spec, envelope.action, envelope.input, envelope.requestId)
    } catch (error) {
      if (error instanceof AppFailure) return fail(error.code, error.message, error.fields)
      // Logged for operators only; the caller gets no stack, path or query.
      console.error(`[${functionName}.${envelope.action}]`, error)
      return fail('INTERNAL', GENERIC_MESSAGES.INTERNAL)
    }
  }

  return Object.assign(main, { timers: Object.keys(timers) })
}

/**
 * Runs a write at most once per (action, caller, requestId). A claim document with a derived `_id`
 * is inserted first: the database refuses a second insert of the same id, so two concurrent
 * retries cannot both run. A failed run releases the claim so the person can try again.
 */
async function once(scope: string, openid: string, requestId: string, execute: () => Promise<Result<unknown>>) {
  const key = createHash('sha256').update(`${scope}\n${openid}\n${requestId}`).digest('hex').slice(0, 40)
  const claimed = await idempotency.addIfAbsent({ _id: key, state: 'running', createdAt: new Date() })
  if (!claimed) {
    const previous = await idempotency.get(key)
    if (previous?.state === 'done' && previous.result) return previous.result
    return fail('CONFLICT', '上一次提交正在处理中，请稍候查看结果')
  }
  let result: Result<unknown>
  try {
    result = await execute()
  } catch (error) {
    await idempotency.removeWhere({ _id: key })
    throw error
  }
  if (result.ok) await idempotency.update(key, { state: 'done', result })
  else await idempotency.removeWhere({ _id: key })
  return result
}
