import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import automator from 'miniprogram-automator'
import { SCREENSHOT_UNSUPPORTED, startEndpoint, type RunningEndpoint } from '../weapp-runtime/endpoint'

/*
 * The headless runtime behind its automation endpoint, driven by the real miniprogram-automator
 * library over a real WebSocket, on a small native mini program (tests/weapp-runtime/fixtures/
 * native-app): WXML with wx:if/for and wxs, bind and catch, an input, a custom component, wx.cloud
 * as the identity in the endpoint URL, mocks, a modal and navigation rules.
 */

const APP_DIR = path.join(__dirname, '..', 'weapp-runtime', 'fixtures', 'native-app')

type MiniProgram = Awaited<ReturnType<typeof automator.connect>>
type Page = NonNullable<Awaited<ReturnType<MiniProgram['currentPage']>>>

/** Stands in for the local cloud's gateway: the dev sign-in sets a cookie, `whoami` answers who called. */
function fakeGateway(): Promise<{ server: Server; url: string; calls: Array<{ fn: string; body: unknown; cookie?: string }> }> {
  const calls: Array<{ fn: string; body: unknown; cookie?: string }> = []
  const server = createServer((request, response) => {
    let body = ''
    request.on('data', (chunk: Buffer) => (body += chunk.toString()))
    request.on('end', () => {
      if (request.url === '/__emulator/signin') {
        const { openid } = JSON.parse(body) as { openid: string }
        response.writeHead(200, { 'set-cookie': `dev=${openid}; HttpOnly`, 'content-type': 'application/json' }).end('{"ok":true}')
        return
      }
      const fn = /^\/fn\/(\w+)$/.exec(request.url ?? '')?.[1]
      if (!fn) return void response.writeHead(404).end('{}')
      calls.push({ fn, body: JSON.parse(body), cookie: request.headers.cookie })
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ openid: request.headers.cookie?.replace(/^dev=/, '') }))
    })
  })
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, calls })))
}

async function until<T>(read: () => Promise<T>, wanted: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 3_000
  for (;;) {
    const value = await read()
    if (wanted(value) || Date.now() > deadline) return value
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

describe('the headless endpoint, driven by miniprogram-automator', () => {
  let gateway: Awaited<ReturnType<typeof fakeGateway>>
  let endpoint: RunningEndpoint
  let miniProgram: MiniProgram
  let page: Page

  const textOf = async (selector: string) => until(async () => (await (await page.$(selector))?.text()) ?? null, (text) => text !== null)

  beforeAll(async () => {
    gateway = await fakeGateway()
    endpoint = await startEndpoint({ distDir: APP_DIR, cloudUrl: gateway.url })
  })

  afterAll(async () => {
    await endpoint.close()
    await new Promise((resolve) => gateway.server.close(resolve))
  })

  beforeEach(async () => {
    miniProgram = await automator.connect({ wsEndpoint: `${endpoint.url}/?openid=demo-staff` })
    page = (await miniProgram.currentPage())!
  })

  afterEach(() => miniProgram.disconnect())

  it('launches the app on connection at its first page', async () => {
    expect(page.path).toBe('pages/home/index')
    expect(await miniProgram.evaluate('function () { return getApp().launchPath }')).toBe('pages/home/index')
  })

  it('finds elements by class, reads text, and re-renders after a tap', async () => {
    const count = (await page.$('.count'))!
    expect(count.tagName).toBe('view')
    expect(await count.text()).toBe('0')
    expect(await textOf('.none')).toBe('none')
    await count.tap()
    expect(await until(() => count.text(), (text) => text === '1')).toBe('1')
    expect(await textOf('.double')).toBe('2')
    expect(await page.$('.one')).not.toBeNull()
    expect(await page.$('.none')).toBeNull()
    expect((await page.$$('.item')).length).toBe(2)
    expect(await textOf('.item-1')).toBe('second')
    expect(await page.data('count')).toBe(1)
  })

  it('keeps an element handle on its element when a sibling before it appears', async () => {
    const second = (await page.$('.item-1'))!
    await (await page.$('.count'))!.tap()
    expect(await until(async () => (await page.$('.tapped')) !== null, (shown) => shown)).toBe(true)
    expect(await second.text()).toBe('second')
  })

  it('bubbles a tap to bound ancestors and stops it at a catch', async () => {
    await (await page.$('.inner'))!.tap()
    await (await page.$('.bubble'))!.tap()
    expect(await until(() => page.data('calls'), (calls) => (calls as string[]).length === 2)).toEqual(['inner:inner', 'outer:bubble/outer'])
  })

  it('types into an input with the input event the keyboard sends', async () => {
    const name = (await page.$('.name'))!
    await (name as unknown as { input(value: string): Promise<void> }).input('陈小妹')
    expect(await until(() => page.data('name'), (value) => value === '陈小妹')).toBe('陈小妹')
    expect(await name.attribute('value')).toBe('陈小妹')
  })

  it('keeps a custom component in its own tree, reached through its host', async () => {
    expect(await page.$('.badge-body')).toBeNull()
    const host = (await page.$('badge')) as unknown as { $(s: string): Promise<{ text(): Promise<string>; tap(): Promise<void> } | null>; data(): Promise<unknown> }
    const body = (await host.$('.badge-body'))!
    expect(await body.text()).toBe('nobody:0')
    await body.tap()
    expect(await until(() => body.text(), (text) => text === 'nobody:1')).toBe('nobody:1')
    expect(await host.data()).toEqual({ label: 'nobody', clicks: 1 })
  })

  it('calls cloud functions as the identity named in the endpoint URL', async () => {
    await (await page.$('.who'))!.tap()
    expect(await until(() => page.data('me'), (me) => me === 'demo-staff')).toBe('demo-staff')
    expect(gateway.calls.at(-1)).toEqual({ fn: 'whoami', body: { hello: 1 }, cookie: 'dev=demo-staff' })
  })

  it('answers native abilities only through mocks, and says so without one', async () => {
    await miniProgram.mockWxMethod('scanCode', { errMsg: 'scanCode:ok', result: 'j.courier' })
    await (await page.$('.scan'))!.tap()
    expect(await until(() => page.data('scanned'), (value) => value === 'j.courier')).toBe('j.courier')
    await miniProgram.restoreWxMethod('scanCode')
    await (await page.$('.scan'))!.tap()
    expect(await until(() => page.data('scanned'), (value) => value !== 'j.courier')).toMatch(/^scanCode:fail .*App\.mockWxMethod/)
  })

  it('leaves a modal open until it is answered through Tool.native', async () => {
    await (await page.$('.ask'))!.tap()
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(await page.data('answer')).toBe('')
    await miniProgram.native().confirmModal()
    expect(await until(() => page.data('answer'), (answer) => answer === 'yes')).toBe('yes')
  })

  it('keeps a page stack with WeChat’s navigation rules', async () => {
    await miniProgram.callWxMethod('navigateTo', { url: '/pages/list/index?from=home' })
    const stack = await miniProgram.pageStack()
    expect(stack.map((entry) => [entry.path, entry.query])).toEqual([
      ['pages/home/index', {}],
      ['pages/list/index', { from: 'home' }],
    ])
    await expect(miniProgram.callWxMethod('navigateTo', { url: '/pages/tab/index' })).rejects.toThrow('navigateTo:fail can not navigateTo a tabbar page')
    await expect(miniProgram.callWxMethod('switchTab', { url: '/pages/list/index' })).rejects.toThrow(/switchTab:fail/)
    await miniProgram.callWxMethod('navigateBack')
    expect((await miniProgram.currentPage())!.path).toBe('pages/home/index')
    await miniProgram.callWxMethod('switchTab', { url: '/pages/tab/index' })
    expect((await miniProgram.pageStack()).map((entry) => entry.path)).toEqual(['pages/tab/index'])
    await expect(miniProgram.callWxMethod('redirectTo', { url: '/pages/nowhere/index' })).rejects.toThrow('redirectTo:fail page "pages/nowhere/index" is not found')
  })

  it('reports an error thrown by a handler to App.onError and runs on', async () => {
    await (await page.$('.boom'))!.tap()
    expect(await miniProgram.evaluate('function () { return getApp().lastError }')).toMatch(/boom in a handler/)
    await (await page.$('.count'))!.tap()
    expect(await until(() => page.data('count'), (count) => count === 1)).toBe(1)
  })

  it('gives each connection its own app and storage', async () => {
    await miniProgram.callWxMethod('setStorageSync', 'draft', { text: '草稿' })
    expect(await miniProgram.callWxMethod('getStorageSync', 'draft')).toEqual({ text: '草稿' })
    const other = await automator.connect({ wsEndpoint: endpoint.url })
    try {
      expect(await other.callWxMethod('getStorageSync', 'draft')).toBe('')
    } finally {
      other.disconnect()
    }
  })

  it('says plainly that it has no pixels, and offers the view as WXML', async () => {
    await expect(miniProgram.screenshot()).rejects.toThrow(SCREENSHOT_UNSUPPORTED)
    const root = (await page.$('page')) as unknown as { outerWxml(): Promise<string> }
    expect(await root.outerWxml()).toMatch(/^<page><view class="home"><view class="count" bindtap="tap">0<\/view>/)
  })
})
