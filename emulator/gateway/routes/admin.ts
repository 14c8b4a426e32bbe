import type { GatewayContext, Route } from '../context'
import { HttpError, readBody, requireJson, sendJson } from '../http'
import { answerOpenApi } from '../openapi'

const ADMIN_BODY_LIMIT = 64 * 1024 * 1024

/**
 * `POST /admin`: the endpoint `TCB_CONTEXT_CNFG` points the SDK at, routed by action prefix to
 * storage, the openapi calls the local cloud answers itself (for the functions' local adapters), or
 * the database. Errors travel as `{ code, message }` with status 200, because the SDK
 * reads the code from the body.
 */
export function adminRoutes(ctx: GatewayContext): Route[] {
  return [
    {
      path: '/admin',
      methods: ['POST'],
      access: 'sdk',
      async handle({ req, res }) {
        // The SDK posts JSON; anything else would be a page's form or no-cors fetch.
        requireJson(req)
        let params: Record<string, unknown>
        try {
          params = JSON.parse((await readBody(req, ADMIN_BODY_LIMIT)).toString('utf8')) as Record<string, unknown>
        } catch (error) {
          if (error instanceof HttpError) throw error
          sendJson(res, 200, { code: 'INVALID_PARAM', message: 'request body is not JSON' })
          return
        }
        const action = typeof params?.action === 'string' ? params.action : ''
        if (action.startsWith('storage.')) return sendJson(res, 200, ctx.storage.handleAdmin(params))
        if (action.startsWith('openapi.')) return sendJson(res, 200, await answerOpenApi(params, ctx.publicUrl))
        sendJson(res, 200, ctx.db.dispatch(params))
      },
    },
  ]
}
