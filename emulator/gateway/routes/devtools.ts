import { isSeeded } from '../../seed'
import { DEV_IDENTITIES } from '../../seed/identities'
import type { GatewayContext, Route, RouteCall } from '../context'
import { decodePath, HttpError, readJsonObject, sendHtml, sendJson } from '../http'
import { isValidOpenid } from '../session'
import { renderSigninPage, type OutboxMessage } from '../signin-page'

const DEV_BODY_LIMIT = 64 * 1024

/** A dev endpoint that takes a JSON object and answers `{ ok: true, data }`. */
function devPost(path: string, run: (body: Record<string, unknown>, call: RouteCall) => Promise<unknown>): Route {
  return {
    path,
    methods: ['POST'],
    access: 'dev',
    async handle(call) {
      const body = await readJsonObject(call.req, DEV_BODY_LIMIT)
      sendJson(call.res, 200, { ok: true, data: (await run(body, call)) ?? null })
    },
  }
}

/**
 * The dev sign-in and the endpoints tests and journeys drive: health, sign-in and sign-out, reset,
 * seed, and reading a collection.
 */
export function devtoolRoutes(ctx: GatewayContext): Route[] {
  const { db, sessions } = ctx
  return [
    {
      path: '/__emulator/health',
      access: 'public',
      async handle({ res }) {
        sendJson(res, 200, {
          ok: true,
          data: { envId: ctx.envId, functions: ctx.functions.functions(), instances: ctx.functions.stats(), devSignin: ctx.devToolsAllowed },
        })
      },
    },
    {
      path: '/__emulator/signin',
      methods: ['GET', 'POST'],
      access: 'dev',
      async handle({ req, res }) {
        if (req.method === 'GET') {
          const current = sessions.openidOf(req)
          sendHtml(res, 200, renderSigninPage({ identities: DEV_IDENTITIES, current, outbox: current ? outboxOf(ctx, current) : null }))
          return
        }
        const { openid } = await readJsonObject(req, DEV_BODY_LIMIT)
        if (!isValidOpenid(openid)) throw new HttpError(400, 'INVALID_INPUT', 'openid 只能包含字母、数字、- 和 _，最长 64 位')
        sendJson(res, 200, { ok: true, data: { openid } }, { 'Set-Cookie': sessions.cookieFor(openid) })
      },
    },
    devPost('/__emulator/signout', async (_body, { res }) => {
      res.setHeader('Set-Cookie', sessions.clearCookie())
      return null
    }),
    devPost('/__emulator/reset', () => ctx.reset()),
    devPost('/__emulator/seed', async (body) => {
      if (body.reset === true) await ctx.reset()
      else if (await isSeeded({ readCollection: (name) => db.readCollection(name) as object[] })) {
        throw new HttpError(409, 'CONFLICT', '已有种子数据；请先 POST /__emulator/reset，或提交 { "reset": true }')
      }
      return ctx.seed()
    }),
    {
      path: '/__emulator/collections/',
      methods: ['GET'],
      access: 'dev',
      async handle({ res, rest }) {
        const name = decodePath(rest)
        let documents: unknown
        try {
          documents = db.readCollection(name)
        } catch (error) {
          if ((error as { code?: unknown }).code === 'DATABASE_COLLECTION_NOT_EXIST') {
            throw new HttpError(404, 'NOT_FOUND', `集合 ${name} 不存在（请在 cloudfunctions/collections.json 中声明）`)
          }
          throw error
        }
        sendJson(res, 200, documents)
      },
    },
    {
      path: '/__emulator/',
      access: 'public',
      async handle() {
        throw new HttpError(404, 'NOT_FOUND', '没有这个接口')
      },
    },
  ]
}

/** The subscribe messages sent to `openid`, newest first; null while there is no outbox collection. */
function outboxOf(ctx: GatewayContext, openid: string): OutboxMessage[] | null {
  try {
    return (ctx.db.readCollection('outbox') as OutboxMessage[])
      .filter((message) => message.toOpenid === openid)
      .sort((a, b) => timeOf(b.createdAt) - timeOf(a.createdAt))
  } catch {
    return null
  }
}

function timeOf(value: unknown): number {
  return value instanceof Date ? value.getTime() : typeof value === 'string' ? Date.parse(value) || 0 : 0
}
