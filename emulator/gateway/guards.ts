import type { IncomingMessage } from 'node:http'
import { isIP } from 'node:net'
import { HttpError, isLoopbackAddress } from './http'

/**
 * Who may call a route: `public` (anyone: the H5 build, health, signed file links), `app` (the H5
 * app's own calls), `dev` (the dev sign-in and test endpoints, closed beyond loopback unless
 * allowed) and `sdk` (the wx-server-sdk inside function instances on this machine).
 */
export type Access = 'public' | 'app' | 'dev' | 'sdk'

export interface GuardOptions {
  devToolsAllowed: boolean
  /** Host names the gateway answers to besides IP addresses and `localhost`: the public URL's, the bound one. */
  hostNames: string[]
  /** The origin pages come from when a proxy in front rewrites the Host header (the public URL's). */
  publicOrigin: string
}

const DEV_TOOLS_CLOSED = new HttpError(403, 'FORBIDDEN', '网关监听在非本机地址，开发登录与测试接口已关闭；如确需开启，请使用 --allow-dev-signin')
const NOT_LOCAL = new HttpError(403, 'FORBIDDEN', '该接口只接受本机请求')
const FOREIGN_ORIGIN = new HttpError(403, 'FORBIDDEN', '不接受来自其他网站的请求')
const FROM_BROWSER = new HttpError(403, 'FORBIDDEN', '该接口只供云函数内的 SDK 调用，不接受浏览器请求')
const FOREIGN_HOST = new HttpError(
  403,
  'FORBIDDEN',
  '本地云只接受以 IP 地址、localhost 或 --public-url 中的主机名访问；用其他域名访问请以 --public-url 指定',
)
/** `name` or `[v6]`, then an optional port: nothing else (no user info, no path) belongs in Host. */
const HOST_HEADER = /^(\[[0-9A-Fa-f:.]+\]|[^:[\]/@\s]+)(?::\d{1,5})?$/

/**
 * The checks every request passes before its route runs. A page of another site in the developer's
 * browser can reach a loopback port: it is refused by its Origin, by the content type it is allowed
 * to send without asking, or (DNS rebinding, where it looks same-origin) by the Host it names.
 */
export class Guards {
  private readonly hostNames: Set<string>

  constructor(private readonly options: GuardOptions) {
    this.hostNames = new Set(['localhost', ...options.hostNames.map((name) => name.toLowerCase())])
  }

  /** Throws the refusal the caller sees unless `req` may use a route with this access. */
  check(access: Access, req: IncomingMessage): void {
    const host = this.knownHost(req)
    switch (access) {
      case 'public':
        return
      case 'app':
        this.requireSameOrigin(req, host)
        return
      case 'dev':
        if (!this.options.devToolsAllowed) throw DEV_TOOLS_CLOSED
        this.requireSameOrigin(req, host)
        return
      case 'sdk':
        requireLocal(req)
        requireNotBrowser(req)
        return
    }
  }

  /**
   * The Host header, normalised as a URL's `host`, if it names us. A rebound name resolves to this
   * machine but stays in the Host header; an IP address cannot be rebound, and `localhost` and the
   * configured names are ours.
   */
  private knownHost(req: IncomingMessage): string {
    const header = req.headers.host ?? ''
    const match = HOST_HEADER.exec(header)
    if (!match) throw FOREIGN_HOST
    const name = match[1]!.replace(/^\[|\]$/g, '').toLowerCase()
    if (isIP(name) === 0 && !this.hostNames.has(name)) throw FOREIGN_HOST
    try {
      return new URL(`http://${header}`).host
    } catch {
      throw FOREIGN_HOST
    }
  }

  /**
   * Browsers name the origin on every cross-origin request and on every POST; `null` comes from
   * sandboxed frames and local files. No Origin at all is a client outside a browser (tests, curl).
   */
  private requireSameOrigin(req: IncomingMessage, host: string) {
    const origin = req.headers.origin
    if (origin === undefined) return
    let parsed: URL
    try {
      parsed = new URL(origin)
    } catch {
      throw FOREIGN_ORIGIN
    }
    if (parsed.host !== host && parsed.origin !== this.options.publicOrigin) throw FOREIGN_ORIGIN
  }
}

/** Requests from this machine only: the SDK inside instances, and storage's signed upload URLs. */
function requireLocal(req: IncomingMessage) {
  const { remoteAddress, localAddress } = req.socket
  if (!isLoopbackAddress(remoteAddress) && remoteAddress !== localAddress) throw NOT_LOCAL
}

/** The SDK sends neither; every browser sends Sec-Fetch-Site, and Origin on every POST and PUT. */
function requireNotBrowser(req: IncomingMessage) {
  if (req.headers.origin !== undefined || req.headers['sec-fetch-site'] !== undefined) throw FROM_BROWSER
}
