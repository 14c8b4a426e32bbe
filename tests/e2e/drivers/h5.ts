import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core'
import {
  artifactName,
  ARTIFACTS_ROOT,
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

  return {
    target: 'h5',

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

    async close() {
      try {
        if (consoleLines.length > 0) {
          const file = path.join(ARTIFACTS_ROOT, 'h5', `${artifactName(label)}.console.log`)
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
