import { DEFAULT_APP_ID, FunctionNotFoundError } from '../../host'
import type { GatewayContext, Route } from '../context'
import { decodePath, HttpError, readJsonObject, sendJson } from '../http'

const FUNCTION_BODY_LIMIT = 5 * 1024 * 1024

/** What WeChat adds to the event of a call from the mini program. */
export function eventFor(body: Record<string, unknown>, openid: string | null): Record<string, unknown> {
  return { ...body, userInfo: openid ? { appId: DEFAULT_APP_ID, openId: openid } : { appId: DEFAULT_APP_ID } }
}

const notDeployed = (name: string) => new HttpError(404, 'NOT_FOUND', `云函数 ${name} 尚未部署，请先运行 npm run build:functions`)

/**
 * `POST /fn/<name>`: the body is `callFunction`'s `data`, the answer the function's return value.
 * `POST /__emulator/invoke/<name>`: the local stand-in for the management API's Invoke (`npm run
 * rotate-keys -- --local`): the body is the whole event, with nobody behind it and no `userInfo`, as
 * a function invoked through the Tencent Cloud API receives it; dev tools only.
 */
export function functionRoutes(ctx: GatewayContext): Route[] {
  return [
    {
      path: '/fn/',
      methods: ['POST'],
      access: 'app',
      async handle({ req, res, rest }) {
        const name = decodePath(rest)
        const body = await readJsonObject(req, FUNCTION_BODY_LIMIT)
        if (!ctx.functions.has(name)) throw notDeployed(name)
        const openid = ctx.sessions.openidOf(req)
        let invocation
        try {
          invocation = await ctx.functions.invoke(name, eventFor(body, openid), { openid })
        } catch (error) {
          if (error instanceof FunctionNotFoundError) throw notDeployed(name)
          throw error
        }
        const timing = [`queue;dur=${invocation.queuedMs.toFixed(1)}`, `run;dur=${invocation.runMs.toFixed(1)}`]
        if (invocation.handlerMs !== undefined) timing.push(`handler;dur=${invocation.handlerMs.toFixed(1)}`)
        if (invocation.coldStartMs !== undefined) timing.push(`coldstart;dur=${invocation.coldStartMs.toFixed(1)}`)
        sendJson(res, 200, invocation.value, {
          'X-Function-Start': invocation.start,
          'X-Function-Instance': invocation.instanceId,
          'X-Function-Outcome': invocation.outcome,
          'Server-Timing': timing.join(', '),
        })
      },
    },
    {
      path: '/__emulator/invoke/',
      methods: ['POST'],
      access: 'dev',
      async handle({ req, res, rest }) {
        const name = decodePath(rest)
        const event = await readJsonObject(req, FUNCTION_BODY_LIMIT)
        if (!ctx.functions.has(name)) throw notDeployed(name)
        sendJson(res, 200, (await ctx.functions.invoke(name, event, { openid: null })).value)
      },
    },
  ]
}
