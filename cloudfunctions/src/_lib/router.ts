import { createHash } from 'node:crypto'
import type * as z from 'zod/mini'
import type { ActionSpec, FunctionContract, Role } from '@shared/contract/define'
import { fail, GENERIC_MESSAGES, ok, type FieldError, type Result } from '@shared/result'
import { callerOpenid, hasCallerIdentity } from './cloud'
import { command } from './db'
import { AppFailure } from './failure'
import { Caller } from './identity'
import { decrypt, encrypt } from './personal-data'
import { idempotency, type IdempotencyRecord } from './records/idempotency'

export interface ActionContext<R extends Role> {
  /** Present for every role but `anyone`, where it is present only if the caller has an openid. */
  caller: R extends 'anyone' ? Caller | null : Caller
  requestId: string | undefined
  /**
   * On an idempotent action called with a requestId: an id that is the same for every retry of this
   * request and for nothing else. A write that creates one document uses it as the `_id`
   * (`addIfAbsent`), so a run taken over after a timeout cannot create a second one.
   */
  operationId: string | undefined
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

/**
 * How a repeated request is answered without keeping the first answer: `keep` picks the id to store
 * (for a day), `answer` reads the answer again from it. Declared for the actions whose answers carry
 * what a person wrote or personal data, which the request records must not hold.
 */
export interface Replay<S> {
  keep: (output: OutputOf<S>) => string
  answer: (kept: string, context: ActionContext<RoleOf<S>>) => Promise<OutputOf<S>>
}

type OutputOf<S> = S extends ActionSpec<infer _I, infer O, infer _R> ? z.input<O> : never
type RoleOf<S> = S extends ActionSpec<infer _I, infer _O, infer R> ? R : never

export interface RouterOptions<C extends FunctionContract> {
  /** Jobs by trigger name: each name must be a trigger in the function's config.json. */
  timers?: Record<string, TimerJob>
  replays?: { [A in keyof C]?: Replay<C[A]> }
}

/**
 * What a function is allowed to run for when the platform does not say: WeChat's longest limit.
 * The cloud passes its own limit in the context (`time_limit_in_ms`), as the local cloud does.
 */
const LONGEST_TIME_LIMIT_MS = 60_000
/** Beyond the time limit, for the clocks of two instances to disagree and a last write to land. */
const CLAIM_MARGIN_MS = 5_000

function timeLimitOf(context: unknown): number {
  const limit = typeof context === 'object' && context !== null ? (context as { time_limit_in_ms?: unknown }).time_limit_in_ms : undefined
  return typeof limit === 'number' && Number.isFinite(limit) && limit > 0 ? limit : LONGEST_TIME_LIMIT_MS
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
export function createRouter<C extends FunctionContract>(functionName: string, contract: C, handlers: Handlers<C>, { timers = {}, replays = {} }: RouterOptions<C> = {}) {
  async function run(spec: ActionSpec, action: string, input: unknown, requestId: string | undefined, timeLimitMs: number) {
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
    const replay = (replays as Record<string, Replay<ActionSpec> | undefined>)[action]
    // Parsing the output also strips any field the contract does not name (e.g. encrypted columns).
    const answer = (output: unknown): Result<unknown> => {
      const parsedOutput = spec.output.safeParse(output)
      if (!parsedOutput.success) throw new Error(`${functionName}.${action} produced output outside its contract`)
      return ok(parsedOutput.data)
    }
    if (!(spec.idempotent && requestId && caller)) return answer(await handler(parsed.data, { caller, requestId, operationId: undefined }))

    const scope = `${functionName}.${action}`
    const operationId = hashOf(`${scope}\n${caller.openid}\n${requestId}`)
    const context: ActionContext<Role> = { caller, requestId, operationId }
    return once({
      key: operationId,
      inputHash: hashOf(`${scope}\n${canonicalJson(parsed.data)}`),
      timeLimitMs,
      execute: async () => {
        const output = await handler(parsed.data, context)
        return { result: answer(output), kept: replay?.keep(output as never) }
      },
      replay: async (record) => {
        if (record.kept !== undefined && replay) return answer(await replay.answer(record.kept, context))
        if (record.answerCipher) return JSON.parse(decrypt(record.answerCipher)) as Result<unknown>
        // Written by an earlier version, in clear; pruned within a day.
        if (record.result) return record.result
        throw new Error(`${scope} has a finished request record with nothing to answer from`)
      },
    })
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

  async function main(event: unknown, context?: unknown): Promise<Result<unknown>> {
    const trigger = timerTrigger(event)
    if (trigger !== null) return runTimer(trigger)
    const envelope = readEnvelope(event)
    if (!envelope || !Object.prototype.hasOwnProperty.call(contract, envelope.action)) {
      return fail('INVALID_INPUT', '未知的操作', [{ path: 'action', message: '未知的操作' }])
    }
    const spec = contract[envelope.action] as ActionSpec
    try {
      return await run(spec, envelope.action, envelope.input, envelope.requestId, timeLimitOf(context))
    } catch (error) {
      if (error instanceof AppFailure) return fail(error.code, error.message, error.fields)
      // Logged for operators only; the caller gets no stack, path or query.
      console.error(`[${functionName}.${envelope.action}]`, error)
      return fail('INTERNAL', GENERIC_MESSAGES.INTERNAL)
    }
  }

  return Object.assign(main, { timers: Object.keys(timers) })
}

const hashOf = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 40)

/** JSON with every object's keys sorted, so that the same input always hashes the same. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, field: unknown) =>
    typeof field === 'object' && field !== null && !Array.isArray(field) && !(field instanceof Date)
      ? Object.fromEntries(Object.entries(field).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : field,
  )
}

const STILL_RUNNING = '上一次提交正在处理中，请稍候查看结果'
const OTHER_CONTENT = '同一个请求编号已用于提交不同的内容，请返回后重新提交'

interface Once {
  key: string
  inputHash: string
  timeLimitMs: number
  execute: () => Promise<{ result: Result<unknown>; kept: string | undefined }>
  replay: (record: IdempotencyRecord) => Promise<Result<unknown>>
}

/**
 * Runs a write at most once per (action, caller, requestId) and input. A claim document with a
 * derived `_id` is inserted first: the database refuses a second insert of the same id, so two
 * concurrent retries cannot both run. A claim whose run outlived its time limit is taken over by
 * the next retry (one conditional update on its attempt number, so only one retry wins). A failed
 * run releases the claim so the person can try again; a finished one keeps what a replay needs.
 */
async function once({ key, inputHash, timeLimitMs, execute, replay }: Once): Promise<Result<unknown>> {
  const leaseUntil = () => new Date(Date.now() + timeLimitMs + CLAIM_MARGIN_MS)
  let attempt = 1
  if (!(await idempotency.addIfAbsent({ _id: key, inputHash, state: 'running', attempt, leaseUntil: leaseUntil(), createdAt: new Date() }))) {
    const previous = await idempotency.get(key)
    // Released by a failed run a moment ago: the person may try again.
    if (!previous) return fail('CONFLICT', STILL_RUNNING)
    // Records written before inputs were bound (no inputHash, no lease) replay, or are taken over, as any other.
    const sameInput = previous.inputHash === undefined || previous.inputHash === inputHash
    if (previous.state === 'done') return sameInput ? replay(previous) : fail('CONFLICT', OTHER_CONTENT)
    if (previous.leaseUntil && new Date(previous.leaseUntil).getTime() > Date.now()) return fail('CONFLICT', STILL_RUNNING)
    // The abandoned run answered nobody, so the draft may have been edited since: the new input runs.
    attempt = (previous.attempt ?? 0) + 1
    const held = previous.attempt === undefined ? command().exists(false) : previous.attempt
    const takenOver = await idempotency.updateWhere({ _id: key, state: 'running', attempt: held }, { attempt, inputHash, leaseUntil: leaseUntil() })
    if (takenOver !== 1) return fail('CONFLICT', STILL_RUNNING)
  }
  let outcome: Awaited<ReturnType<Once['execute']>>
  try {
    outcome = await execute()
  } catch (error) {
    await idempotency.removeWhere({ _id: key, attempt })
    throw error
  }
  // An answer may carry what only its caller should see (an invitation's code): it is kept sealed
  // with the personal-data key, so a reader of the database or a backup learns nothing from it.
  const done = outcome.kept !== undefined ? { kept: outcome.kept } : { answerCipher: encrypt(JSON.stringify(outcome.result)) }
  await idempotency.updateWhere({ _id: key, attempt }, { state: 'done', ...done })
  return outcome.result
}
