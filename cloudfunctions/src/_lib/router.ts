import { createHash } from 'node:crypto'
import type { z } from 'zod'
import type { ActionSpec, FunctionContract, Role } from '@shared/contract/define'
import { fail, GENERIC_MESSAGES, ok, type FieldError, type Result } from '@shared/result'
import { callerOpenid } from './cloud'
import { collection, type Doc } from './db'
import { AppFailure } from './failure'
import { Caller } from './identity'

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

interface IdempotencyRecord extends Doc {
  state: 'running' | 'done'
  result?: Result<unknown>
  createdAt: Date
}

const idempotency = collection<IdempotencyRecord>('idempotency')

const HAS_CHINESE = /[\u4e00-\u9fa5]/

/** zod issues → field errors whose messages are Chinese and name the field. */
function fieldErrors(error: z.ZodError): FieldError[] {
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

/**
 * Builds a cloud function's `main` from its contract and one handler per action. Order of checks:
 * identity → role → input, so a caller without the right learns nothing about the schema.
 */
export function createRouter<C extends FunctionContract>(functionName: string, contract: C, handlers: Handlers<C>) {
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

  return async function main(event: unknown): Promise<Result<unknown>> {
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
