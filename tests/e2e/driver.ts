import { mkdirSync } from 'node:fs'
import path from 'node:path'
import type { NativeApi, NativeStub } from '../../client/src/services/native'

export type { NativeApi, NativeStub } from '../../client/src/services/native'

/**
 * Which leg a journey runs on: the H5 build in Chromium, the weapp build in WeChat DevTools, or
 * the weapp build in the headless runtime (tests/weapp-runtime), both of the latter through miniprogram-automator.
 */
export type Target = 'h5' | 'devtools' | 'weapp'

export interface WaitOptions {
  /** Give up after this long (default `E2E_TIMEOUT_MS`, else 10 s). */
  timeoutMs?: number
  /** How often to look again (default 100 ms). */
  intervalMs?: number
}

export type Condition = () => boolean | Promise<boolean>

/**
 * What a journey spec may do, on either target. Selectors are explicit `e2e-…` class names and
 * explicit ids (`.e2e-home`, `#join-submit`), optionally a descendant chain (`.e2e-card .e2e-title`):
 * those survive both the weapp and the H5 build. `tap`, `fill` and `text` wait for the element
 * (up to the default timeout) before acting.
 */
export interface Driver {
  readonly target: Target
  /** Opens a page as a fresh launch (`reLaunch` on weapp, a new document on H5): `open('pages/me/index', { x: 1 })`. */
  open(route: string, query?: Query): Promise<void>
  tap(selector: string): Promise<void>
  /** Types into an input or textarea (or the one inside the selected element). */
  fill(selector: string, text: string): Promise<void>
  /** The element's visible text, trimmed. */
  text(selector: string): Promise<string>
  /** Whether the element is there now (no waiting). */
  exists(selector: string): Promise<boolean>
  /** Waits until the selector matches an element or the condition holds, or throws after the timeout. */
  waitFor(what: string | Condition, options?: WaitOptions): Promise<void>
  /** The current page's route without a leading slash or query: `pages/me/index`. */
  currentRoute(): Promise<string>
  /** Decides what the next calls of a native ability return (success result or `{ errMsg: '<api>:fail …' }`). */
  stubNative<A extends NativeApi>(api: A, result: NativeStub<A>): Promise<void>
  /**
   * The options of each call a stubbed ability answered, oldest first, since the app was launched
   * (a headless `signIn` launches it again): `[{ latitude, longitude, name, … }]` after 导航.
   */
  nativeCalls(api: NativeApi): Promise<Array<Record<string, unknown>>>
  /** Saves what the screen shows now to `.artifacts/e2e/<target>/<name>.png` and returns the path. */
  screenshot(name: string): Promise<string>
  /**
   * Becomes a seeded dev identity (`demo-worker`, …). H5: the local cloud's dev sign-in, then the
   * current page reloads. Headless weapp: the app is launched again as that person and the current
   * page reopens (storage starts empty, as on another phone). DevTools: no-op, because the real
   * cloud sees the developer's own openid.
   */
  signIn(openid: string): Promise<void>
  /**
   * What the pages could not draw so far: on the headless weapp leg, each node of the build with no
   * template (WeChat renders nothing there, as it did for NutUI's icons); elsewhere always empty.
   * A journey fails when any is left at its end.
   */
  undrawn(): string[]
  close(): Promise<void>
  /** What only a real browser can do (layout, an axe-core audit); the H5 leg has it, the weapp legs do not. */
  readonly browser?: BrowserTools
}

/** One axe-core rule broken on a page, with the elements that break it (CSS selectors). */
export interface AxeViolation {
  id: string
  impact: 'minor' | 'moderate' | 'serious' | 'critical'
  help: string
  targets: string[]
}

export interface Box {
  x: number
  y: number
  width: number
  height: number
}

export interface BrowserTools {
  /** Waits until the page has loaded what it asked the cloud for, then runs axe-core on it. */
  audit(): Promise<AxeViolation[]>
  /** Resizes the phone's screen (CSS pixels) and waits for the page to lay itself out again. */
  resize(width: number, height: number): Promise<void>
  /** Where the first visible match is on screen, in CSS pixels (scrolled into view first if asked); null when it is not laid out. */
  box(selector: string, options?: { scrollIntoView?: boolean }): Promise<Box | null>
  /**
   * Where the picture of an Image is drawn: Taro's H5 Image is an element holding an img, which can
   * overflow it and be cut off. Null when nothing is drawn.
   */
  imageBox(selector: string): Promise<Box | null>
  /** The first visible match's computed font size, in CSS pixels. */
  fontSize(selector: string): Promise<number>
}

export type Query = Record<string, string | number | boolean>

export const REPO_ROOT = path.resolve(__dirname, '..', '..')
export const ARTIFACTS_ROOT = path.join(REPO_ROOT, '.artifacts', 'e2e')

export function defaultTimeoutMs(): number {
  const fromEnv = Number(process.env.E2E_TIMEOUT_MS)
  return Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : 10_000
}

/** Thrown when a wait runs out; the message says what was awaited and for how long. */
export class WaitTimeout extends Error {
  override name = 'WaitTimeout'
}

/**
 * Polls `check` until it returns true, or throws `WaitTimeout` naming `what`. Errors thrown by
 * `check` count as "not yet" (the page may be mid-navigation); the last one is kept in the message.
 */
export async function pollUntil(check: Condition, what: string, options: WaitOptions = {}): Promise<void> {
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs()
  const intervalMs = options.intervalMs ?? 100
  const deadline = Date.now() + timeoutMs
  let lastError: unknown
  for (;;) {
    try {
      if (await check()) return
    } catch (error) {
      lastError = error
    }
    if (Date.now() >= deadline) {
      const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : ''
      throw new WaitTimeout(`waited ${timeoutMs} ms for ${what}${cause}`)
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(intervalMs, Math.max(0, deadline - Date.now()))))
  }
}

const SELECTOR_PART = /^(?:\.e2e-[A-Za-z0-9_-]+|#[A-Za-z][A-Za-z0-9_-]*)+$/

/**
 * Splits a selector into its descendant steps and rejects anything but `e2e-` classes and ids:
 * Taro renames tags and drops `data-*` on weapp, so other selectors pass on H5 and fail on DevTools.
 */
export function selectorParts(selector: string): string[] {
  const parts = selector.trim().split(/\s+/)
  const bad = parts.find((part) => !SELECTOR_PART.test(part))
  if (bad !== undefined || parts.length === 0 || parts[0] === '') {
    throw new Error(`selector "${selector}" must use only .e2e-… classes and #ids (offending part: "${bad ?? ''}")`)
  }
  return parts
}

/**
 * Whether a stub stands for a failure (`errMsg` containing `:fail`). Same rule as
 * `isNativeFailure` in client/src/services/native.ts, which Node cannot import (it loads Taro).
 */
export function isStubFailure(stub: unknown): stub is { errMsg: string } {
  const errMsg = typeof stub === 'object' && stub !== null ? (stub as { errMsg?: unknown }).errMsg : undefined
  return typeof errMsg === 'string' && errMsg.includes(':fail')
}

/** `pages/me/index` (with or without leading slash) plus query → `pages/me/index?x=1`. */
export function routeUrl(route: string, query: Query = {}): string {
  const search = new URLSearchParams(Object.entries(query).map(([key, value]) => [key, String(value)])).toString()
  return `${normalizeRoute(route)}${search ? `?${search}` : ''}`
}

export function normalizeRoute(route: string): string {
  return route.replace(/^\/+/, '').replace(/[?#].*$/, '')
}

/** A file name that is safe on every OS and still readable (Chinese kept). */
export function artifactName(name: string): string {
  return name.replace(/[^\p{L}\p{N}_.-]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 120) || 'screen'
}

/**
 * Whether this run opens the app in large-text mode (长辈模式): `npm run test:e2e -- --large-text`
 * sets it. H5 only: the browser's default font size is raised, which the app follows.
 */
export function largeTextRun(): boolean {
  return process.env.E2E_LARGE_TEXT === '1'
}

/** A target's folder under .artifacts/e2e; a large-text run keeps its screens apart (`h5-large-text`). */
export function artifactDir(target: Target): string {
  return path.join(ARTIFACTS_ROOT, largeTextRun() ? `${target}-large-text` : target)
}

export function artifactPath(target: Target, name: string): string {
  return path.join(artifactDir(target), `${artifactName(name)}.png`)
}

/** `artifactPath`, with its folder made: where a driver writes a screenshot. */
export function screenshotFile(target: Target, name: string): string {
  const file = artifactPath(target, name)
  mkdirSync(path.dirname(file), { recursive: true })
  return file
}

/**
 * Waits until the element's text equals `expected` (or matches the RegExp). On timeout the error
 * quotes what the screen said instead, which is usually the whole diagnosis.
 */
export async function waitForText(driver: Driver, selector: string, expected: string | RegExp, options: WaitOptions = {}): Promise<void> {
  let actual: string | undefined
  const matches = (text: string) => (typeof expected === 'string' ? text === expected : expected.test(text))
  try {
    await pollUntil(
      async () => {
        if (!(await driver.exists(selector))) return false
        actual = await driver.text(selector)
        return matches(actual)
      },
      `${selector} to read ${String(expected)}`,
      options,
    )
  } catch (error) {
    if (!(error instanceof WaitTimeout)) throw error
    const seen = actual === undefined ? 'the element never appeared' : `it reads "${actual}"`
    throw new WaitTimeout(`${error.message}; ${seen}`)
  }
}

/**
 * Finds the item a person would pick by what it says. Things keyed by position (chips whose values
 * are data, list rows, cards: `.e2e-route-platform-0`, `.e2e-activity-card-2`) are numbered from 0;
 * this returns the selector of the first `<prefix>-<i>` whose text (or the text of its `inner`
 * element) is `text`, waiting until one is on screen.
 */
export async function itemReading(driver: Driver, prefix: string, text: string, options: WaitOptions & { inner?: string } = {}): Promise<string> {
  let found = ''
  await pollUntil(
    async () => {
      for (let index = 0; ; index += 1) {
        const item = `${prefix}-${index}`
        if (!(await driver.exists(item))) return false
        if ((await driver.text(options.inner ? `${item} ${options.inner}` : item)) === text) {
          found = item
          return true
        }
      }
    },
    `an item ${prefix}-… reading ${text}`,
    options,
  )
  return found
}
