import { existsSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import vm from 'node:vm'
import { type CloudTransport } from './local-cloud-client'
import { datasetOf, eventListeners, indexByKey, queryAll, ViewRenderer, type ComponentResolver, type ViewElement, type ViewOwner } from './view'
import { createWx, type ApiOptions, type NavigationKind, type WxHost } from './wx-api'
import { WxmlLibrary, type Scope } from './wxml'

/*
 * The logic layer of a mini program without WeChat: the build's app.js and page modules run in a
 * node:vm sandbox whose globals are what WeChat's logic layer offers (wx, App, Page, Component,
 * getApp, getCurrentPages, require, timers, console). Pages live on a page stack with WeChat's
 * lifecycles and navigation rules; their setData data is rendered through the build's WXML into
 * the view model (view.ts), and taps and typing are dispatched the way the view layer sends them.
 */

export type LogType = 'log' | 'info' | 'warn' | 'error' | 'debug'

export interface LogEntry {
  type: LogType
  args: unknown[]
}

export interface HeadlessAppOptions {
  /** The weapp build folder, e.g. `dist/weapp`. */
  distDir: string
  cloud: CloudTransport
  /** Console output, view warnings and app errors, as they happen. */
  onLog?: (entry: LogEntry) => void
  /** An error thrown by the app (a handler, a lifecycle, a timer): also reported to App.onError. */
  onException?: (error: { message: string; stack: string }) => void
  /** Every setData as the view layer receives it (JSON), e.g. to record fixtures. */
  onSetData?: (owner: string, update: Record<string, unknown>) => void
}

interface AppJson {
  pages: string[]
  entryPagePath?: string
  subPackages?: Array<{ root: string; pages: string[] }>
  subpackages?: Array<{ root: string; pages: string[] }>
  tabBar?: { list: Array<{ pagePath: string }> }
}

type Instance = Record<string, unknown>
type AppFunction = (this: unknown, ...args: unknown[]) => unknown

interface ComponentDefinition {
  path: string
  config: Instance
  usingComponents: Record<string, string>
  /** Declared properties and their defaults. */
  properties: Record<string, unknown>
}

/** WeChat keeps at most ten pages on the stack. */
const MAX_STACK = 10
/** WeChat refuses a setData above 1 MB of JSON. */
const MAX_SET_DATA_BYTES = 1024 * 1024

/** Compiled page and chunk scripts, shared by every app started from the same build. */
const scripts = new Map<string, { mtimeMs: number; script: vm.Script }>()

function compiledScript(file: string): vm.Script {
  const { mtimeMs } = statSync(file)
  const known = scripts.get(file)
  if (known && known.mtimeMs === mtimeMs) return known.script
  // The same wrapper WeChat gives each file: its own module, exports and require.
  const script = new vm.Script(`(function (require, module, exports) {${readFileSync(file, 'utf8')}\n})`, { filename: file })
  scripts.set(file, { mtimeMs, script })
  return script
}

function lifecycleOf(config: Instance, name: string): AppFunction | undefined {
  const lifetimes = config.lifetimes as Instance | undefined
  const found = lifetimes?.[name] ?? config[name]
  return typeof found === 'function' ? (found as AppFunction) : undefined
}

/** `a.b[0].c` or Taro's `root.cn.[0].v` → the value is set there, creating objects and arrays on the way. */
export function setByPath(target: Record<string, unknown>, keyPath: string, value: unknown): void {
  const tokens: Array<string | number> = []
  for (const match of keyPath.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) tokens.push(match[1] !== undefined ? match[1] : Number(match[2]))
  if (tokens.length === 0 || tokens.includes('__proto__')) return
  let node: Record<string | number, unknown> = target
  for (let index = 0; index < tokens.length - 1; index += 1) {
    const token = tokens[index]!
    const existing = node[token]
    if (existing === null || typeof existing !== 'object') node[token] = typeof tokens[index + 1] === 'number' ? [] : {}
    node = node[token] as Record<string | number, unknown>
  }
  node[tokens[tokens.length - 1]!] = value
}

/** `a=1&b=%E4%B8%AD` → raw values, not decoded: WeChat hands page query values over as they are in the URL. */
function parseQuery(search: string): Record<string, string> {
  const query: Record<string, string> = {}
  for (const pair of search.split('&')) {
    if (pair === '') continue
    const at = pair.indexOf('=')
    query[at < 0 ? pair : pair.slice(0, at)] = at < 0 ? '' : pair.slice(at + 1)
  }
  return query
}

export class PageRecord implements ViewOwner {
  readonly wxml: string
  readonly label: string
  view: ViewElement | null = null
  elements = new Map<string, ViewElement>()
  readonly components = new Map<string, ComponentRecord>()
  /** What was typed into inputs, by element key (the native input holds it; the data may not). */
  readonly typed = new Map<string, string>()
  readonly warned = new Set<string>()
  dirty = true
  readonly openedAt = Date.now()

  constructor(
    readonly id: number,
    readonly route: string,
    readonly query: Record<string, string>,
    readonly instance: Instance,
    readonly usingComponents: Record<string, string>,
    readonly data: Scope,
  ) {
    this.wxml = `${route}.wxml`
    this.label = `page ${route}`
  }
}

export class ComponentRecord implements ViewOwner {
  readonly wxml: string
  readonly label: string

  constructor(
    readonly definition: ComponentDefinition,
    readonly instance: Instance,
    readonly data: Scope,
  ) {
    this.wxml = `${definition.path}.wxml`
    this.label = `component ${definition.path}`
  }
}

type Owner = PageRecord | ComponentRecord

export class HeadlessApp {
  readonly appJson: AppJson
  private readonly routes = new Set<string>()
  private readonly tabRoutes = new Set<string>()
  private readonly context: vm.Context
  private readonly wx: Record<string, unknown>
  private readonly library: WxmlLibrary
  private readonly modules = new Map<string, { exports: unknown }>()
  private readonly pageConfigs = new Map<string, Instance>()
  private readonly componentDefinitions = new Map<string, ComponentDefinition>()
  private readonly originals = new Map<string, unknown>()
  private readonly timers = new Set<NodeJS.Timeout>()
  private readonly stack: PageRecord[] = []
  /** Tab pages stay alive after switchTab leaves them, as in WeChat. */
  private readonly tabPages = new Map<string, PageRecord>()
  private registering: { kind: 'page' | 'component'; path: string } | null = null
  private appInstance: Instance | null = null
  private nextPageId = 1
  private navigation: Promise<void> = Promise.resolve()
  /** Answers the modal that is open, if one is. */
  private pendingModal: ((confirm: boolean) => void) | null = null
  private closed = false
  private readonly sandboxParse: (text: string) => unknown
  private readonly sandboxArray: ArrayConstructor
  private readonly sandboxPromise: PromiseConstructor

  /** Apps running in this process, to route unhandled rejections of their promises to them. */
  private static readonly running = new Set<HeadlessApp>()
  private static listening = false

  /**
   * A promise the app rejects and never handles reaches Node's unhandledRejection: WeChat reports
   * it to the app (console, App.onUnhandledRejection) and runs on, so this does the same for
   * promises of an app's realm and leaves every other rejection to Node's default (a crash).
   */
  private static routeUnhandledRejections(): void {
    if (HeadlessApp.listening) return
    HeadlessApp.listening = true
    process.on('unhandledRejection', (reason, promise) => {
      const owner = [...HeadlessApp.running].find((app) => promise instanceof app.sandboxPromise)
      if (!owner) throw reason
      owner.reportUnhandledRejection(reason, promise)
    })
  }

  /** Starts the app: evaluates app.js, runs onLaunch and onShow, opens the entry page. */
  static async launch(options: HeadlessAppOptions): Promise<HeadlessApp> {
    HeadlessApp.routeUnhandledRejections()
    const app = new HeadlessApp(options)
    HeadlessApp.running.add(app)
    try {
      app.boot()
      await app.navigate('reLaunch', { url: `/${app.appJson.entryPagePath ?? app.appJson.pages[0]}` })
    } catch (error) {
      app.close()
      throw error
    }
    return app
  }

  private constructor(private readonly options: HeadlessAppOptions) {
    const appJsonFile = path.join(options.distDir, 'app.json')
    if (!existsSync(appJsonFile)) throw new Error(`${appJsonFile} is missing: build the weapp first (npm run build:weapp)`)
    this.appJson = JSON.parse(readFileSync(appJsonFile, 'utf8')) as AppJson
    for (const route of this.appJson.pages) this.routes.add(route)
    for (const pkg of [...(this.appJson.subPackages ?? []), ...(this.appJson.subpackages ?? [])]) {
      for (const page of pkg.pages) this.routes.add(path.posix.join(pkg.root, page))
    }
    for (const tab of this.appJson.tabBar?.list ?? []) this.tabRoutes.add(tab.pagePath)
    this.library = new WxmlLibrary((file) => readFileSync(this.fileOf(file), 'utf8'))

    const host: WxHost = {
      navigate: (kind, navigateOptions) => this.navigate(kind, navigateOptions),
      cloud: options.cloud,
      record: (api, recordOptions) => this.record(api, recordOptions),
      openModal: () => this.openModal(),
      select: (selector, all) => {
        const page = this.stack[this.stack.length - 1]
        if (!page) return []
        const found = queryAll(this.view(page), selector)
        return (all ? found : found.slice(0, 1)).map((element) => ({ id: element.attribs.id ?? '', dataset: datasetOf(element) }))
      },
      launchOptions: () => this.launchOptions(),
      toSandbox: (value) => this.toSandbox(value),
      promise: (executor) => new this.sandboxPromise(executor),
      later: (callback) => this.later(callback),
    }
    this.wx = createWx(host)

    const sandbox: Record<string, unknown> = {
      console: this.sandboxConsole(),
      setTimeout: (callback: AppFunction, ms?: number, ...args: unknown[]) => this.timer(false, callback, ms, args),
      setInterval: (callback: AppFunction, ms?: number, ...args: unknown[]) => this.timer(true, callback, ms, args),
      clearTimeout: (handle: NodeJS.Timeout) => this.clearTimer(handle),
      clearInterval: (handle: NodeJS.Timeout) => this.clearTimer(handle),
      wx: this.wx,
      App: (config: Instance) => {
        this.appInstance = config
      },
      Page: (config: Instance) => {
        if (this.registering?.kind !== 'page') throw new Error('Page() called outside a page file')
        this.pageConfigs.set(this.registering.path, config)
      },
      Component: (config: Instance) => this.registerComponent(config),
      Behavior: (config: Instance) => config,
      getApp: () => this.appInstance ?? undefined,
      getCurrentPages: () => this.sandboxArray.from(this.stack.map((page) => page.instance)),
      requirePlugin: () => {
        throw new Error('requirePlugin: plugins are not modelled by the headless runtime')
      },
    }
    this.context = vm.createContext(sandbox, { name: 'weapp logic layer' })
    this.sandboxParse = vm.runInContext('JSON.parse', this.context) as (text: string) => unknown
    this.sandboxArray = vm.runInContext('Array', this.context) as ArrayConstructor
    this.sandboxPromise = vm.runInContext('Promise', this.context) as PromiseConstructor
  }

  // ---- the sandbox ----

  private fileOf(relative: string): string {
    const file = path.resolve(this.options.distDir, relative)
    if (!file.startsWith(path.resolve(this.options.distDir) + path.sep)) throw new Error(`${relative} is outside the build folder`)
    return file
  }

  /** A JSON value as an object of the app's realm (undefined stays undefined). */
  toSandbox<T>(value: T): T {
    return value === undefined ? value : (this.sandboxParse(JSON.stringify(value)) as T)
  }

  /** A value from the app as plain JSON of this side, as WeChat serialises what crosses to the view. */
  toHost(value: unknown): unknown {
    if (value === undefined) return undefined
    const text = JSON.stringify(value)
    return text === undefined ? undefined : (JSON.parse(text) as unknown)
  }

  private require(from: string, request: string): unknown {
    const joined = request.startsWith('/') ? request.slice(1) : path.posix.join(path.posix.dirname(from), request)
    const target = path.posix.normalize(joined.endsWith('.js') ? joined : `${joined}.js`)
    const known = this.modules.get(target)
    if (known) return known.exports
    const module = { exports: {} as unknown }
    this.modules.set(target, module)
    const wrapper = compiledScript(this.fileOf(target)).runInContext(this.context) as (req: (r: string) => unknown, m: typeof module, e: unknown) => void
    wrapper((next) => this.require(target, next), module, module.exports)
    return module.exports
  }

  private sandboxConsole(): Record<LogType, (...args: unknown[]) => void> {
    const write = (type: LogType) => (...args: unknown[]) => this.log(type, args)
    return { log: write('log'), info: write('info'), warn: write('warn'), error: write('error'), debug: write('debug') }
  }

  private log(type: LogType, args: unknown[]): void {
    this.options.onLog?.({ type, args: args.map((arg) => (arg instanceof Error || (typeof arg === 'object' && arg !== null && 'stack' in arg) ? String((arg as Error).stack ?? arg) : arg)) })
  }

  private timer(repeat: boolean, callback: AppFunction, ms: number | undefined, args: unknown[]): NodeJS.Timeout | undefined {
    if (this.closed || typeof callback !== 'function') return undefined
    const run = () => {
      if (!repeat) this.timers.delete(handle)
      this.guard(() => callback(...args), 'a timer')
    }
    const handle = repeat ? setInterval(run, ms) : setTimeout(run, ms)
    this.timers.add(handle)
    return handle
  }

  private clearTimer(handle: NodeJS.Timeout | undefined): void {
    if (!handle) return
    clearTimeout(handle)
    this.timers.delete(handle)
  }

  /** Runs `callback` on a later turn unless the app was closed; errors become app errors. */
  later(callback: () => void): void {
    this.timer(false, callback as AppFunction, 0, [])
  }

  /** Runs app code; a throw or a rejected promise becomes an app error, as WeChat reports it, instead of ending the runtime. */
  private guard(run: () => unknown, where: string): void {
    try {
      const result = run()
      if (result && typeof (result as Promise<unknown>).then === 'function') (result as Promise<unknown>).then(undefined, (error: unknown) => this.reportError(error, where))
    } catch (error) {
      this.reportError(error, where)
    }
  }

  private reportingError = false

  private reportError(error: unknown, where: string): void {
    if (this.closed) return
    const message = error instanceof Error ? error.message : String(error)
    const stack = error instanceof Error ? (error.stack ?? message) : message
    this.log('error', [`[app error in ${where}] ${stack}`])
    this.options.onException?.({ message, stack })
    const onError = this.appInstance?.onError
    if (typeof onError === 'function' && !this.reportingError) {
      this.reportingError = true
      try {
        ;(onError as AppFunction).call(this.appInstance, stack)
      } catch {
        // An onError that throws has nothing left to report to.
      } finally {
        this.reportingError = false
      }
    }
  }

  private boot(): void {
    this.require('', 'app.js')
    if (!this.appInstance) throw new Error('app.js did not call App()')
    const options = this.toSandbox(this.launchOptions())
    this.callLifecycle(this.appInstance, 'onLaunch', 'App.onLaunch', options)
    this.callLifecycle(this.appInstance, 'onShow', 'App.onShow', options)
  }

  private launchOptions(): Record<string, unknown> {
    return { path: this.appJson.entryPagePath ?? this.appJson.pages[0], query: {}, scene: 1001, referrerInfo: {}, apiCategory: 'default' }
  }

  private callLifecycle(target: Instance, name: string, where: string, ...args: unknown[]): void {
    const method = target[name]
    if (typeof method === 'function') this.guard(() => (method as AppFunction).apply(target, args), where)
  }

  // ---- components ----

  private registerComponent(config: Instance): void {
    if (this.registering?.kind !== 'component') throw new Error('Component() called outside a component file')
    const componentPath = this.registering.path
    const properties: Record<string, unknown> = {}
    for (const [name, declaration] of Object.entries((config.properties as Instance | undefined) ?? {})) {
      const value = typeof declaration === 'object' && declaration !== null ? (declaration as Instance).value : undefined
      properties[name] = this.toHost(value)
    }
    this.componentDefinitions.set(componentPath, { path: componentPath, config, usingComponents: this.usingComponents(componentPath), properties })
  }

  /** A page's or component's `usingComponents`, as build-relative paths, loading each component once. */
  private usingComponents(ownerPath: string): Record<string, string> {
    const jsonFile = this.fileOf(`${ownerPath}.json`)
    const json = existsSync(jsonFile) ? (JSON.parse(readFileSync(jsonFile, 'utf8')) as { usingComponents?: Record<string, string> }) : {}
    const resolved: Record<string, string> = {}
    for (const [tag, target] of Object.entries(json.usingComponents ?? {})) {
      if (target.startsWith('plugin://')) continue
      const componentPath = path.posix.normalize(target.startsWith('/') ? target.slice(1) : path.posix.join(path.posix.dirname(ownerPath), target))
      resolved[tag] = componentPath
    }
    for (const componentPath of Object.values(resolved)) this.loadComponent(componentPath)
    return resolved
  }

  private loadComponent(componentPath: string): void {
    if (this.componentDefinitions.has(componentPath) || this.registering?.path === componentPath) return
    this.evaluateRegistering('component', componentPath, () => this.componentDefinitions.has(componentPath))
  }

  /** Evaluates `<modulePath>.js`, which must register itself with Page() or Component() as it runs. */
  private evaluateRegistering(kind: 'page' | 'component', modulePath: string, registered: () => boolean): void {
    const outer = this.registering
    this.registering = { kind, path: modulePath }
    try {
      this.require('', `${modulePath}.js`)
    } finally {
      this.registering = outer
    }
    if (!registered()) throw new Error(`${modulePath}.js did not call ${kind === 'page' ? 'Page' : 'Component'}()`)
  }

  private resolverFor(page: PageRecord): ComponentResolver {
    return {
      resolve: (owner, tag, key, props) => {
        const using = owner instanceof PageRecord ? owner.usingComponents : (owner as ComponentRecord).definition.usingComponents
        const componentPath = using[tag]
        if (componentPath === undefined) return undefined
        const definition = this.componentDefinitions.get(componentPath)
        if (!definition) return undefined
        let record = page.components.get(key)
        if (!record || record.definition !== definition) {
          record = this.createComponent(page, definition)
          page.components.set(key, record)
        }
        for (const name of Object.keys(definition.properties)) {
          const attribute = name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)
          const value = props[name] ?? props[attribute]
          if (value !== undefined) record.data[name] = value
        }
        return record
      },
    }
  }

  private createComponent(page: PageRecord, definition: ComponentDefinition): ComponentRecord {
    const config = definition.config
    const data: Scope = { ...(this.toHost(definition.properties) as Scope), ...((this.toHost(config.data) as Scope | undefined) ?? {}) }
    const instance = this.toSandbox({}) as Instance
    Object.assign(instance, (config.methods as Instance | undefined) ?? {})
    const record = new ComponentRecord(definition, instance, data)
    Object.assign(instance, {
      is: definition.path,
      data,
      properties: data,
      setData: (update: unknown, callback?: AppFunction) => this.setData(page, record, update, callback),
      triggerEvent: () => this.log('warn', [`${record.label}: triggerEvent is not modelled by the headless runtime`]),
      createSelectorQuery: () => (this.wx.createSelectorQuery as () => unknown)(),
      selectComponent: () => null,
      selectAllComponents: () => this.sandboxArray.from([]),
    })
    for (const name of ['created', 'attached']) {
      const lifecycle = lifecycleOf(config, name)
      if (lifecycle) this.guard(() => lifecycle.call(instance), `${name} of ${record.label}`)
    }
    return record
  }

  // ---- pages and navigation ----

  /** Navigations run one at a time, in the order the app asked for them. */
  navigate(kind: NavigationKind, options: ApiOptions): Promise<void> {
    const run = this.navigation.then(() => this.performNavigation(kind, options))
    this.navigation = run.catch(() => undefined)
    return run
  }

  private parseUrl(url: string): { route: string; query: Record<string, string> } {
    const [pathPart = '', search = ''] = url.split('?', 2) as [string, string?]
    const current = this.stack[this.stack.length - 1]
    const joined = pathPart.startsWith('/') ? pathPart.slice(1) : path.posix.join(current ? path.posix.dirname(current.route) : '', pathPart)
    return { route: path.posix.normalize(joined).replace(/\.html$/, ''), query: parseQuery(search) }
  }

  private async performNavigation(kind: NavigationKind, options: ApiOptions): Promise<void> {
    if (this.closed) throw new Error('the app has been closed')
    if (kind === 'navigateBack') {
      const delta = Math.max(1, Math.floor(Number(options.delta ?? 1)) || 1)
      if (this.stack.length <= 1) throw new Error('cannot navigate back at first page.')
      for (let step = 0; step < delta && this.stack.length > 1; step += 1) this.unload(this.stack.pop()!)
      this.show(this.stack[this.stack.length - 1]!)
      return
    }
    const url = String(options.url ?? '')
    const { route, query } = this.parseUrl(url)
    if (!this.routes.has(route)) throw new Error(`page "${route}" is not found`)
    const isTab = this.tabRoutes.has(route)
    const top = this.stack[this.stack.length - 1]
    switch (kind) {
      case 'navigateTo':
        if (isTab) throw new Error(`can not navigateTo a tabbar page`)
        if (this.stack.length >= MAX_STACK) throw new Error('webview count limit exceed')
        if (top) this.hide(top)
        this.open(route, query)
        return
      case 'redirectTo':
        if (isTab) throw new Error(`can not redirectTo a tabbar page`)
        if (top) this.unload(this.stack.pop()!)
        this.open(route, query)
        return
      case 'reLaunch':
        while (this.stack.length > 0) this.unload(this.stack.pop()!)
        for (const page of [...this.tabPages.values()]) this.unload(page)
        this.open(route, query)
        return
      case 'switchTab': {
        if (!isTab) throw new Error(`can not switch to no-tabBar page`)
        // switchTab drops every page that is not a tab; the tab pages themselves stay alive.
        while (this.stack.length > 0) {
          const page = this.stack.pop()!
          if (this.tabRoutes.has(page.route)) {
            if (page.route !== route) this.hide(page)
          } else this.unload(page)
        }
        const kept = this.tabPages.get(route)
        if (kept) {
          this.stack.push(kept)
          if (top !== kept) this.show(kept)
        } else this.open(route, {})
        return
      }
    }
  }

  private open(route: string, query: Record<string, string>): PageRecord {
    if (!this.pageConfigs.has(route)) this.evaluateRegistering('page', route, () => this.pageConfigs.has(route))
    const config = this.pageConfigs.get(route)!
    const usingComponents = this.usingComponents(route)
    const id = this.nextPageId++
    const instance = this.toSandbox({}) as Instance
    for (const [key, value] of Object.entries(config)) if (key !== 'data') instance[key] = value
    const data = (this.toHost(config.data) as Scope | undefined) ?? {}
    const page = new PageRecord(id, route, query, instance, usingComponents, data)
    Object.assign(instance, {
      route,
      __route__: route,
      is: route,
      options: this.toSandbox(query),
      data,
      __wxWebviewId__: id,
      __wxExparserNodeId__: `headless-page-${id}`,
      setData: (update: unknown, callback?: AppFunction) => this.setData(page, page, update, callback),
      createSelectorQuery: () => (this.wx.createSelectorQuery as () => unknown)(),
      selectComponent: () => null,
      selectAllComponents: () => this.sandboxArray.from([]),
      getOpenerEventChannel: () => this.toSandbox({}),
    })
    this.stack.push(page)
    if (this.tabRoutes.has(route)) this.tabPages.set(route, page)
    this.callLifecycle(instance, 'onLoad', `onLoad of ${page.label}`, this.toSandbox(query))
    this.callLifecycle(instance, 'onShow', `onShow of ${page.label}`)
    // onReady follows the first render, which the view layer finishes after the initial setData.
    this.later(() => this.callLifecycle(instance, 'onReady', `onReady of ${page.label}`))
    return page
  }

  private show(page: PageRecord): void {
    this.callLifecycle(page.instance, 'onShow', `onShow of ${page.label}`)
  }

  private hide(page: PageRecord): void {
    this.callLifecycle(page.instance, 'onHide', `onHide of ${page.label}`)
  }

  private unload(page: PageRecord): void {
    if (this.tabPages.get(page.route) === page) this.tabPages.delete(page.route)
    this.callLifecycle(page.instance, 'onUnload', `onUnload of ${page.label}`)
    for (const record of page.components.values()) this.detach(record)
    page.components.clear()
  }

  private detach(record: ComponentRecord): void {
    const lifecycle = lifecycleOf(record.definition.config, 'detached')
    if (lifecycle) this.guard(() => lifecycle.call(record.instance), `detached of ${record.label}`)
  }

  private setData(page: PageRecord, owner: Owner, update: unknown, callback?: AppFunction): void {
    if (this.closed) return
    if (typeof update !== 'object' || update === null) throw new Error('setData: the data must be an object')
    const text = JSON.stringify(update)
    if (text.length > MAX_SET_DATA_BYTES) this.log('error', [`setData of ${owner.label} sends ${text.length} bytes; WeChat refuses more than ${MAX_SET_DATA_BYTES}`])
    this.options.onSetData?.(owner instanceof PageRecord ? owner.route : owner.definition.path, JSON.parse(text) as Record<string, unknown>)
    for (const [keyPath, value] of Object.entries(JSON.parse(text) as Record<string, unknown>)) setByPath(owner.data, keyPath, value)
    page.dirty = true
    if (typeof callback === 'function') this.later(() => callback.call(owner.instance))
  }

  // ---- what automation reads and does ----

  pages(): PageRecord[] {
    return [...this.stack]
  }

  currentPage(): PageRecord {
    const page = this.stack[this.stack.length - 1]
    if (!page) throw new Error('no page is open')
    return page
  }

  pageById(id: number): PageRecord {
    const page = this.stack.find((candidate) => candidate.id === id) ?? [...this.tabPages.values()].find((candidate) => candidate.id === id)
    if (!page) throw new Error(`page ${id} is no longer open`)
    return page
  }

  /** The page's view model, rendered again when its data changed since the last look. */
  view(page: PageRecord): ViewElement {
    if (page.view && !page.dirty) return page.view
    page.dirty = false
    const renderer = new ViewRenderer(this.library, this.resolverFor(page), (message) => {
      if (page.warned.has(message)) return
      page.warned.add(message)
      this.log('warn', [`[view of ${page.label}] ${message}`])
    })
    let root: ViewElement
    try {
      root = renderer.renderOwner(page, 'page', 'page')
    } catch (error) {
      // Queries that fail only wait and time out; the log says why.
      this.log('error', [`[view of ${page.label}] rendering failed: ${error instanceof Error ? error.stack : String(error)}`])
      page.dirty = true
      throw error
    }
    for (const [key, record] of page.components) {
      if (renderer.hostKeys.has(key)) continue
      page.components.delete(key)
      this.detach(record)
    }
    page.view = root
    page.elements = indexByKey(root)
    for (const key of page.typed.keys()) if (!page.elements.has(key)) page.typed.delete(key)
    return root
  }

  element(page: PageRecord, key: string): ViewElement {
    this.view(page)
    const element = page.elements.get(key)
    if (!element) throw new Error(`element ${key} is no longer on ${page.route}`)
    return element
  }

  /** A finger on the element: touchstart, touchend, then tap, each through WeChat's bubbling. */
  tap(page: PageRecord, element: ViewElement): void {
    const touch = { identifier: 0, pageX: 0, pageY: 0, clientX: 0, clientY: 0, force: 1 }
    this.dispatch(page, element, 'touchstart', { x: 0, y: 0 }, { touches: [touch], changedTouches: [touch] })
    this.dispatch(page, element, 'touchend', { x: 0, y: 0 }, { touches: [], changedTouches: [touch] })
    this.dispatch(page, element, 'tap', { x: 0, y: 0 }, { touches: [touch], changedTouches: [touch] })
  }

  /** Typing into an input or textarea: its value changes and it sends `input`, as the keyboard does. */
  input(page: PageRecord, element: ViewElement, value: string): void {
    if (element.name !== 'input' && element.name !== 'textarea') throw new Error(`<${element.name}> is not an input or textarea`)
    if (element.props.disabled === true) throw new Error(`<${element.name}> is disabled`)
    page.typed.set(element.key, value)
    this.dispatch(page, element, 'input', { value, cursor: value.length, keyCode: 0 }, {})
  }

  /** The value an input shows: what was typed into it, else its `value` attribute. */
  valueOf(page: PageRecord, element: ViewElement): unknown {
    return page.typed.get(element.key) ?? element.props.value
  }

  /** Fires one event on an element, as `Element.triggerEvent` does (bubbling only for the events that bubble). */
  dispatch(page: PageRecord, target: ViewElement, type: string, detail: unknown, extra: Record<string, unknown> = {}): void {
    if (this.closed) throw new Error('the app has been closed')
    const timeStamp = Date.now() - page.openedAt
    for (const listener of eventListeners(target, type)) {
      const owner = listener.element.owner as Owner
      const method = owner.instance[listener.method]
      if (typeof method !== 'function') {
        this.log('warn', [`${owner.label} has no method "${listener.method}" to handle ${type} on <${listener.element.name}>`])
        continue
      }
      const describe = (element: ViewElement) => ({ id: element.attribs.id ?? '', offsetLeft: 0, offsetTop: 0, dataset: datasetOf(element) })
      const event = this.toSandbox({ type, timeStamp, target: describe(listener.target), currentTarget: describe(listener.element), detail, mark: {}, mut: false, ...extra })
      this.guard(() => (method as AppFunction).call(owner.instance, event), `${type} handler "${listener.method}" of ${owner.label}`)
    }
    page.dirty = true
  }

  /** Calls a wx API the way `App.callWxMethod` does: sync APIs return, async ones settle on success or fail. */
  async callWx(method: string, args: unknown[]): Promise<unknown> {
    const api = this.wx[method]
    if (typeof api !== 'function') throw new Error(`wx.${method} is not modelled by the headless runtime`)
    if (method.endsWith('Sync') || SYNC_APIS.has(method)) return this.toHost((api as AppFunction).apply(this.wx, this.toSandbox(args)))
    const [first, ...rest] = args
    return new Promise((resolve, reject) => {
      const options = this.toSandbox(typeof first === 'object' && first !== null ? first : {}) as ApiOptions
      options.success = (result) => resolve(this.toHost(result))
      options.fail = (result) => reject(new Error((result as { errMsg?: string } | undefined)?.errMsg ?? `${method}:fail`))
      ;(api as AppFunction).call(this.wx, options, ...(this.toSandbox(rest) as unknown[]))
    })
  }

  /**
   * `App.mockWxMethod`: a fixed result (success with it; returned as is for a Sync API), or a
   * function source run inside the app with the call's arguments followed by `args`; no spec restores.
   */
  mockWx(method: string, spec: { result?: unknown; functionDeclaration?: string; args?: unknown[] } | null): void {
    if (spec === null) {
      if (this.originals.has(method)) {
        this.wx[method] = this.originals.get(method)
        this.originals.delete(method)
      }
      return
    }
    if (!this.originals.has(method)) this.originals.set(method, this.wx[method])
    if (spec.functionDeclaration !== undefined) {
      const mock = vm.runInContext(`(${spec.functionDeclaration})`, this.context) as AppFunction
      const extra = (this.toSandbox(spec.args ?? []) as unknown[]) ?? []
      this.wx[method] = function (this: unknown, ...callArgs: unknown[]) {
        return mock.apply(this, [...callArgs, ...extra])
      }
      return
    }
    const result = spec.result
    this.wx[method] = method.endsWith('Sync')
      ? () => this.toSandbox(result)
      : (options: ApiOptions = {}) => {
          const answer = this.toSandbox(result)
          const hasCallbacks = ['success', 'fail', 'complete'].some((key) => typeof options[key] === 'function')
          this.later(() => {
            options.success?.(answer)
            options.complete?.(answer)
          })
          return hasCallbacks ? undefined : this.sandboxPromise.resolve(answer)
        }
  }

  /** `App.callFunction`: a function source evaluated inside the app, called with `args`, its (awaited) result as JSON. */
  async evaluate(functionDeclaration: string, args: unknown[]): Promise<unknown> {
    const fn = vm.runInContext(`(${functionDeclaration})`, this.context) as AppFunction
    return this.toHost(await fn(...(this.toSandbox(args) as unknown[])))
  }

  /** Defines `name` as a global of the app that forwards its arguments to `listener` (App.addBinding). */
  addBinding(name: string, listener: (args: unknown[]) => void): void {
    ;(this.context as Record<string, unknown>)[name] = (...args: unknown[]) => listener(args.map((arg) => this.toHost(arg)))
  }

  /** Toasts, modals, loading indicators, calls and previews go to the log, which the journey driver saves. */
  private record(api: string, options: Record<string, unknown>): void {
    const top = this.stack[this.stack.length - 1]
    this.log('info', [`wx.${api}`, (this.toHost(options) as Record<string, unknown> | undefined) ?? {}, top ? `on ${top.route}` : 'before any page'])
  }

  private openModal(): Promise<{ confirm: boolean; cancel: boolean }> {
    if (this.pendingModal) throw new Error('another modal is still open')
    return new Promise((resolve) => {
      this.pendingModal = (confirm) => {
        this.pendingModal = null
        resolve({ confirm, cancel: !confirm })
      }
    })
  }

  /** Answers the open modal as a person would (`Tool.native` confirmModal / cancelModal). */
  answerModal(confirm: boolean): void {
    if (!this.pendingModal) throw new Error('no modal is open')
    this.pendingModal(confirm)
  }

  private reportUnhandledRejection(reason: unknown, promise: Promise<unknown>): void {
    if (this.closed) return
    const text = reason instanceof Error ? (reason.stack ?? reason.message) : typeof reason === 'object' ? JSON.stringify(reason) : String(reason)
    this.log('error', [`[unhandled promise rejection] ${text}`])
    const handler = this.appInstance?.onUnhandledRejection
    if (typeof handler === 'function') this.guard(() => (handler as AppFunction).call(this.appInstance, { reason, promise }), 'App.onUnhandledRejection')
  }

  /** Stops the app: timers are cleared and nothing the app scheduled runs any more. */
  close(): void {
    if (this.closed) return
    this.closed = true
    HeadlessApp.running.delete(this)
    for (const handle of this.timers) clearTimeout(handle)
    this.timers.clear()
    this.pendingModal = null
  }
}

/** APIs without the Sync suffix that return their result directly. */
const SYNC_APIS = new Set(['canIUse', 'createSelectorQuery', 'createIntersectionObserver', 'getUpdateManager', 'nextTick'])
