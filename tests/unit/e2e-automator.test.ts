import { spawnSync } from 'node:child_process'
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { REPO_ROOT, WaitTimeout } from '../e2e/driver'
import {
  createAutomatorDriver,
  DEVTOOLS_MISSING,
  devtoolsLaunchOptions,
  findElement,
  type AutomatorElement,
  type AutomatorMiniProgram,
  type AutomatorPage,
} from '../e2e/drivers/automator'

/*
 * Fakes that behave as miniprogram-automator documents: every custom component has its own shadow
 * tree; `page.$`/`page.$$` search the page's tree only (null for an element inside a component);
 * `element.$`/`element.$$` on a custom component search its shadow tree, on a plain element its
 * subtree in the same tree. Neither crosses into a nested component's shadow tree.
 */

interface NodeSpec {
  tag: string
  className?: string
  id?: string
  text?: string
  attrs?: Record<string, string>
  /** A custom component: its children form its shadow tree. */
  custom?: boolean
  children?: NodeSpec[]
}

interface Calls {
  tapped: string[]
  inputs: Array<{ node: string; value: string }>
  triggered: Array<{ node: string; type: string; detail?: object }>
}

function label(node: NodeSpec): string {
  return node.id ? `#${node.id}` : node.className ? `.${node.className.split(' ').join('.')}` : node.tag
}

function matches(node: NodeSpec, selector: string): boolean {
  const tokens = selector.match(/[.#]?[A-Za-z0-9_-]+/g) ?? []
  return tokens.every((token) => {
    if (token.startsWith('.')) return (node.className ?? '').split(/\s+/).includes(token.slice(1))
    if (token.startsWith('#')) return node.id === token.slice(1)
    return node.tag === token
  })
}

/** Matches below `roots` in one tree: a custom host can match, but its shadow children are another tree. */
function searchTree(roots: NodeSpec[], selector: string): NodeSpec[] {
  const found: NodeSpec[] = []
  const walk = (node: NodeSpec) => {
    if (matches(node, selector)) found.push(node)
    if (!node.custom) for (const child of node.children ?? []) walk(child)
  }
  for (const root of roots) walk(root)
  return found
}

function fakeElement(node: NodeSpec, calls: Calls): AutomatorElement {
  const scope = () => node.children ?? []
  const element: AutomatorElement = {
    tagName: node.tag,
    async $(selector) {
      const [hit] = searchTree(scope(), selector)
      return hit ? fakeElement(hit, calls) : null
    },
    async $$(selector) {
      return searchTree(scope(), selector).map((hit) => fakeElement(hit, calls))
    },
    async tap() {
      calls.tapped.push(label(node))
    },
    async text() {
      return node.text ?? ''
    },
    async attribute(name) {
      return node.attrs?.[name] ?? ''
    },
    async trigger(type, detail) {
      calls.triggered.push({ node: label(node), type, detail })
    },
  }
  if (node.tag === 'input' || node.tag === 'textarea') {
    element.input = async (value: string) => {
      calls.inputs.push({ node: label(node), value })
    }
  }
  return element
}

function fakePage(pagePath: string, body: NodeSpec[], calls: Calls): AutomatorPage {
  return {
    path: pagePath,
    async $(selector) {
      const [hit] = searchTree(body, selector)
      return hit ? fakeElement(hit, calls) : null
    },
    async $$(selector) {
      return searchTree(body, selector).map((hit) => fakeElement(hit, calls))
    },
  }
}

const comp = (...children: NodeSpec[]): NodeSpec => ({ tag: 'comp', custom: true, children })
const wrapper = (...children: NodeSpec[]): NodeSpec => ({ tag: 'custom-wrapper', custom: true, children })
const view = (className: string, children: NodeSpec[] = [], text?: string): NodeSpec => ({ tag: 'view', className, children, text })

/** A Taro-like page: a shallow service list, and a deep status card rendered through nested components. */
function taroMePage(): NodeSpec[] {
  return [
    view('page e2e-me', [
      view('e2e-service-join', [], '入会'),
      view('outer', [
        comp(
          view('level', [
            wrapper(
              view('card e2e-card', [
                comp(view('me__status e2e-membership-status', [], '  还不是会员 ')),
                { tag: 'input', className: 'e2e-name-input' },
                view('e2e-name-field', [{ tag: 'view', children: [comp({ tag: 'input', className: 'inner' })] }]),
                { tag: 'button', className: 'e2e-phone', attrs: { 'open-type': 'getPhoneNumber' } },
              ]),
            ),
          ]),
        ),
      ]),
    ]),
  ]
}

function newCalls(): Calls {
  return { tapped: [], inputs: [], triggered: [] }
}

describe('element lookup through Taro custom components', () => {
  it('the fake behaves as documented: page.$ does not see inside a custom component, the host does', async () => {
    const calls = newCalls()
    const page = fakePage('pages/me/index', taroMePage(), calls)
    expect(await page.$('.e2e-membership-status')).toBeNull()
    const [host] = await page.$$('comp')
    expect(host).toBeDefined()
    expect(await host!.$('.e2e-membership-status')).toBeNull() // two components further down
    expect(await host!.$('custom-wrapper')).not.toBeNull()
  })

  it('finds an element in the page tree directly', async () => {
    const page = fakePage('pages/me/index', taroMePage(), newCalls())
    const found = await findElement(page, '.e2e-service-join')
    expect(await found?.text()).toBe('入会')
  })

  it('finds an element nested in comp → custom-wrapper → comp', async () => {
    const page = fakePage('pages/me/index', taroMePage(), newCalls())
    const found = await findElement(page, '.e2e-membership-status')
    expect(await found?.text()).toBe('  还不是会员 ')
  })

  it('resolves a descendant chain step by step across component boundaries', async () => {
    const page = fakePage('pages/me/index', taroMePage(), newCalls())
    expect(await findElement(page, '.e2e-card .e2e-membership-status')).not.toBeNull()
    expect(await findElement(page, '.e2e-service-join .e2e-membership-status')).toBeNull()
  })

  it('returns null for a missing element after a bounded search, even with deep nesting', async () => {
    let deep: NodeSpec = view('leaf')
    for (let i = 0; i < 30; i += 1) deep = comp(deep)
    const page = fakePage('pages/x/index', [deep], newCalls())
    expect(await findElement(page, '.e2e-nowhere')).toBeNull()
  })

  it('rejects selectors that would not survive the weapp build', async () => {
    const page = fakePage('pages/me/index', taroMePage(), newCalls())
    await expect(findElement(page, 'view')).rejects.toThrow(/\.e2e-/)
    await expect(findElement(page, '.me__status')).rejects.toThrow(/\.e2e-/)
    await expect(findElement(page, '[data-x="1"]')).rejects.toThrow(/\.e2e-/)
  })
})

describe('DevTools launch options', () => {
  const alwaysExecutable = () => true

  it('builds cliPath, the repo root as projectPath, and the default port 9420', () => {
    const result = devtoolsLaunchOptions({ WECHAT_DEVTOOLS_CLI: '/opt/devtools/cli' }, REPO_ROOT, alwaysExecutable)
    expect(result).toEqual({
      ok: true,
      options: { cliPath: '/opt/devtools/cli', projectPath: REPO_ROOT, port: 9420, trustProject: true, timeout: 90_000 },
    })
  })

  it('defaults projectPath to the folder holding project.config.json, the repo root', () => {
    const result = devtoolsLaunchOptions({ WECHAT_DEVTOOLS_CLI: '/opt/devtools/cli' }, undefined, alwaysExecutable)
    expect(result.ok && result.options.projectPath).toBe(path.resolve(__dirname, '..', '..'))
  })

  it('takes the port from WECHAT_DEVTOOLS_PORT and rejects a bad one', () => {
    const env = { WECHAT_DEVTOOLS_CLI: '/opt/devtools/cli', WECHAT_DEVTOOLS_PORT: '9555' }
    const result = devtoolsLaunchOptions(env, REPO_ROOT, alwaysExecutable)
    expect(result.ok && result.options.port).toBe(9555)
    const bad = devtoolsLaunchOptions({ ...env, WECHAT_DEVTOOLS_PORT: 'abc' }, REPO_ROOT, alwaysExecutable)
    expect(bad).toEqual({ ok: false, message: expect.stringContaining('WECHAT_DEVTOOLS_PORT=abc') })
  })

  it('says in one line what to install and which variable to set when the cli is unset', () => {
    const result = devtoolsLaunchOptions({}, REPO_ROOT, alwaysExecutable)
    expect(result).toEqual({ ok: false, message: DEVTOOLS_MISSING })
    if (result.ok) return
    expect(result.message).not.toContain('\n')
    expect(result.message).toMatch(/install WeChat DevTools/)
    expect(result.message).toMatch(/WECHAT_DEVTOOLS_CLI/)
  })

  it('rejects a cli path that is not an executable file', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'e2e-cli-'))
    try {
      const cli = path.join(dir, 'cli')
      writeFileSync(cli, '#!/bin/sh\n')
      chmodSync(cli, 0o644)
      const notExecutable = devtoolsLaunchOptions({ WECHAT_DEVTOOLS_CLI: cli }, REPO_ROOT)
      expect(notExecutable).toEqual({ ok: false, message: expect.stringContaining(`WECHAT_DEVTOOLS_CLI=${cli} is not an executable file`) })
      chmodSync(cli, 0o755)
      expect(devtoolsLaunchOptions({ WECHAT_DEVTOOLS_CLI: cli }, REPO_ROOT).ok).toBe(true)
      expect(devtoolsLaunchOptions({ WECHAT_DEVTOOLS_CLI: dir }, REPO_ROOT).ok).toBe(false)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('the real automator.launch starts the cli as `auto --project <repo root> --auto-port <port> --trust-project`', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'e2e-cli-'))
    const port = await new Promise<number>((resolve) => {
      const server = net.createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = server.address() as net.AddressInfo
        server.close(() => resolve(free))
      })
    })
    const record = path.join(dir, 'args.txt')
    const cli = path.join(dir, 'cli')
    // Stands in for DevTools' cli: records how it was called and exits without opening a port.
    writeFileSync(cli, `#!/bin/sh\nprintf '%s\\n' "$@" > '${record}'\n`)
    chmodSync(cli, 0o755)
    try {
      const result = devtoolsLaunchOptions({ WECHAT_DEVTOOLS_CLI: cli, WECHAT_DEVTOOLS_PORT: String(port) }, REPO_ROOT)
      if (!result.ok) throw new Error(result.message)
      // In a child process, because the library leaves a 15 s timer behind once the cli exits.
      // Nothing answers on the port, so launch gives up after the short timeout.
      const script = `require('miniprogram-automator').launch(${JSON.stringify({ ...result.options, timeout: 1_500 })})
        .then(() => console.log('connected'), (error) => console.log(error.message)).then(() => process.exit(0))`
      const child = spawnSync(process.execPath, ['-e', script], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 15_000 })
      expect(child.stdout.trim()).toBe('Wait timed out after 1500 ms')
      expect(readFileSync(record, 'utf8').trim().split('\n')).toEqual(['auto', '--project', REPO_ROOT, '--auto-port', String(port), '--trust-project'])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 20_000)
})

describe('the DevTools driver', () => {
  function setup(initial: NodeSpec[] = taroMePage()) {
    const calls = newCalls()
    let body = initial
    let currentPath = 'pages/index/index'
    const mocks: Array<{ method: string; result: unknown; args: unknown[] }> = []
    const restored: string[] = []
    const launched: string[] = []
    let disconnected = false
    const miniProgram: AutomatorMiniProgram = {
      async callWxMethod(method, ...args) {
        if (method !== 'reLaunch') throw new Error(`unexpected wx.${method}`)
        const { url } = args[0] as { url: string }
        launched.push(url)
        currentPath = url.replace(/^\//, '').replace(/\?.*$/, '')
        return {}
      },
      async currentPage() {
        return fakePage(currentPath, body, calls)
      },
      async mockWxMethod(method, result, ...args) {
        mocks.push({ method, result, args })
      },
      async evaluate(source, ...args) {
        // What the app would hold after the mocks ran: the calls recorded under the key.
        return (new Function(`return (${source})`)() as (...a: unknown[]) => unknown)(...args)
      },
      async restoreWxMethod(method) {
        restored.push(method)
      },
      async screenshot() {},
      disconnect() {
        disconnected = true
      },
      async close() {},
    }
    const logs: string[] = []
    const driver = createAutomatorDriver({ miniProgram, log: (line) => logs.push(line) })
    return {
      driver,
      calls,
      mocks,
      restored,
      launched,
      logs,
      setBody: (next: NodeSpec[]) => (body = next),
      isDisconnected: () => disconnected,
    }
  }

  it('opens a route with reLaunch and reports it as the current route', async () => {
    const { driver, launched } = setup()
    await driver.open('pages/me/index', { x: 1 })
    expect(launched).toEqual(['/pages/me/index?x=1'])
    expect(await driver.currentRoute()).toBe('pages/me/index')
  })

  it('taps, reads text and fills through nested components', async () => {
    const { driver, calls } = setup()
    expect(await driver.text('.e2e-membership-status')).toBe('还不是会员')
    await driver.tap('.e2e-service-join')
    await driver.fill('.e2e-name-input', '张三')
    await driver.fill('.e2e-name-field', '李四')
    expect(calls.tapped).toEqual(['.e2e-service-join'])
    expect(calls.inputs).toEqual([
      { node: '.e2e-name-input', value: '张三' },
      { node: '.inner', value: '李四' },
    ])
  })

  it('waits for an element that appears later, and gives up after the timeout', async () => {
    const { driver, setBody } = setup([])
    setTimeout(() => setBody(taroMePage()), 150)
    await driver.waitFor('.e2e-membership-status', { timeoutMs: 2_000, intervalMs: 20 })
    const started = Date.now()
    await expect(driver.waitFor('.e2e-never', { timeoutMs: 200, intervalMs: 20 })).rejects.toThrow(WaitTimeout)
    expect(Date.now() - started).toBeGreaterThanOrEqual(190)
    process.env.E2E_TIMEOUT_MS = '200'
    try {
      await expect(driver.tap('.e2e-never')).rejects.toThrow(/waited 200 ms for \.e2e-never/) // actions wait too
    } finally {
      delete process.env.E2E_TIMEOUT_MS
    }
  })

  it('waits for a condition with a timeout', async () => {
    const { driver } = setup()
    let ready = false
    setTimeout(() => (ready = true), 50)
    await driver.waitFor(() => ready, { timeoutMs: 1_000, intervalMs: 10 })
    await expect(driver.waitFor(() => false, { timeoutMs: 100, intervalMs: 10 })).rejects.toThrow(/waited 100 ms for condition/)
  })

  it('stubs wx APIs with mockWxMethod: a recording mock for success, a failing mock for cancel', async () => {
    const { driver, mocks } = setup()
    await driver.stubNative('scanCode', { result: 'union:u1', scanType: 'QR_CODE' })
    await driver.stubNative('chooseMedia', { errMsg: 'chooseMedia:fail cancel' })
    expect(mocks[0]?.method).toBe('scanCode')
    expect(mocks[0]?.args).toEqual([{ result: 'union:u1', scanType: 'QR_CODE' }, 'scanCode', '__UNIONHUB_E2E_CALLS__'])
    // The success mock answers with the stub and notes what it was asked, for nativeCalls.
    const succeed = new Function(`return (${String(mocks[0]?.result)})`)() as (options: object, ...args: unknown[]) => Promise<unknown>
    const answers: unknown[] = []
    await succeed({ onlyFromCamera: true, success: (res: unknown) => answers.push(res) }, ...(mocks[0]?.args ?? []))
    expect(answers).toEqual([{ errMsg: 'scanCode:ok', result: 'union:u1', scanType: 'QR_CODE' }])
    expect(await driver.nativeCalls('scanCode')).toEqual([{ onlyFromCamera: true }])
    delete (globalThis as Record<string, unknown>).__UNIONHUB_E2E_CALLS__
    expect(mocks[1]?.method).toBe('chooseMedia')
    expect(mocks[1]?.args).toEqual(['chooseMedia:fail cancel'])
    // The failing mock is source text run inside the app: it calls fail and complete, never success.
    const mock = new Function(`return (${String(mocks[1]?.result)})`)() as (options: object, errMsg: string) => Promise<unknown>
    const seen: string[] = []
    const pending = mock({ success: () => seen.push('success'), fail: (r: { errMsg: string }) => seen.push(`fail ${r.errMsg}`), complete: () => seen.push('complete') }, 'chooseMedia:fail cancel')
    expect(pending).toBeInstanceOf(Promise)
    expect(seen).toEqual(['fail chooseMedia:fail cancel', 'complete'])
  })

  it('answers a getPhoneNumber button by firing its event with the stub instead of tapping', async () => {
    const { driver, calls } = setup()
    await driver.stubNative('getPhoneNumber', { code: 'phone-code-1' })
    await driver.tap('.e2e-phone')
    expect(calls.tapped).toEqual([])
    expect(calls.triggered).toEqual([{ node: '.e2e-phone', type: 'getphonenumber', detail: { errMsg: 'getPhoneNumber:ok', code: 'phone-code-1' } }])
    await driver.stubNative('getPhoneNumber', { errMsg: 'getPhoneNumber:fail user deny' })
    await driver.tap('.e2e-phone')
    expect(calls.triggered[1]?.detail).toEqual({ errMsg: 'getPhoneNumber:fail user deny' })
  })

  it('signIn is a no-op that says why, once; close restores mocks and detaches', async () => {
    const { driver, logs, mocks, restored, isDisconnected } = setup()
    await driver.signIn('demo-worker')
    await driver.signIn('demo-worker')
    expect(logs).toHaveLength(1)
    expect(logs[0]).toMatch(/does nothing on DevTools/)
    expect(mocks).toHaveLength(0)
    await driver.stubNative('requestSubscribeMessage', { tmpl1: 'accept' })
    await driver.close()
    expect(restored).toEqual(['requestSubscribeMessage'])
    expect(isDisconnected()).toBe(true)
  })
})

describe('the driver on the headless weapp runtime', () => {
  /** One fake connection per person, as the endpoint launches one app per connection. */
  function connection(openid: string, log: string[]) {
    let current = { path: 'pages/index/index', query: {} as Record<string, string> }
    const miniProgram: AutomatorMiniProgram = {
      async callWxMethod(method, ...args) {
        const { url } = args[0] as { url: string }
        log.push(`${openid} ${method} ${url}`)
        const [route = '', search = ''] = url.replace(/^\//, '').split('?')
        current = { path: route, query: Object.fromEntries(search.split('&').filter(Boolean).map((pair) => pair.split('=') as [string, string])) }
        return {}
      },
      async currentPage() {
        const page = fakePage(current.path, [{ tag: 'page', children: [view('e2e-home', [], '首页')] }], newCalls())
        const rootElement = await page.$('page')
        return {
          ...page,
          query: current.query,
          $: async (selector: string) => (selector === 'page' && rootElement ? { ...rootElement, outerWxml: async () => `<page><view class="e2e-home">首页 of ${openid}</view></page>` } : page.$(selector)),
        }
      },
      async mockWxMethod(method) {
        log.push(`${openid} mock ${method}`)
      },
      async evaluate() {
        return []
      },
      async restoreWxMethod(method) {
        log.push(`${openid} restore ${method}`)
      },
      async screenshot() {
        throw new Error('no pixels')
      },
      disconnect() {
        log.push(`${openid} disconnect`)
      },
      async close() {},
    }
    return miniProgram
  }

  it('signIn connects again as that person, reinstalls the stubs and reopens the page with its query as received', async () => {
    const log: string[] = []
    const driver = createAutomatorDriver({ miniProgram: connection('visitor', log), target: 'weapp', connectAs: async (openid) => connection(openid, log) })
    expect(driver.target).toBe('weapp')
    await driver.open('subpackages/join/pages/start/index', { scene: 'j.courier' })
    await driver.stubNative('requestSubscribeMessage', { tmpl: 'accept' })
    await driver.signIn('demo-worker')
    expect(await driver.currentRoute()).toBe('subpackages/join/pages/start/index')
    await driver.close()
    expect(log).toEqual([
      'visitor reLaunch /subpackages/join/pages/start/index?scene=j.courier',
      'visitor mock requestSubscribeMessage',
      'visitor disconnect',
      'demo-worker mock requestSubscribeMessage',
      'demo-worker reLaunch /subpackages/join/pages/start/index?scene=j.courier',
      'demo-worker restore requestSubscribeMessage',
      'demo-worker disconnect',
    ])
  })

  it('saves the page’s view model as an HTML file instead of a screenshot', async () => {
    const driver = createAutomatorDriver({ miniProgram: connection('demo-member', []), target: 'weapp', connectAs: async (openid) => connection(openid, []) })
    const file = await driver.screenshot('headless-driver-unit-test')
    try {
      expect(file).toMatch(/\.artifacts\/e2e\/weapp\/headless-driver-unit-test\.html$/)
      const html = readFileSync(file, 'utf8')
      expect(html).toContain('<page><view class="e2e-home">首页 of demo-member</view></page>')
      expect(html).toMatch(/headless weapp runtime · pages\/index\/index · structure and text of the view model, without WXSS or layout/)
    } finally {
      rmSync(file, { force: true })
    }
  })
})
