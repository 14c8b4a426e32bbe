import { accessSync, constants as fsConstants, statSync } from 'node:fs'
import path from 'node:path'
import {
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
 * The DevTools leg: miniprogram-automator drives the weapp build inside WeChat DevTools
 * (Windows/macOS only). The shapes below are the parts of the library's Page/Element/MiniProgram
 * this driver uses, so the lookup logic can be unit-tested with fakes where DevTools is absent.
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
}

export interface AutomatorPage {
  path: string
  /** Returns null for an element inside a custom component: those are reached through the host's `$`. */
  $(selector: string): Promise<AutomatorElement | null>
  $$(selector: string): Promise<AutomatorElement[]>
}

export interface AutomatorMiniProgram {
  reLaunch(url: string): Promise<AutomatorPage | undefined>
  currentPage(): Promise<AutomatorPage | undefined>
  mockWxMethod(method: string, result: unknown, ...args: unknown[]): Promise<void>
  restoreWxMethod(method: string): Promise<void>
  screenshot(options?: { path?: string }): Promise<string | void>
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
}

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
  /** Prints the one-time note that signIn is a no-op here. */
  log?: (line: string) => void
}

export function createAutomatorDriver({ miniProgram, log = (line) => console.warn(line) }: AutomatorDriverOptions): Driver {
  const mocked = new Set<string>()
  let phoneStub: NativeStub<'getPhoneNumber'> | undefined
  let signInNoted = false

  async function page(): Promise<AutomatorPage> {
    const current = await miniProgram.currentPage()
    if (!current) throw new Error('DevTools reports no current page')
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

  return {
    target: 'devtools',

    async open(route: string, query?: Query) {
      await miniProgram.reLaunch(`/${routeUrl(route, query)}`)
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
      if (isStubFailure(result)) await miniProgram.mockWxMethod(method, FAIL_MOCK, result.errMsg)
      else await miniProgram.mockWxMethod(method, { errMsg: `${method}:ok`, ...result })
      mocked.add(method)
    },

    async screenshot(name: string) {
      const file = screenshotFile('devtools', name)
      await miniProgram.screenshot({ path: file })
      return file
    },

    async signIn(openid: string) {
      if (signInNoted) return
      signInNoted = true
      log(
        `signIn(${openid}) does nothing on DevTools: the real cloud takes the openid from the WeChat account logged in to DevTools. Use an account whose state matches ${openid}.`,
      )
    },

    async close() {
      for (const method of mocked) await miniProgram.restoreWxMethod(method).catch(() => undefined)
      mocked.clear()
      miniProgram.disconnect()
    },
  }
}

/** Starts DevTools on the repo-root project with automation on (`cli auto --project … --auto-port …`). */
export async function launchDevtools(options: DevtoolsLaunchOptions): Promise<AutomatorMiniProgram> {
  return automator.launch(options)
}

/** Attaches to a DevTools that is already running with automation on. */
export async function connectDevtools(wsEndpoint: string): Promise<AutomatorMiniProgram> {
  return automator.connect({ wsEndpoint })
}
