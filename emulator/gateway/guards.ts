import type { IncomingMessage } from 'node:http'
import { HttpError, isLoopbackAddress } from './http'

/**
 * Who may call a route: `public` (anyone: the H5 build, health, signed file links), `app` (the H5
 * app's own calls), `dev` (the dev sign-in and test endpoints, closed beyond loopback unless
 * allowed) and `sdk` (the wx-server-sdk inside function instances on this machine).
 */
export type Access = 'public' | 'app' | 'dev' | 'sdk'

const DEV_TOOLS_CLOSED = new HttpError(403, 'FORBIDDEN', '网关监听在非本机地址，开发登录与测试接口已关闭；如确需开启，请使用 --allow-dev-signin')
const NOT_LOCAL = new HttpError(403, 'FORBIDDEN', '该接口只接受本机请求')
const FOREIGN_ORIGIN = new HttpError(403, 'FORBIDDEN', '不接受来自其他网站的请求')

export class Guards {
  constructor(private readonly devToolsAllowed: boolean) {}

  /** Throws the refusal the caller sees unless `req` may use a route with this access. */
  check(access: Access, req: IncomingMessage): void {
    switch (access) {
      case 'public':
        return
      case 'app':
        if (writes(req)) requireSameOrigin(req)
        return
      case 'dev':
        if (!this.devToolsAllowed) throw DEV_TOOLS_CLOSED
        if (writes(req)) requireSameOrigin(req)
        return
      case 'sdk':
        requireLocal(req)
        return
    }
  }
}

function writes(req: IncomingMessage): boolean {
  return req.method !== 'GET' && req.method !== 'HEAD'
}

/** Requests from this machine only: the SDK inside instances, and storage's signed upload URLs. */
function requireLocal(req: IncomingMessage) {
  const { remoteAddress, localAddress } = req.socket
  if (!isLoopbackAddress(remoteAddress) && remoteAddress !== localAddress) throw NOT_LOCAL
}

/** A page from another site must not drive the gateway with the developer's cookie. */
function requireSameOrigin(req: IncomingMessage) {
  const origin = req.headers.origin
  if (!origin || origin === 'null') return
  let parsed: URL
  try {
    parsed = new URL(origin)
  } catch {
    throw FOREIGN_ORIGIN
  }
  if (parsed.host !== req.headers.host && !isLoopbackAddress(parsed.hostname.replace(/^\[|\]$/g, ''))) throw FOREIGN_ORIGIN
}
