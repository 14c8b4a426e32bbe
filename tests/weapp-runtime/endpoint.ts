import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebSocketServer, type WebSocket } from 'ws'
import { localCloudTransport } from './local-cloud-client'
import { HeadlessApp, type LogEntry, type PageRecord } from './runtime'
import { queryAll, textOf, wxmlOf, type ViewElement } from './view'
import { SYSTEM_INFO } from './wx-api'

/*
 * The automation endpoint: the WebSocket protocol miniprogram-automator speaks with WeChat
 * DevTools (`automator.connect({ wsEndpoint })`), answered by the headless runtime. Each
 * connection launches its own copy of the app, as one person on one phone: `?openid=demo-staff`
 * in the endpoint URL picks who that person is on the local cloud. Messages are
 * `{ id, method, params }` → `{ id, result }` or `{ id, error: { message } }`; events are
 * `{ method, params }`.
 */

export interface EndpointOptions {
  /** The weapp build to run, e.g. `dist/weapp`. */
  distDir: string
  /** The local cloud gateway the app's `wx.cloud` calls go to. */
  cloudUrl: string
  /** Who a connection is when its URL names nobody: a person the local cloud has never seen. */
  defaultOpenid?: string
  /** Default 0: a free port. */
  port?: number
  /** Default 127.0.0.1. */
  host?: string
  /** Where app errors of every session are reported (one line each). */
  log?: (line: string) => void
}

export interface RunningEndpoint {
  /** `ws://127.0.0.1:PORT` */
  url: string
  port: number
  close(): Promise<void>
}

export const DEFAULT_OPENID = 'headless-visitor'

export const SCREENSHOT_UNSUPPORTED =
  'App.captureScreenshot is not supported by the headless runtime: it draws no pixels (no layout, no WXSS). ' +
  "Read what the page shows with Element.getWXML on page.$('page') (miniprogram-automator: element.outerWxml()); " +
  'the journey driver saves that as an .html file next to the screenshots.'

const LAYOUT_PROPERTIES = /^(offset|client|scroll)(Width|Height|Top|Left)$|^getBoundingClientRect$/

type Params = Record<string, unknown>

class ProtocolError extends Error {}

function stringParam(params: Params, name: string): string {
  const value = params[name]
  if (typeof value !== 'string') throw new ProtocolError(`${name} must be a string`)
  return value
}

function describePage(page: PageRecord): { pageId: number; path: string; query: Record<string, string> } {
  return { pageId: page.id, path: page.route, query: page.query }
}

function describeElement(element: ViewElement): { elementId: string; tagName: string; nodeId?: string } {
  // A custom component host gets a nodeId, which makes automator hand out a CustomElement (data, callMethod).
  return element.shadowRoot ? { elementId: element.key, tagName: element.name, nodeId: element.key } : { elementId: element.key, tagName: element.name }
}

/** `a.b[0]` into a value, for `Page.getData({ path })`. */
function readPath(value: unknown, keyPath: string): unknown {
  let node = value
  for (const match of keyPath.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (node === null || typeof node !== 'object') return undefined
    node = (node as Record<string, unknown>)[match[1] ?? match[2]!]
  }
  return node
}

function inlineStyles(element: ViewElement): Record<string, string> {
  const styles: Record<string, string> = {}
  for (const declaration of String(element.props.style ?? '').split(';')) {
    const at = declaration.indexOf(':')
    if (at > 0) styles[declaration.slice(0, at).trim()] = declaration.slice(at + 1).trim()
  }
  return styles
}

/** One connection: one launched app, and the protocol methods answered against it. */
class Session {
  private logEnabled = false
  private readonly app: Promise<HeadlessApp>
  private exited = false

  constructor(
    private readonly socket: WebSocket,
    options: EndpointOptions,
    openid: string,
  ) {
    this.app = HeadlessApp.launch({
      distDir: options.distDir,
      cloud: localCloudTransport(options.cloudUrl, openid),
      onLog: (entry) => this.onLog(entry),
      onException: (error) => {
        options.log?.(`[${openid}] app error: ${error.message}`)
        this.emit('App.exceptionThrown', { exceptionDetails: { text: error.message, exception: { description: error.stack } } })
      },
    })
    // A launch failure is answered on the first request; this keeps it from being an unhandled rejection meanwhile.
    this.app.catch(() => undefined)
  }

  private onLog(entry: LogEntry): void {
    if (this.logEnabled) this.emit('App.logAdded', { type: entry.type, args: entry.args })
  }

  private emit(method: string, params: Params): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(JSON.stringify({ method, params }))
  }

  async close(): Promise<void> {
    this.exited = true
    const app = await this.app.catch(() => undefined)
    app?.close()
  }

  async handle(raw: string): Promise<void> {
    let message: { id?: unknown; method?: unknown; params?: unknown }
    try {
      message = JSON.parse(raw) as typeof message
    } catch {
      return
    }
    const { id, method } = message
    const params = (typeof message.params === 'object' && message.params !== null ? message.params : {}) as Params
    try {
      if (typeof method !== 'string') throw new ProtocolError('method must be a string')
      const result = await this.answer(method, params)
      this.socket.send(JSON.stringify({ id, result: result ?? {} }))
      if (method === 'Tool.close') this.socket.close()
    } catch (error) {
      this.socket.send(JSON.stringify({ id, error: { message: error instanceof Error ? error.message : String(error) } }))
    }
  }

  private async page(params: Params): Promise<{ app: HeadlessApp; page: PageRecord }> {
    const app = await this.running()
    const pageId = params.pageId
    return { app, page: typeof pageId === 'number' ? app.pageById(pageId) : app.currentPage() }
  }

  private async element(params: Params): Promise<{ app: HeadlessApp; page: PageRecord; element: ViewElement }> {
    const { app, page } = await this.page(params)
    return { app, page, element: app.element(page, stringParam(params, 'elementId')) }
  }

  private async running(): Promise<HeadlessApp> {
    if (this.exited) throw new ProtocolError('the app has exited (App.exit); connect again to launch it')
    return this.app
  }

  private async answer(method: string, params: Params): Promise<unknown> {
    switch (method) {
      case 'Tool.getInfo':
        return { SDKVersion: SYSTEM_INFO.SDKVersion, headless: true }
      case 'Tool.close':
      case 'App.exit':
        await this.close()
        return {}
      case 'Tool.native': {
        const app = await this.running()
        const native = stringParam(params, 'method')
        if (native === 'confirmModal' || native === 'cancelModal') {
          app.answerModal(native === 'confirmModal')
          return {}
        }
        throw new ProtocolError(`Tool.native ${native} is not modelled by the headless runtime (it answers confirmModal and cancelModal)`)
      }
      case 'App.enableLog':
        this.logEnabled = true
        return {}
      case 'App.captureScreenshot':
        throw new ProtocolError(SCREENSHOT_UNSUPPORTED)
      case 'App.getPageStack':
        return { pageStack: (await this.running()).pages().map(describePage) }
      case 'App.getCurrentPage':
        return describePage((await this.running()).currentPage())
      case 'App.callWxMethod': {
        if (params.pluginId !== undefined) throw new ProtocolError('plugins are not modelled by the headless runtime')
        const args = Array.isArray(params.args) ? params.args : []
        return { result: await (await this.running()).callWx(stringParam(params, 'method'), args) }
      }
      case 'App.mockWxMethod': {
        const app = await this.running()
        const name = stringParam(params, 'method')
        if (typeof params.functionDeclaration === 'string') app.mockWx(name, { functionDeclaration: params.functionDeclaration, args: Array.isArray(params.args) ? params.args : [] })
        else if ('result' in params) app.mockWx(name, { result: params.result })
        else app.mockWx(name, null)
        return {}
      }
      case 'App.callFunction': {
        const args = Array.isArray(params.args) ? params.args : []
        return { result: await (await this.running()).evaluate(stringParam(params, 'functionDeclaration'), args) }
      }
      case 'App.addBinding': {
        const name = stringParam(params, 'name')
        ;(await this.running()).addBinding(name, (args) => this.emit('App.bindingCalled', { name, args }))
        return {}
      }
      case 'Page.getElement': {
        const { app, page } = await this.page(params)
        const [found] = queryAll(app.view(page), stringParam(params, 'selector'))
        if (!found) throw new ProtocolError(`no element matches ${String(params.selector)} on ${page.route}`)
        return describeElement(found)
      }
      case 'Page.getElements': {
        const { app, page } = await this.page(params)
        return { elements: queryAll(app.view(page), stringParam(params, 'selector')).map(describeElement) }
      }
      case 'Page.getData': {
        const { page } = await this.page(params)
        return { data: typeof params.path === 'string' ? readPath(page.data, params.path) : page.data }
      }
      case 'Page.setData': {
        const { app, page } = await this.page(params)
        ;(page.instance.setData as (data: unknown) => void)(app.toSandbox(params.data ?? {}))
        return {}
      }
      case 'Page.callMethod': {
        const { app, page } = await this.page(params)
        const name = stringParam(params, 'method')
        const target = page.instance[name]
        if (typeof target !== 'function') throw new ProtocolError(`${page.route} has no method ${name}`)
        const args = app.toSandbox(Array.isArray(params.args) ? params.args : []) as unknown[]
        return { result: app.toHost(await (target as (...a: unknown[]) => unknown).apply(page.instance, args)) }
      }
      case 'Element.getElement': {
        const { element, page } = await this.element(params)
        const [found] = queryAll(element, stringParam(params, 'selector'))
        if (!found) throw new ProtocolError(`no element matches ${String(params.selector)} inside <${element.name}> on ${page.route}`)
        return describeElement(found)
      }
      case 'Element.getElements': {
        const { element } = await this.element(params)
        return { elements: queryAll(element, stringParam(params, 'selector')).map(describeElement) }
      }
      case 'Element.tap': {
        const { app, page, element } = await this.element(params)
        app.tap(page, element)
        return {}
      }
      case 'Element.touchstart':
      case 'Element.touchmove':
      case 'Element.touchend': {
        const { app, page, element } = await this.element(params)
        const touches = Array.isArray(params.touches) ? params.touches : []
        const changedTouches = Array.isArray(params.changedTouches) ? params.changedTouches : touches
        app.dispatch(page, element, method.slice('Element.'.length), {}, { touches, changedTouches })
        return {}
      }
      case 'Element.triggerEvent': {
        const { app, page, element } = await this.element(params)
        app.dispatch(page, element, stringParam(params, 'type'), params.detail ?? {})
        return {}
      }
      case 'Element.callFunction': {
        const { app, page, element } = await this.element(params)
        const name = stringParam(params, 'functionName')
        const args = Array.isArray(params.args) ? params.args : []
        if (name === 'input.input' || name === 'textarea.input') {
          app.input(page, element, String(args[0] ?? ''))
          return { result: undefined }
        }
        throw new ProtocolError(`Element.callFunction ${name} is not modelled by the headless runtime (it types with input.input and textarea.input)`)
      }
      case 'Element.getDOMProperties': {
        const { app, page, element } = await this.element(params)
        const names = Array.isArray(params.names) ? params.names.map(String) : []
        const properties = names.map((name) => {
          if (LAYOUT_PROPERTIES.test(name)) throw new ProtocolError(`${name}: the headless runtime has no layout`)
          if (name === 'innerText' || name === 'textContent') return textOf(element)
          if (name === 'value') return app.valueOf(page, element)
          if (name === 'tagName') return element.name.toUpperCase()
          if (name === 'id') return element.attribs.id ?? ''
          if (name === 'className') return element.attribs.class ?? ''
          return undefined
        })
        return { properties }
      }
      case 'Element.getAttributes': {
        const { element } = await this.element(params)
        const names = Array.isArray(params.names) ? params.names.map(String) : []
        return { attributes: names.map((name) => element.attribs[name] ?? null) }
      }
      case 'Element.getProperties': {
        const { app, page, element } = await this.element(params)
        const names = Array.isArray(params.names) ? params.names.map(String) : []
        const record = element.shadowRoot ? page.components.get(element.key) : undefined
        const source: Record<string, unknown> = record ? record.data : { ...element.props, value: app.valueOf(page, element) }
        return { properties: names.map((name) => (name === '__propPublic' ? Object.fromEntries(Object.keys(source).map((key) => [key, true])) : source[name])) }
      }
      case 'Element.getStyles': {
        const { element } = await this.element(params)
        const styles = inlineStyles(element)
        return { styles: (Array.isArray(params.names) ? params.names.map(String) : []).map((name) => styles[name] ?? '') }
      }
      case 'Element.getWXML': {
        const { element } = await this.element(params)
        return { wxml: wxmlOf(element, params.type === 'inner' ? 'inner' : 'outer') }
      }
      case 'Element.getData': {
        const { page, element } = await this.element(params)
        const record = page.components.get(element.key)
        if (!record) throw new ProtocolError(`<${element.name}> is not a custom component`)
        return { data: typeof params.path === 'string' ? readPath(record.data, params.path) : record.data }
      }
      default:
        throw new ProtocolError(`${method} is not supported by the headless runtime (see tests/e2e/README.md for what it answers)`)
    }
  }
}

/** The identity a connection asks for: `ws://host:port/?openid=demo-staff`. */
function openidOf(request: IncomingMessage, fallback: string): string {
  const openid = new URL(request.url ?? '/', 'ws://endpoint.local').searchParams.get('openid')
  return openid && /^[A-Za-z0-9_-]{1,64}$/.test(openid) ? openid : fallback
}

export async function startEndpoint(options: EndpointOptions): Promise<RunningEndpoint> {
  const host = options.host ?? '127.0.0.1'
  const defaultOpenid = options.defaultOpenid ?? DEFAULT_OPENID
  const sessions = new Set<Session>()
  const server: Server = createServer((_request, response) => {
    // A browser pointed at the endpoint learns what it is instead of a bare upgrade error.
    response.writeHead(426, { 'content-type': 'text/plain; charset=utf-8' })
    response.end(`headless weapp runtime for ${options.distDir}: connect miniprogram-automator with automator.connect({ wsEndpoint: 'ws://${host}:${port()}/?openid=demo-worker' })\n`)
  })
  const wss = new WebSocketServer({ server })
  wss.on('connection', (socket, request) => {
    const session = new Session(socket, options, openidOf(request, defaultOpenid))
    sessions.add(session)
    // Not queued: a callWxMethod('showModal') waits for the Tool.native answer sent after it.
    socket.on('message', (data) => void session.handle(data.toString()))
    socket.on('close', () => {
      sessions.delete(session)
      void session.close()
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => resolve())
  })
  const port = () => (server.address() as AddressInfo).port
  return {
    url: `ws://${host}:${port()}`,
    port: port(),
    async close() {
      await Promise.all([...sessions].map((session) => session.close()))
      for (const client of wss.clients) client.terminate()
      await new Promise<void>((resolve) => wss.close(() => resolve()))
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
