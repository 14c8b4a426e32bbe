import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core'
import {
  artifactDir,
  artifactName,
  largeTextRun,
  type AxeViolation,
  type BrowserTools,
  defaultTimeoutMs,
  normalizeRoute,
  pollUntil,
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

/** Where Debian's chromium lives; `E2E_CHROMIUM` overrides it (e.g. a local Chrome on a laptop). */
export const CHROMIUM_PATH = process.env.E2E_CHROMIUM ?? '/usr/bin/chromium'

/** The flags checked on these machines (DESIGN §6): headless, no sandbox in containers, no network chatter. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** Chromium's default font size is 16 px; a person who needs larger text sets 20 or more in its settings. */
const LARGE_DEFAULT_FONT_PX = 20

/** axe-core's browser bundle, injected into each page it audits. */
const AXE_SOURCE_PATH = require.resolve('axe-core/axe.min.js')

/** Same key as `E2E_STUBS_KEY` in client/src/services/native.ts (Node cannot import that module). */
const STUBS_KEY = '__UNIONHUB_E2E_STUBS__'
/** Same key as `E2E_CALLS_KEY` there. */
const CALLS_KEY = '__UNIONHUB_E2E_CALLS__'

export interface H5DriverOptions {
  /** The local cloud gateway serving the test H5 build: `http://127.0.0.1:PORT`. */
  baseUrl: string
  /** Names the browser console log saved next to the screenshots. */
  label: string
}

/** Installs stubs into the page's window; runs inside the browser, so it only uses its arguments. */
function installStubs({ key, stubs }: { key: string; stubs: Record<string, unknown> }): void {
  const holder = window as unknown as Record<string, Record<string, unknown> | undefined>
  holder[key] = Object.assign(holder[key] ?? {}, stubs)
}

/**
 * The H5 leg: the test build (`TARO_APP_E2E=1`, Taro's hash router) served by the local cloud,
 * in Debian's Chromium through playwright-core, as a phone (375×812 at 2×, touch) with a fresh
 * profile per driver, so cookies and storage never leak between journeys.
 */
export async function createH5Driver({ baseUrl, label }: H5DriverOptions): Promise<Driver> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`no Chromium at ${CHROMIUM_PATH}: apt-get install -y chromium (or set E2E_CHROMIUM)`)
  const origin = baseUrl.replace(/\/+$/, '')
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'unionhub-e2e-chromium-'))
  if (largeTextRun()) {
    // The browser's own font-size setting, as a person sets it; the app follows it (长辈模式).
    mkdirSync(path.join(userDataDir, 'Default'), { recursive: true })
    writeFileSync(path.join(userDataDir, 'Default', 'Preferences'), JSON.stringify({ webkit: { webprefs: { default_font_size: LARGE_DEFAULT_FONT_PX } } }))
  }
  let context: BrowserContext
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 375, height: 812 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    })
  } catch (error) {
    rmSync(userDataDir, { recursive: true, force: true })
    throw error
  }
  const page: Page = context.pages()[0] ?? (await context.newPage())
  const consoleLines: string[] = []
  page.on('console', (message) => {
    if (message.type() !== 'error' && message.type() !== 'warning') return
    const where = message.location().url
    consoleLines.push(`[${message.type()}] ${message.text()}${where ? ` (${where})` : ''}`)
  })
  page.on('pageerror', (error) => consoleLines.push(`[pageerror] ${error.message}`))
  // Requests the page has under way: an audit waits until the page has what it asked for.
  let inflight = 0
  let quietSince = Date.now()
  const ended = () => {
    inflight -= 1
    if (inflight <= 0) quietSince = Date.now()
  }
  page.on('request', () => (inflight += 1))
  page.on('requestfinished', ended)
  page.on('requestfailed', ended)
  /** No request for 200 ms: a response often sets off the next request (a page's chunk, then its data). Playwright's networkidle waits 500 ms. */
  const settled = () => pollUntil(() => inflight <= 0 && Date.now() - quietSince >= 200, 'the page to finish its requests', { intervalMs: 25 })

  /**
   * A spec selector as a Playwright locator: each descendant step scoped in the previous one, and
   * only visible matches, because Taro's H5 router keeps earlier pages and tabs in the DOM, hidden.
   */
  function locate(selector: string): Locator {
    const [first, ...rest] = selectorParts(selector)
    return rest
      .reduce((scope, part) => scope.locator(part), page.locator(first as string))
      .filter({ visible: true })
      .first()
  }

  async function visible(selector: string, options: WaitOptions = {}): Promise<Locator> {
    const locator = locate(selector)
    await locator.waitFor({ state: 'visible', timeout: options.timeoutMs ?? defaultTimeoutMs() })
    return locator
  }

  async function isApp(): Promise<boolean> {
    return page.url().startsWith(origin)
  }

  const browser: BrowserTools = {
    async audit() {
      // A page first shows skeleton lines, then what the cloud sent: audit the latter.
      await settled()
      await page.locator('.e2e-loading').filter({ visible: true }).first().waitFor({ state: 'hidden', timeout: defaultTimeoutMs() })
      if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_SOURCE_PATH })
      return page.evaluate(async () => {
        type Axe = { run(context: Document, options: object): Promise<{ violations: Array<{ id: string; impact: string; help: string; nodes: Array<{ target: unknown[] }> }> }> }
        const { violations } = await (window as unknown as { axe: Axe }).axe.run(document, { resultTypes: ['violations'] })
        return violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((node) => node.target.map(String).join(' ')) }))
      }) as Promise<AxeViolation[]>
    },

    async resize(width: number, height: number) {
      await page.setViewportSize({ width, height })
      // Taro's H5 sets the root font size from the width on resize; let it and the layout settle.
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))))
    },

    async box(selector: string, options: { scrollIntoView?: boolean } = {}) {
      const locator = await visible(selector)
      if (options.scrollIntoView) await locator.scrollIntoViewIfNeeded({ timeout: defaultTimeoutMs() })
      return locator.boundingBox()
    },

    async imageBox(selector: string) {
      return (await visible(selector)).locator('img').first().boundingBox()
    },

    async fontSize(selector: string) {
      return (await visible(selector)).evaluate((node) => parseFloat(getComputedStyle(node).fontSize))
    },
  }

  return {
    target: 'h5',
    browser,

    async open(route: string, query?: Query) {
      // Only the hash differs between two app routes; going through about:blank forces a fresh
      // document, as reLaunch gives a fresh page stack on weapp.
      if (await isApp()) await page.goto('about:blank')
      await page.goto(`${origin}/#/${routeUrl(route, query)}`, { waitUntil: 'load' })
    },

    async tap(selector: string) {
      await (await visible(selector)).tap({ timeout: defaultTimeoutMs() })
    },

    async fill(selector: string, text: string) {
      const locator = await visible(selector)
      const isField = await locator.evaluate((node) => node instanceof HTMLInputElement || node instanceof HTMLTextAreaElement)
      // Taro's <Input> is a wrapper element on H5; the real field is inside it.
      await (isField ? locator : locator.locator('input, textarea').first()).fill(text, { timeout: defaultTimeoutMs() })
    },

    async text(selector: string) {
      return (await (await visible(selector)).innerText()).trim()
    },

    async exists(selector: string) {
      return (await locate(selector).count()) > 0
    },

    async waitFor(what: string | Condition, options: WaitOptions = {}) {
      if (typeof what === 'string') {
        try {
          await visible(what, options)
        } catch (error) {
          throw new Error(`waited ${options.timeoutMs ?? defaultTimeoutMs()} ms for ${what}: ${(error as Error).message.split('\n')[0]}`)
        }
      } else {
        await pollUntil(what, 'condition', options)
      }
    },

    async currentRoute() {
      const hash = new URL(page.url()).hash
      return normalizeRoute(hash.replace(/^#/, ''))
    },

    async stubNative<A extends NativeApi>(api: A, result: NativeStub<A>) {
      const arg = { key: STUBS_KEY, stubs: { [api]: result } }
      // Init scripts run in every later document (open, reload); evaluate covers the current one.
      await context.addInitScript(installStubs, arg)
      if (await isApp()) await page.evaluate(installStubs, arg)
    },

    async nativeCalls(api: NativeApi) {
      return page.evaluate(({ key, api: name }) => ((window as unknown as Record<string, Record<string, Array<Record<string, unknown>>> | undefined>)[key] ?? {})[name] ?? [], {
        key: CALLS_KEY,
        api,
      })
    },

    async screenshot(name: string) {
      const file = screenshotFile('h5', name)
      await page.screenshot({ path: file })
      return file
    },

    async signIn(openid: string) {
      // The context's request client shares the browser's cookie jar, so the session cookie the
      // gateway sets here is the one the app sends.
      const response = await context.request.post(`${origin}/__emulator/signin`, { data: { openid } })
      if (!response.ok()) throw new Error(`dev sign-in as ${openid} failed: HTTP ${response.status()} ${await response.text()}`)
      if (await isApp()) await page.reload({ waitUntil: 'load' })
    },

    // A browser draws every element; what it cannot lay out the axe sweep and the journeys see.
    undrawn: () => [],

    async close() {
      try {
        if (consoleLines.length > 0) {
          const file = path.join(artifactDir('h5'), `${artifactName(label)}.console.log`)
          mkdirSync(path.dirname(file), { recursive: true })
          writeFileSync(file, `${consoleLines.join('\n')}\n`)
        }
        await context.close()
      } finally {
        rmSync(userDataDir, { recursive: true, force: true })
      }
    },
  }
}
