import Taro from '@tarojs/taro'
import type { ButtonProps, CommonEventFunction } from '@tarojs/components'

/**
 * The native abilities pages use (scan, pick photos, subscribe prompts, phone number), behind one
 * typed wrapper so that pages never call Taro for them directly and journey tests can stand in for
 * the user's answer. Every call resolves to an outcome instead of rejecting: a person cancelling is
 * an ordinary result a page must handle, not an exception.
 */

/** What each native ability yields on success (the fields pages read; WeChat adds more). */
export interface NativeResults {
  scanCode: { result: string; scanType: string; path?: string; charSet?: string }
  chooseImage: { tempFilePaths: string[]; tempFiles: { path: string; size: number }[] }
  chooseMedia: { tempFiles: { tempFilePath: string; size: number; fileType: string }[]; type: string }
  requestSubscribeMessage: Record<string, SubscribeDecision>
  getPhoneNumber: { code: string }
  /** GCJ-02, the coordinates WeChat's map and the places function use. */
  getLocation: { longitude: number; latitude: number; accuracy?: number }
  openLocation: Record<string, never>
  chooseLocation: { name: string; address: string; longitude: number; latitude: number }
  makePhoneCall: Record<string, never>
}

export type NativeApi = keyof NativeResults
export type SubscribeDecision = 'accept' | 'reject' | 'ban' | 'filter'

/** A failure as WeChat reports it: `errMsg` is `<api>:fail <reason>`, e.g. `scanCode:fail cancel`. */
export interface NativeFailure {
  errMsg: string
}

export type NativeOutcome<T> = { ok: true; value: T } | { ok: false; cancelled: boolean; errMsg: string }

/**
 * What a journey test installs for an ability in a test build: the success result, or a
 * `NativeFailure` (the user cancelled, denied, or the device failed).
 */
export type NativeStub<A extends NativeApi> = NativeResults[A] | NativeFailure
export type NativeStubs = { [A in NativeApi]?: NativeStub<A> }

/** Where the H5 journey driver puts stubs (`window.__UNIONHUB_E2E_STUBS__`). */
export const E2E_STUBS_KEY = '__UNIONHUB_E2E_STUBS__'

/**
 * Where a test build records what each stubbed ability was asked (`window.__UNIONHUB_E2E_CALLS__`,
 * api → the options of each call), so a journey can check that 导航 opened the place's coordinates.
 */
export const E2E_CALLS_KEY = '__UNIONHUB_E2E_CALLS__'

/** True for a WeChat-style failure payload; a success payload carries `<api>:ok` or no errMsg. */
export function isNativeFailure(value: unknown): value is NativeFailure {
  const errMsg = typeof value === 'object' && value !== null ? (value as { errMsg?: unknown }).errMsg : undefined
  return typeof errMsg === 'string' && errMsg.includes(':fail')
}

function failed(errMsg: string): { ok: false; cancelled: boolean; errMsg: string } {
  // WeChat says "cancel" when the user closes a picker and "deny" when they refuse a permission.
  return { ok: false, cancelled: /cancel|deny/i.test(errMsg), errMsg }
}

function fromStub<A extends NativeApi>(stub: NativeStub<A>): NativeOutcome<NativeResults[A]> {
  return isNativeFailure(stub) ? failed(stub.errMsg) : { ok: true, value: stub as NativeResults[A] }
}

/**
 * True only in test builds: config/index.ts defines `process.env.TARO_APP_E2E` and Taro inlines it.
 * The try keeps a build whose config does not define it working (stubs off): a browser has no
 * `process`, so the bare expression would throw there.
 */
const E2E_BUILD = ((): boolean => {
  try {
    return process.env.TARO_APP_E2E === '1'
  } catch {
    return false
  }
})()

/**
 * The stub for `api`, only in H5 test builds; everywhere else this returns undefined and the
 * lookup is dead code. On DevTools the driver mocks `wx.*` instead.
 */
function e2eStub<A extends NativeApi>(api: A): NativeStub<A> | undefined {
  if (process.env.TARO_ENV !== 'h5' || !E2E_BUILD) return undefined
  const stubs = (globalThis as { [E2E_STUBS_KEY]?: NativeStubs })[E2E_STUBS_KEY]
  return stubs?.[api] as NativeStub<A> | undefined
}

/** Notes what a stubbed ability was asked (test builds only; see E2E_CALLS_KEY). */
function recordE2eCall(api: NativeApi, request: object): void {
  const holder = globalThis as { [E2E_CALLS_KEY]?: Record<string, object[]> }
  const calls = (holder[E2E_CALLS_KEY] ??= {})
  ;(calls[api] ??= []).push(request)
}

async function run<A extends Exclude<NativeApi, 'getPhoneNumber'>>(
  api: A,
  call: () => Promise<NativeResults[A]>,
  request: object = {},
): Promise<NativeOutcome<NativeResults[A]>> {
  const stub = e2eStub(api)
  if (stub !== undefined) {
    recordE2eCall(api, request)
    return fromStub<A>(stub)
  }
  try {
    return { ok: true, value: await call() }
  } catch (error) {
    const errMsg = isNativeFailure(error) ? error.errMsg : `${api}:fail ${error instanceof Error ? error.message : String(error)}`
    return failed(errMsg)
  }
}

/** Opens the camera to scan a QR or bar code (a union's join code, an activity's check-in code). */
export function scanCode(options: { onlyFromCamera?: boolean } = {}) {
  return run('scanCode', async () => {
    const res = await Taro.scanCode({ onlyFromCamera: options.onlyFromCamera ?? false, scanType: ['qrCode', 'barCode'] })
    return { result: res.result, scanType: String(res.scanType), path: res.path, charSet: res.charSet }
  })
}

/**
 * Scans for a page that only needs what was scanned: null when the person cancelled, and null after
 * a short toast when the scan failed.
 */
export async function scanOrNotify(options: { onlyFromCamera?: boolean } = {}): Promise<NativeResults['scanCode'] | null> {
  const outcome = await scanCode(options)
  if (outcome.ok) return outcome.value
  if (!outcome.cancelled) void Taro.showToast({ title: '扫码失败，请重试', icon: 'none' })
  return null
}

/** Picks photos with the older image picker (kept for pages that need `tempFilePaths`). */
export function chooseImage(options: { count: number; sourceType?: Array<'album' | 'camera'> }) {
  return run('chooseImage', async () => {
    const res = await Taro.chooseImage({ count: options.count, sizeType: ['compressed'], sourceType: options.sourceType ?? ['album', 'camera'] })
    return { tempFilePaths: res.tempFilePaths, tempFiles: res.tempFiles.map((file) => ({ path: file.path, size: file.size })) }
  })
}

/** Picks photos (evidence for a complaint) with the current media picker; images only, compressed. */
export function chooseMedia(options: { count: number; sourceType?: Array<'album' | 'camera'> }) {
  return run('chooseMedia', async () => {
    const res = await Taro.chooseMedia({
      count: options.count,
      mediaType: ['image'],
      sizeType: ['compressed'],
      sourceType: options.sourceType ?? ['album', 'camera'],
    })
    return { type: res.type, tempFiles: res.tempFiles.map((file) => ({ tempFilePath: file.tempFilePath, size: file.size, fileType: file.fileType })) }
  })
}

/** Asks the user to allow the given subscribe-message templates; the value maps template id → decision. */
export function requestSubscribeMessage(tmplIds: string[]) {
  return run('requestSubscribeMessage', async () => {
    // Taro's typings mark Alipay's `entityIds` as required; WeChat takes `tmplIds` alone.
    const res = await Taro.requestSubscribeMessage({ tmplIds } as Taro.requestSubscribeMessage.Option)
    const decisions: Record<string, SubscribeDecision> = {}
    for (const id of tmplIds) {
      const decision = (res as unknown as Record<string, unknown>)[id]
      if (decision === 'accept' || decision === 'reject' || decision === 'ban' || decision === 'filter') decisions[id] = decision
    }
    return decisions
  })
}

/**
 * The person's position in GCJ-02 (what the map and the places function use). WeChat asks for
 * permission with the text in app.config's `permission.scope.userLocation`; a refusal is
 * `cancelled` (`getLocation:fail auth deny`), and the page offers a district instead.
 */
export function getLocation() {
  return run('getLocation', async () => {
    const res = await Taro.getLocation({ type: 'gcj02' })
    return { longitude: res.longitude, latitude: res.latitude, accuracy: res.accuracy }
  })
}

/** Opens WeChat's map at a place, from which the person starts navigation in the map app they use. */
export function openLocation(place: { longitude: number; latitude: number; name: string; address: string }) {
  const request = { longitude: place.longitude, latitude: place.latitude, name: place.name, address: place.address, scale: 16 }
  return run(
    'openLocation',
    async () => {
      await Taro.openLocation(request)
      return {}
    },
    request,
  )
}

/**
 * Lets the person pick a spot on WeChat's map (GCJ-02), with its name and address; weapp only (the
 * H5 build would need a Tencent map key, so its pages offer the current position instead).
 */
export function chooseLocation(near?: { longitude: number; latitude: number }) {
  return run('chooseLocation', async () => {
    const res = await Taro.chooseLocation(near ?? {})
    return { name: res.name, address: res.address, longitude: res.longitude, latitude: res.latitude }
  })
}

/** Dials a number (WeChat asks the person first). */
export function makePhoneCall(phoneNumber: string) {
  return run(
    'makePhoneCall',
    async () => {
      await Taro.makePhoneCall({ phoneNumber })
      return {}
    },
    { phoneNumber },
  )
}

export type PhoneNumberButtonProps = Pick<ButtonProps, 'openType' | 'onGetPhoneNumber' | 'onClick'>

/**
 * Props for the Taro `<Button>` that asks WeChat for the user's phone number. On weapp this is the
 * `getPhoneNumber` open-type button: `onResult` gets a one-time code the cloud function exchanges
 * for the number. A browser has no such ability, so on H5 the tap yields the test stub in test
 * builds and a failure otherwise (the page then offers typing the number).
 */
export function phoneNumberButton(onResult: (outcome: NativeOutcome<NativeResults['getPhoneNumber']>) => void): PhoneNumberButtonProps {
  if (process.env.TARO_ENV !== 'h5') {
    const onGetPhoneNumber: CommonEventFunction<ButtonProps.onGetPhoneNumberEventDetail> = (event) => {
      const { errMsg, code } = event.detail
      onResult(!isNativeFailure(event.detail) && code ? { ok: true, value: { code } } : failed(errMsg || 'getPhoneNumber:fail no code'))
    }
    return { openType: 'getPhoneNumber', onGetPhoneNumber }
  }
  return {
    onClick: () => {
      const stub = e2eStub('getPhoneNumber')
      onResult(stub !== undefined ? fromStub<'getPhoneNumber'>(stub) : failed('getPhoneNumber:fail not available in a browser'))
    },
  }
}
