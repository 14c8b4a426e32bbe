import { accessSync, constants as fsConstants, mkdirSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import {
  artifactName,
  ARTIFACTS_ROOT,
  isStubFailure,
  normalizeRoute,
  pollUntil,
  REPO_ROOT,
  routeUrl,
  screenshotFile,
  selectorParts,
  type Condition,
  type Driver,
  type NativeApi,
  type NativeStub,
  type Query,
  type WaitOptions,
} from '../driver'
import automator from 'miniprogram-automator'

/*
 * The weapp legs: miniprogram-automator drives the weapp build inside WeChat DevTools
 * (Windows/macOS only), or in the headless runtime of tests/weapp-runtime, which speaks the same
 * protocol. The shapes below are the parts of the library's Page/Element/MiniProgram this driver
 * uses, so the lookup logic can be unit-tested with fakes where neither is running.
 */

export interface AutomatorElement {
  tagName: string
  /** Inside a custom component this searches its shadow tree; elsewhere, the element's subtree. */
  $(selector: string): Promise<AutomatorElement | null>
  $$(selector: string): Promise<AutomatorElement[]>
  tap(): Promise<void>
  text(): Promise<string>
  attribute(name: string): Promise<string>
  trigger(type: string, detail?: object): Promise<void>
  /** Present on `input` and `textarea` elements only. */
  input?(value: string): Promise<void>
  /** The element and what it contains as WXML. */
  outerWxml?(): Promise<string>
}

export interface AutomatorPage {
  path: string
  query?: Record<string, string>
  /** Returns null for an element inside a custom component: those are reached through the host's `$`. */
  $(selector: string): Promise<AutomatorElement | null>
  $$(selector: string): Promise<AutomatorElement[]>
}

export interface AutomatorMiniProgram {
  callWxMethod(method: string, ...args: unknown[]): Promise<unknown>
  currentPage(): Promise<AutomatorPage | undefined>
  mockWxMethod(method: string, result: unknown, ...args: unknown[]): Promise<void>
  /** Runs a function (source text) inside the app and resolves its result as JSON. */
  evaluate(functionDeclaration: string, ...args: unknown[]): Promise<unknown>
  restoreWxMethod(method: string): Promise<void>
  screenshot(options?: { path?: string }): Promise<string | void>
  /** `console` entries (`{ type, args }`) once subscribed, and `exception`s thrown in the app. */
  on?(event: 'console' | 'exception', listener: (payload: unknown) => void): unknown
  disconnect(): void
  /** Closes the project window and ends automation. */
  close(): Promise<void>
}

/** What `automator.launch` needs, built from the environment. */
export interface DevtoolsLaunchOptions {
  cliPath: string
  projectPath: string
  port: number
  /** Skips DevTools' "trust this project" prompt, which would otherwise block an unattended run. */
  trustProject: boolean
  /** DevTools' cold start compiles the project; the library's 30 s default is too short on a laptop. */
  timeout: number
}

export const DEFAULT_DEVTOOLS_PORT = 9420

export const DEVTOOLS_MISSING =
  'WeChat DevTools not found: install WeChat DevTools (Windows/macOS, https://developers.weixin.qq.com/miniprogram/dev/devtools/download.html), turn on 设置 → 安全设置 → 服务端口, and set WECHAT_DEVTOOLS_CLI to its cli (macOS: /Applications/wechatwebdevtools.app/Contents/MacOS/cli, Windows: C:\\Program Files (x86)\\Tencent\\微信web开发者工具\\cli.bat); optional WECHAT_DEVTOOLS_PORT (default 9420).'

function isExecutableFile(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false
    // Windows has no execute bit; there the cli is cli.bat and existing is enough.
    if (process.platform !== 'win32') accessSync(file, fsConstants.X_OK)
    return true
  } catch {
    return false
  }
}

/**
 * Launch options from `WECHAT_DEVTOOLS_CLI` and `WECHAT_DEVTOOLS_PORT`; DevTools opens the
 * repo-root folder, whose `project.config.json` points at the weapp build and the functions.
 * Returns the one-line instruction instead when DevTools cannot be used.
 */
export function devtoolsLaunchOptions(
  env: NodeJS.ProcessEnv = process.env,
  projectPath: string = REPO_ROOT,
  isExecutable: (file: string) => boolean = isExecutableFile,
): { ok: true; options: DevtoolsLaunchOptions } | { ok: false; message: string } {
  const cliPath = env.WECHAT_DEVTOOLS_CLI?.trim()
  if (!cliPath || !isExecutable(cliPath)) {
    const why = cliPath ? `WECHAT_DEVTOOLS_CLI=${cliPath} is not an executable file. ` : ''
    return { ok: false, message: `${why}${DEVTOOLS_MISSING}` }
  }
  const rawPort = env.WECHAT_DEVTOOLS_PORT?.trim()
  const port = rawPort ? Number(rawPort) : DEFAULT_DEVTOOLS_PORT
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    return { ok: false, message: `WECHAT_DEVTOOLS_PORT=${rawPort} is not a port number (1-65535); unset it to use ${DEFAULT_DEVTOOLS_PORT}.` }
  }
  return { ok: true, options: { cliPath, projectPath: path.resolve(projectPath), port, trustProject: true, timeout: 90_000 } }
}

/** The custom components Taro's weapp output wraps parts of a page in (see the note on `findElement`). */
export const TARO_CUSTOM_HOSTS = ['comp', 'custom-wrapper'] as const

/** How many custom components deep a lookup goes; Taro nests one `comp` per `baseLevel` (16) DOM levels. */
const MAX_HOST_DEPTH = 8

type Scope = AutomatorPage | AutomatorElement

async function all(scope: Scope, selector: string): Promise<AutomatorElement[]> {
  try {
    return await scope.$$(selector)
  } catch {
    return []
  }
}

async function one(scope: Scope, selector: string): Promise<AutomatorElement | null> {
  try {
    return await scope.$(selector)
  } catch {
    return null
  }
}

/**
 * Finds one selector step below `scope`, descending into custom components. Taro renders a page
 * from recursive templates; past `baseLevel` nesting levels it continues inside a `<comp>` custom
 * component, and `<CustomWrapper>` renders a `<custom-wrapper>` one. Each has its own shadow tree,
 * which `page.$` does not see into; `element.$` on the host does. So: try the scope, then
 * breadth-first through the `comp`/`custom-wrapper` hosts it contains, level by level.
 */
export async function findInScope(scope: Scope, part: string): Promise<AutomatorElement | null> {
  let frontier: Scope[] = [scope]
  for (let depth = 0; depth <= MAX_HOST_DEPTH && frontier.length > 0; depth += 1) {
    const next: Scope[] = []
    for (const candidate of frontier) {
      const hit = await one(candidate, part)
      if (hit) return hit
      for (const host of TARO_CUSTOM_HOSTS) next.push(...(await all(candidate, host)))
    }
    frontier = next
  }
  return null
}

/** Resolves a spec selector (`.e2e-a .e2e-b`) step by step, each step through nested components. */
export async function findElement(scope: Scope, selector: string): Promise<AutomatorElement | null> {
  let current: Scope = scope
  for (const part of selectorParts(selector)) {
    const found = await findInScope(current, part)
    if (!found) return null
    current = found
  }
  return current === scope ? null : (current as AutomatorElement)
}

function hasInput(element: AutomatorElement): element is AutomatorElement & { input(value: string): Promise<void> } {
  return (element.tagName === 'input' || element.tagName === 'textarea') && typeof element.input === 'function'
}

/** The `wx.*` methods behind each native ability, for `mockWxMethod`. */
const WX_METHOD: Record<Exclude<NativeApi, 'getPhoneNumber'>, string> = {
  scanCode: 'scanCode',
  chooseImage: 'chooseImage',
  chooseMedia: 'chooseMedia',
  requestSubscribeMessage: 'requestSubscribeMessage',
  getLocation: 'getLocation',
  openLocation: 'openLocation',
  makePhoneCall: 'makePhoneCall',
  chooseLocation: 'chooseLocation',
}

/** Same key as `E2E_CALLS_KEY` in client/src/services/native.ts (Node cannot import that module). */
const CALLS_KEY = '__UNIONHUB_E2E_CALLS__'

/**
 * A mock that answers with the stubbed result, as WeChat does (`success`, then `complete`), and
 * notes the options it was called with under `globalThis[key][api]` for `nativeCalls`. Serialised
 * by automator and run inside the app; it receives the caller's options and the mock's extra arguments.
 */
const SUCCESS_MOCK = `function (options, result, api, key) {
  var calls = globalThis[key] || (globalThis[key] = {});
  var asked = {};
  for (var name in options || {}) if (typeof options[name] !== 'function') asked[name] = options[name];
  (calls[api] || (calls[api] = [])).push(asked);
  var res = Object.assign({ errMsg: api + ':ok' }, result);
  if (options && typeof options.success === 'function') options.success(res);
  if (options && typeof options.complete === 'function') options.complete(res);
  return Promise.resolve(res);
}`

/**
 * A mock that makes the async wx API fail the way WeChat does: it calls `fail` and `complete` and
 * never resolves, so the framework's wrapper does not also call `success`. Serialised by automator
 * and run inside the app; it receives the caller's options object and the mock's extra argument.
 */
const FAIL_MOCK = `function (options, errMsg) {
  var res = { errMsg: errMsg };
  if (options && typeof options.fail === 'function') options.fail(res);
  if (options && typeof options.complete === 'function') options.complete(res);
  return new Promise(function () {});
}`

export interface AutomatorDriverOptions {
  miniProgram: AutomatorMiniProgram
  /** `devtools` (default), or `weapp`: the headless runtime, whose identities are the local cloud's. */
  target?: 'devtools' | 'weapp'
  /**
   * Headless only: a new connection to the endpoint as `openid`, which launches the app afresh as
   * that person. Without it (DevTools) signIn is a no-op: the real cloud sees the developer's account.
   */
  connectAs?: (openid: string) => Promise<AutomatorMiniProgram>
  /** Names the console log saved next to the screenshots. */
  label?: string
  /** Prints the one-time note that signIn is a no-op here. */
  log?: (line: string) => void
}

/** A page's view as a file a browser opens: the headless runtime's WXML, which has no pixels to capture. */
function viewAsHtml(title: string, route: string, wxml: string): string {
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;')
  return `<!doctype html>
<meta charset="utf-8">
<title>${escape(title)}</title>
<style>
  body { font: 15px/1.5 sans-serif; max-width: 375px; margin: 0 auto; }
  page, view, button, form, scroll-view, swiper, swiper-item, picker, textarea, input { display: block; }
  view, button { margin: 2px 0; padding: 2px 4px; border-left: 1px solid #ddd; }
  image { display: inline-block; min-width: 24px; min-height: 24px; background: #eee; }
  .headless-note { color: #888; font-size: 12px; border-bottom: 1px solid #ccc; }
</style>
<p class="headless-note">headless weapp runtime · ${escape(route)} · structure and text of the view model, without WXSS or layout</p>
${wxml}
`
}

export function createAutomatorDriver({ miniProgram: initial, target: leg = 'devtools', connectAs, label = 'journey', log = (line) => console.warn(line) }: AutomatorDriverOptions): Driver {
  let miniProgram = initial
  /** Installed mocks by wx method, so they survive the new connection of a headless signIn. */
  const mocked = new Map<string, { result: unknown; args: unknown[] }>()
  const consoleLines: string[] = []
  let phoneStub: NativeStub<'getPhoneNumber'> | undefined
  let signInNoted = false

  function listen(to: AutomatorMiniProgram): void {
    if (leg !== 'weapp') return
    to.on?.('console', (payload) => {
      const { type, args } = payload as { type?: string; args?: unknown[] }
      if (type === 'log' || type === 'debug') return
      consoleLines.push(`[${type}] ${(args ?? []).map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' ')}`)
    })
    to.on?.('exception', (payload) => consoleLines.push(`[exception] ${JSON.stringify(payload)}`))
  }
  listen(miniProgram)

  async function page(): Promise<AutomatorPage> {
    const current = await miniProgram.currentPage()
    if (!current) throw new Error('the mini program reports no current page')
    return current
  }

  async function lookup(selector: string): Promise<AutomatorElement | null> {
    return findElement(await page(), selector)
  }

  async function element(selector: string, options: WaitOptions = {}): Promise<AutomatorElement> {
    const hit: { element?: AutomatorElement } = {}
    // The library's own waitFor has no timeout; this loop does, and re-reads the current page each
    // time because a tap may have navigated.
    await pollUntil(
      async () => {
        hit.element = (await lookup(selector)) ?? undefined
        return hit.element !== undefined
      },
      selector,
      options,
    )
    if (!hit.element) throw new Error(`${selector} vanished`)
    return hit.element
  }

  async function isPhoneButton(target: AutomatorElement): Promise<boolean> {
    if (target.tagName !== 'button') return false
    const openType = await target.attribute('open-type').catch(() => '')
    return String(openType).toLowerCase() === 'getphonenumber'
  }

  /** reLaunch, then wait until the page is the current one (the library's own reLaunch sleeps 3 s instead). */
  async function relaunch(url: string): Promise<void> {
    await miniProgram.callWxMethod('reLaunch', { url: `/${url}` })
    const wanted = normalizeRoute(url)
    await pollUntil(async () => normalizeRoute((await page()).path) === wanted, `${wanted} to open`)
  }

  return {
    target: leg,

    async open(route: string, query?: Query) {
      await relaunch(routeUrl(route, query))
    },

    async tap(selector: string) {
      const target = await element(selector)
      if (phoneStub !== undefined && (await isPhoneButton(target))) {
        // A getPhoneNumber button opens WeChat's own sheet, which automation cannot answer; fire the
        // event the sheet would have fired, with the stubbed answer.
        const detail = isStubFailure(phoneStub) ? { errMsg: phoneStub.errMsg } : { errMsg: 'getPhoneNumber:ok', code: phoneStub.code }
        await target.trigger('getphonenumber', detail)
        return
      }
      await target.tap()
    },

    async fill(selector: string, text: string) {
      const target = await element(selector)
      const field = hasInput(target) ? target : ((await findInScope(target, 'input')) ?? (await findInScope(target, 'textarea')))
      if (!field || !hasInput(field)) throw new Error(`${selector} is not an input or textarea and contains none`)
      await field.input(text)
    },

    async text(selector: string) {
      return (await (await element(selector)).text()).trim()
    },

    async exists(selector: string) {
      return (await lookup(selector)) !== null
    },

    async waitFor(what: string | Condition, options: WaitOptions = {}) {
      if (typeof what === 'string') {
        selectorParts(what)
        await pollUntil(async () => (await lookup(what)) !== null, what, options)
      } else {
        await pollUntil(what, 'condition', options)
      }
    },

    async currentRoute() {
      return normalizeRoute((await page()).path)
    },

    async stubNative<A extends NativeApi>(api: A, result: NativeStub<A>) {
      if (api === 'getPhoneNumber') {
        phoneStub = result as NativeStub<'getPhoneNumber'>
        return
      }
      const method = WX_METHOD[api as Exclude<NativeApi, 'getPhoneNumber'>]
      const mock = isStubFailure(result) ? { result: FAIL_MOCK, args: [result.errMsg] } : { result: SUCCESS_MOCK, args: [result, method, CALLS_KEY] }
      await miniProgram.mockWxMethod(method, mock.result, ...mock.args)
      mocked.set(method, mock)
    },

    async nativeCalls(api: NativeApi) {
      const calls = await miniProgram.evaluate(`function (key, api) { var calls = globalThis[key] || {}; return calls[api] || []; }`, CALLS_KEY, WX_METHOD[api as Exclude<NativeApi, 'getPhoneNumber'>] ?? api)
      return calls as Array<Record<string, unknown>>
    },

    async screenshot(name: string) {
      if (leg === 'weapp') {
        // The headless runtime draws no pixels; its view model as WXML is what the screen holds.
        const file = screenshotFile('weapp', name).replace(/\.png$/, '.html')
        const current = await page()
        const root = await current.$('page')
        writeFileSync(file, viewAsHtml(name, current.path, (await root?.outerWxml?.()) ?? ''))
        return file
      }
      const file = screenshotFile('devtools', name)
      await miniProgram.screenshot({ path: file })
      return file
    },

    async signIn(openid: string) {
      if (connectAs) {
        // A new connection launches the app as that person; then the page they were on opens again, as H5 reloads it.
        const current = await page()
        const next = await connectAs(openid)
        miniProgram.disconnect()
        miniProgram = next
        listen(miniProgram)
        for (const [method, mock] of mocked) await miniProgram.mockWxMethod(method, mock.result, ...mock.args)
        // The query as the page received it, not encoded a second time.
        const search = Object.entries(current.query ?? {}).map(([key, value]) => `${key}=${value}`).join('&')
        await relaunch(`${normalizeRoute(current.path)}${search ? `?${search}` : ''}`)
        return
      }
      if (signInNoted) return
      signInNoted = true
      log(
        `signIn(${openid}) does nothing on DevTools: the real cloud takes the openid from the WeChat account logged in to DevTools. Use an account whose state matches ${openid}.`,
      )
    },

    // The headless runtime names them in a console warning; DevTools logs no such line.
    undrawn: () => consoleLines.filter((line) => /template "[^"]+" is not defined or imported/.test(line)),

    async close() {
      for (const method of mocked.keys()) await miniProgram.restoreWxMethod(method).catch(() => undefined)
      mocked.clear()
      miniProgram.disconnect()
      if (consoleLines.length > 0) {
        const file = path.join(ARTIFACTS_ROOT, leg, `${artifactName(label)}.console.log`)
        mkdirSync(path.dirname(file), { recursive: true })
        writeFileSync(file, `${consoleLines.join('\n')}\n`)
      }
    },
  }
}

/** Starts DevTools on the repo-root project with automation on (`cli auto --project … --auto-port …`). */
export async function launchDevtools(options: DevtoolsLaunchOptions): Promise<AutomatorMiniProgram> {
  return automator.launch(options)
}

/** Attaches to a DevTools that is already running with automation on, or to the headless runtime's endpoint. */
export async function connectAutomator(wsEndpoint: string): Promise<AutomatorMiniProgram> {
  return automator.connect({ wsEndpoint })
}
