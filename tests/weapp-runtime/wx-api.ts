import { CloudCallError, readTempFile, type CloudTransport } from './local-cloud-client'

/*
 * The `wx` object the app runs against: the part of WeChat's API this project's weapp build uses,
 * behaving as WeChat documents it (callbacks after the call returns, `<api>:ok` / `<api>:fail …`
 * messages, a Promise when no callback is given). Native abilities a machine cannot have (camera,
 * photo picker, WeChat's own subscribe dialog) fail with a message saying how to answer them
 * instead: `App.mockWxMethod`, which the journey driver's `stubNative` uses.
 */

export type NavigationKind = 'navigateTo' | 'redirectTo' | 'reLaunch' | 'switchTab' | 'navigateBack'

/** Options of a callback-style API as the app passes them. */
export interface ApiOptions {
  success?: (result: unknown) => void
  fail?: (result: unknown) => void
  complete?: (result: unknown) => void
  [key: string]: unknown
}

/** What the runtime gives the API: navigation, the cloud, recording, and moving values into the app's realm. */
export interface WxHost {
  navigate(kind: NavigationKind, options: ApiOptions): Promise<void>
  readonly cloud: CloudTransport
  /** Records a toast, modal, loading, call or preview the person would have seen. */
  record(api: string, options: Record<string, unknown>): void
  /** Shows a modal and waits for `Tool.native` confirmModal / cancelModal. */
  openModal(): Promise<{ confirm: boolean; cancel: boolean }>
  /** Elements of the current page matching a selector, for `createSelectorQuery`. */
  select(selector: string, all: boolean): Array<{ id: string; dataset: Record<string, unknown> }>
  launchOptions(): Record<string, unknown>
  /** A JSON value as an object of the app's own realm, so `instanceof Object` holds inside. */
  toSandbox<T>(value: T): T
  /** A Promise of the app's realm, for APIs called without callbacks. */
  promise<T>(executor: (resolve: (value: T) => void, reject: (reason: unknown) => void) => void): Promise<T>
  /** Runs `callback` later, unless the app has been closed by then; errors go to the app's onError. */
  later(callback: () => void): void
}

/** Storage limits WeChat enforces: 1 MB per key, 10 MB in all. */
const MAX_ITEM_BYTES = 1024 * 1024
const MAX_TOTAL_BYTES = 10 * 1024 * 1024

/** The phone the runtime pretends to be: the H5 leg's size (375×812 at 2×). */
export const SYSTEM_INFO = {
  brand: 'devtools',
  model: 'iPhone X',
  pixelRatio: 2,
  screenWidth: 375,
  screenHeight: 812,
  windowWidth: 375,
  windowHeight: 812,
  statusBarHeight: 44,
  language: 'zh_CN',
  version: '8.0.50',
  system: 'iOS 16.0',
  platform: 'devtools',
  SDKVersion: '3.7.0',
  fontSizeSetting: 16,
  theme: 'light',
  safeArea: { left: 0, right: 375, top: 44, bottom: 778, width: 375, height: 734 },
} as const

const NO_CAMERA = 'the headless runtime has no camera, location, photo picker or WeChat dialog; answer it with App.mockWxMethod (driver.stubNative in a journey)'

function messageOf(error: unknown): string {
  if (typeof error === 'object' && error !== null && typeof (error as { errMsg?: unknown }).errMsg === 'string') return (error as { errMsg: string }).errMsg
  return error instanceof Error ? error.message : String(error)
}

/**
 * A WeChat-style async API: `success`/`fail` and `complete` run after the call returns, or, without
 * callbacks, the call returns a Promise. `run` returns the result's fields; throwing fails the call.
 */
function asyncApi(host: WxHost, name: string, run: (options: ApiOptions) => unknown): (options?: ApiOptions) => unknown {
  return (options: ApiOptions = {}) => {
    const settled = (async () => run(options))().then(
      (value) => ({ ok: true, result: host.toSandbox({ errMsg: `${name}:ok`, ...((value as object | undefined) ?? {}) }) }),
      (error: unknown) => {
        const message = messageOf(error)
        return { ok: false, result: host.toSandbox({ errMsg: message.startsWith(`${name}:fail`) ? message : `${name}:fail ${message}` }) }
      },
    )
    const hasCallbacks = ['success', 'fail', 'complete'].some((key) => typeof options[key] === 'function')
    void settled.then(({ ok, result }) =>
      host.later(() => {
        if (ok) options.success?.(result)
        else options.fail?.(result)
        options.complete?.(result)
      }),
    )
    if (hasCallbacks) return undefined
    return host.promise<unknown>((resolve, reject) => void settled.then(({ ok, result }) => (ok ? resolve(result) : reject(result))))
  }
}

function listenerApi(): () => void {
  return () => undefined
}

/** Key → JSON text, with WeChat's per-key and total limits. */
class Storage {
  private readonly items = new Map<string, string>()

  set(key: unknown, value: unknown): void {
    if (typeof key !== 'string' || key === '') throw new Error('key 必须是非空字符串')
    const text = JSON.stringify(value === undefined ? null : value)
    const size = (s: string) => Buffer.byteLength(s)
    if (size(text) > MAX_ITEM_BYTES) throw new Error('exceed storage item max length')
    const total = [...this.items].reduce((sum, [k, v]) => sum + (k === key ? 0 : size(k) + size(v)), 0) + size(key) + size(text)
    if (total > MAX_TOTAL_BYTES) throw new Error('exceed storage max size 10Mb')
    this.items.set(key, text)
  }

  get(key: unknown): { found: boolean; value: unknown } {
    const text = typeof key === 'string' ? this.items.get(key) : undefined
    return text === undefined ? { found: false, value: '' } : { found: true, value: JSON.parse(text) as unknown }
  }

  remove(key: unknown): void {
    if (typeof key === 'string') this.items.delete(key)
  }

  clear(): void {
    this.items.clear()
  }

  info(): { keys: string[]; currentSize: number; limitSize: number } {
    const bytes = [...this.items].reduce((sum, [k, v]) => sum + Buffer.byteLength(k) + Buffer.byteLength(v), 0)
    return { keys: [...this.items.keys()], currentSize: Math.ceil(bytes / 1024), limitSize: MAX_TOTAL_BYTES / 1024 }
  }
}

/** `wx.createSelectorQuery()`: finds elements in the view model; there is no layout, so every rectangle is zero. */
function selectorQuery(host: WxHost) {
  const requests: Array<{ selector: string | null; all: boolean; callback?: (result: unknown) => void }> = []
  const zeroRect = { left: 0, right: 0, top: 0, bottom: 0, width: 0, height: 0, scrollLeft: 0, scrollTop: 0, scrollWidth: 0, scrollHeight: 0 }
  const nodes = (selector: string | null, all: boolean) => {
    const push = (callback?: (result: unknown) => void) => {
      requests.push({ selector, all, callback })
      return query
    }
    return { boundingClientRect: push, scrollOffset: push, fields: (_fields: unknown, callback?: (r: unknown) => void) => push(callback), node: push, context: push }
  }
  const query = {
    in: () => query,
    select: (selector: string) => nodes(selector, false),
    selectAll: (selector: string) => nodes(selector, true),
    selectViewport: () => nodes(null, false),
    exec(callback?: (results: unknown[]) => void) {
      const results = requests.map(({ selector, all }) => {
        if (selector === null) return { ...zeroRect, width: SYSTEM_INFO.windowWidth, height: SYSTEM_INFO.windowHeight }
        const found = host.select(selector, all).map((element) => ({ ...element, ...zeroRect }))
        return all ? found : (found[0] ?? null)
      })
      host.later(() => {
        requests.forEach((request, index) => request.callback?.(host.toSandbox(results[index])))
        callback?.(host.toSandbox(results))
      })
      return query
    },
  }
  return query
}

export function createWx(host: WxHost): Record<string, unknown> {
  const storage = new Storage()
  let clipboard = ''
  const api = (name: string, run: (options: ApiOptions) => unknown) => asyncApi(host, name, run)
  const recorded = (name: string) =>
    api(name, (options) => {
      host.record(name, options)
      return {}
    })
  const navigation = (kind: NavigationKind) => api(kind, (options) => host.navigate(kind, options))
  const unavailable = (name: string) =>
    api(name, () => {
      throw new Error(NO_CAMERA)
    })
  const sync =
    <A extends unknown[]>(name: string, run: (...args: A) => unknown) =>
    (...args: A) => {
      try {
        return host.toSandbox(run(...args))
      } catch (error) {
        throw new Error(`${name}:fail ${messageOf(error)}`)
      }
    }
  const systemInfo = () => ({ ...SYSTEM_INFO })

  const cloud = {
    init: (options: Record<string, unknown> = {}) => host.record('cloud.init', options),
    callFunction: api('cloud.callFunction', async (options) => {
      if (typeof options.name !== 'string' || options.name === '') throw new CloudCallError('name 必须是云函数名')
      const result = await host.cloud.callFunction(options.name, options.data ?? {})
      return { result, requestID: `headless-${Date.now().toString(36)}` }
    }),
    uploadFile(options: ApiOptions = {}) {
      const progress = new Set<(event: unknown) => void>()
      const promise = api('cloud.uploadFile', async () => {
        if (typeof options.cloudPath !== 'string' || typeof options.filePath !== 'string') throw new CloudCallError('cloudPath 与 filePath 必填')
        const data = readTempFile(options.filePath)
        const fileID = await host.cloud.uploadFile(options.cloudPath, data)
        // No network to watch: one progress event at the end, as a fast upload reports.
        for (const listener of progress) host.later(() => listener(host.toSandbox({ progress: 100, totalBytesSent: data.length, totalBytesExpectedToSend: data.length })))
        return { fileID, statusCode: 200 }
      })(options)
      const task = {
        onProgressUpdate: (listener: (event: unknown) => void) => void progress.add(listener),
        offProgressUpdate: (listener: (event: unknown) => void) => void progress.delete(listener),
        abort: () => undefined,
      }
      return promise === undefined ? task : Object.assign(promise as object, task)
    },
    getTempFileURL: api('cloud.getTempFileURL', () => {
      throw new Error('not modelled by the headless runtime; the app asks its functions for download links')
    }),
    downloadFile: api('cloud.downloadFile', () => {
      throw new Error('not modelled by the headless runtime')
    }),
    deleteFile: api('cloud.deleteFile', () => {
      throw new Error('not modelled by the headless runtime')
    }),
    database: () => {
      throw new Error('wx.cloud.database: the client never reads the database directly in this project (DESIGN §3); not modelled')
    },
  }

  const wx: Record<string, unknown> = {
    navigateTo: navigation('navigateTo'),
    redirectTo: navigation('redirectTo'),
    reLaunch: navigation('reLaunch'),
    switchTab: navigation('switchTab'),
    navigateBack: navigation('navigateBack'),

    setStorageSync: sync('setStorageSync', (key: unknown, value: unknown) => storage.set(key, value)),
    getStorageSync: sync('getStorageSync', (key: unknown) => storage.get(key).value),
    removeStorageSync: sync('removeStorageSync', (key: unknown) => storage.remove(key)),
    clearStorageSync: sync('clearStorageSync', () => storage.clear()),
    getStorageInfoSync: sync('getStorageInfoSync', () => storage.info()),
    setStorage: api('setStorage', (options) => void storage.set(options.key, options.data)),
    getStorage: api('getStorage', (options) => {
      const { found, value } = storage.get(options.key)
      if (!found) throw new Error('data not found')
      return { data: value }
    }),
    removeStorage: api('removeStorage', (options) => void storage.remove(options.key)),
    clearStorage: api('clearStorage', () => void storage.clear()),
    getStorageInfo: api('getStorageInfo', () => storage.info()),

    showToast: recorded('showToast'),
    hideToast: recorded('hideToast'),
    showLoading: recorded('showLoading'),
    hideLoading: recorded('hideLoading'),
    showModal: api('showModal', (options) => {
      host.record('showModal', options)
      return host.openModal()
    }),
    showActionSheet: api('showActionSheet', (options) => {
      host.record('showActionSheet', options)
      throw new Error('cancel (the headless runtime cannot pick an item; mock showActionSheet to choose one)')
    }),
    setNavigationBarTitle: recorded('setNavigationBarTitle'),
    setNavigationBarColor: recorded('setNavigationBarColor'),
    showNavigationBarLoading: recorded('showNavigationBarLoading'),
    hideNavigationBarLoading: recorded('hideNavigationBarLoading'),
    pageScrollTo: api('pageScrollTo', () => ({})),
    startPullDownRefresh: api('startPullDownRefresh', () => ({})),
    stopPullDownRefresh: api('stopPullDownRefresh', () => ({})),
    hideKeyboard: api('hideKeyboard', () => ({})),
    vibrateShort: api('vibrateShort', () => ({})),
    makePhoneCall: recorded('makePhoneCall'),
    openLocation: recorded('openLocation'),
    previewImage: recorded('previewImage'),
    setClipboardData: api('setClipboardData', (options) => {
      clipboard = String(options.data ?? '')
      host.record('setClipboardData', options)
      return {}
    }),
    getClipboardData: api('getClipboardData', () => ({ data: clipboard })),

    scanCode: unavailable('scanCode'),
    chooseImage: unavailable('chooseImage'),
    chooseMedia: unavailable('chooseMedia'),
    requestSubscribeMessage: unavailable('requestSubscribeMessage'),
    // Where the person is cannot be known headless; a journey stubs a position (or a refusal).
    getLocation: unavailable('getLocation'),
    chooseLocation: unavailable('chooseLocation'),

    getSystemInfoSync: sync('getSystemInfoSync', systemInfo),
    getSystemInfo: api('getSystemInfo', systemInfo),
    getWindowInfo: sync('getWindowInfo', systemInfo),
    getDeviceInfo: sync('getDeviceInfo', systemInfo),
    getAppBaseInfo: sync('getAppBaseInfo', systemInfo),
    getSystemSetting: sync('getSystemSetting', () => ({ bluetoothEnabled: false, locationEnabled: false, wifiEnabled: true, deviceOrientation: 'portrait' })),
    getAppAuthorizeSetting: sync('getAppAuthorizeSetting', () => ({ cameraAuthorized: 'not determined', albumAuthorized: 'not determined' })),
    getAccountInfoSync: sync('getAccountInfoSync', () => ({ miniProgram: { appId: 'touristappid', envVersion: 'develop', version: '' } })),
    getMenuButtonBoundingClientRect: sync('getMenuButtonBoundingClientRect', () => ({ width: 87, height: 32, top: 48, right: 368, bottom: 80, left: 281 })),
    getLaunchOptionsSync: sync('getLaunchOptionsSync', () => host.launchOptions()),
    getEnterOptionsSync: sync('getEnterOptionsSync', () => host.launchOptions()),
    getNetworkType: api('getNetworkType', () => ({ networkType: 'wifi' })),
    canIUse: (schema: unknown) => typeof schema === 'string' && (!/^[a-z]/i.test(schema) || schema.includes('.') || typeof wx[schema] !== 'undefined'),
    nextTick: (callback: () => void) => host.later(callback),
    createSelectorQuery: () => selectorQuery(host),
    createIntersectionObserver: () => {
      // No layout, so nothing ever intersects: observe() never calls back.
      const observer = { relativeTo: () => observer, relativeToViewport: () => observer, observe: () => undefined, disconnect: () => undefined }
      return observer
    },
    getUpdateManager: () => ({ onCheckForUpdate: listenerApi(), onUpdateReady: listenerApi(), onUpdateFailed: listenerApi(), applyUpdate: listenerApi() }),
    onAppShow: listenerApi(),
    offAppShow: listenerApi(),
    onAppHide: listenerApi(),
    offAppHide: listenerApi(),
    onError: listenerApi(),
    offError: listenerApi(),
    onUnhandledRejection: listenerApi(),
    offUnhandledRejection: listenerApi(),
    onPageNotFound: listenerApi(),
    offPageNotFound: listenerApi(),
    onNetworkStatusChange: listenerApi(),
    offNetworkStatusChange: listenerApi(),
    onMemoryWarning: listenerApi(),
    onWindowResize: listenerApi(),
    offWindowResize: listenerApi(),

    cloud,
  }
  return wx
}
