import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { DEV_IDENTITIES } from '../../emulator/seed/identities'
import { startTestCloud, type TestCloud } from '../../emulator/gateway/testing'

// Cold starts load wx-server-sdk in each instance: seconds on a busy two-core machine.
jest.setTimeout(30_000)

const functionsDir = path.join(__dirname, 'fixtures', 'functions')

/** A request sent exactly as given: only the headers named, Host included (fetch always sends the URL's own). */
function raw(port: number, method: string, route: string, headers: Record<string, string>, body?: string | Buffer) {
  return new Promise<{ status: number; headers: Record<string, unknown>; text: string }>((resolve, reject) => {
    const outgoing = request({ host: '127.0.0.1', port, method, path: route, headers, setHost: false }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text: Buffer.concat(chunks).toString('utf8') }))
    })
    outgoing.on('error', reject)
    outgoing.end(body)
  })
}

describe('gateway', () => {
  let cloud: TestCloud
  let h5Dir: string

  beforeAll(async () => {
    h5Dir = mkdtempSync(path.join(os.tmpdir(), 'uh-h5-'))
    writeFileSync(path.join(h5Dir, 'index.html'), '<!doctype html><div id="app"></div><script src="/js/app.js"></script>')
    mkdirSync(path.join(h5Dir, 'js'))
    writeFileSync(path.join(h5Dir, 'js', 'app.js'), 'console.log("工会通")')
    cloud = await startTestCloud({ functionsDir, h5Dir, seed: true })
  })

  afterAll(async () => {
    await cloud.close()
    rmSync(h5Dir, { recursive: true, force: true })
  })

  const post = (route: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${cloud.url}${route}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) })

  it('reports health and the deployed functions', async () => {
    const response = await fetch(`${cloud.url}/__emulator/health`)
    const reply = await response.json()
    expect(reply).toMatchObject({ ok: true, data: { devSignin: true, envId: 'unionhub-local' } })
    expect(reply.data.functions).toEqual(expect.arrayContaining(['whoami', 'decrement']))
  })

  it('calls a function as the dev session identity, as nobody when signed out, and says cold or warm', async () => {
    const anonymous = await cloud.call('whoami', 'me')
    expect(anonymous.status).toBe(200)
    expect(anonymous.body).toMatchObject({ ok: true, data: { openid: null, userInfo: { appId: 'wx0000000000000000' } } })
    expect(['cold', 'warm']).toContain(anonymous.headers.get('x-function-start'))

    const signedIn = await cloud.call('whoami', 'me', {}, { openid: 'demo-member' })
    expect(signedIn.body).toMatchObject({ ok: true, data: { openid: 'demo-member', userInfo: { openId: 'demo-member' } } })
    expect(signedIn.headers.get('x-function-start')).toBe('warm')
    // The host's view of the run, and the handler's own time by the instance's clock, which is inside it.
    const timing = Object.fromEntries([...(signedIn.headers.get('server-timing') ?? '').matchAll(/(\w+);dur=([\d.]+)/g)].map((m) => [m[1], Number(m[2])]))
    expect(timing).toEqual({ queue: expect.any(Number), run: expect.any(Number), handler: expect.any(Number) })
    expect(timing.handler).toBeLessThanOrEqual(timing.run!)

    const cookie = await cloud.cookieFor('demo-member')
    const signedOut = await post('/__emulator/signout', {}, { Cookie: cookie })
    expect(signedOut.headers.get('set-cookie')).toMatch(/uh_dev_session=;.*Max-Age=0/)
  })

  it('does not accept a session cookie that was edited', async () => {
    const cookie = await cloud.cookieFor('demo-worker')
    const [name, value] = cookie.split('=') as [string, string]
    const forged = `${name}=${Buffer.from('demo-admin').toString('base64url')}.${value.split('.')[1]}`
    const response = await post('/fn/whoami', { action: 'me' }, { Cookie: forged })
    expect(await response.json()).toMatchObject({ ok: true, data: { openid: null } })
  })

  it('refuses bodies that are not a JSON object, functions that are not deployed, and other sites', async () => {
    const notJson = await fetch(`${cloud.url}/fn/whoami`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{' })
    expect(notJson.status).toBe(400)
    expect(await notJson.json()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })

    const plainText = await fetch(`${cloud.url}/fn/whoami`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '{"action":"me"}' })
    expect(plainText.status).toBe(415)

    const missing = await post('/fn/nothing-here', { action: 'me' })
    expect(missing.status).toBe(404)
    expect(await missing.json()).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringContaining('nothing-here') } })

    const foreign = await post('/fn/whoami', { action: 'me' }, { Origin: 'https://evil.example' })
    expect(foreign.status).toBe(403)
    const resetFromElsewhere = await post('/__emulator/reset', {}, { Origin: 'https://evil.example' })
    expect(resetFromElsewhere.status).toBe(403)
  })

  it('refuses JSON nested too deep or too wide with a 400, before any instance is taken', async () => {
    const deep = `{"action":"wait","input":${'['.repeat(20_000)}${']'.repeat(20_000)}}`
    expect(deep.length).toBeGreaterThan(40_000)
    const before = cloud.contents()
    // More than the eight instances a function has: on the old gateway each held one for 3 s.
    const replies = await Promise.all(
      Array.from({ length: 9 }, () => fetch(`${cloud.url}/fn/slow`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: deep })),
    )
    for (const reply of replies) {
      expect(reply.status).toBe(400)
      expect(await reply.json()).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: '提交的内容嵌套过深（最多 32 层）' } })
    }
    const started = Date.now()
    expect((await cloud.call('slow', 'wait', { pauseMs: 1 })).status).toBe(200)
    expect(Date.now() - started).toBeLessThan(2500)

    const list = (n: number) => JSON.stringify({ action: 'me', input: { items: Array.from({ length: n }, () => 0) } })
    const keys = (n: number) => JSON.stringify({ action: 'me', input: Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i])) })
    for (const body of [list(1001), keys(1001), `{"reset":true,"x":${'{"a":'.repeat(40)}1${'}'.repeat(40)}}`]) {
      for (const route of ['/fn/whoami', '/__emulator/seed']) {
        const reply = await fetch(`${cloud.url}${route}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body })
        expect(reply.status).toBe(400)
        expect((await reply.json()).error.message).toMatch(/^提交的内容(中有列表或对象过大（最多 1000 项）|嵌套过深（最多 32 层）)$/)
      }
    }
    expect(cloud.contents()).toEqual(before)

    // At the limits, and with brackets and commas inside strings, the call goes through.
    const nested = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`
    for (const body of [list(1000), keys(1000), `{"action":"me","input":${nested(30)}}`, JSON.stringify({ action: 'me', input: { text: `[[[,,,{{{"\\${','.repeat(5000)}` } })]) {
      const reply = await fetch(`${cloud.url}/fn/whoami`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body })
      expect(await reply.json()).toMatchObject({ ok: true })
    }
  })

  it('signs in only well-formed openids', async () => {
    const response = await post('/__emulator/signin', { openid: 'not valid!' })
    expect(response.status).toBe(400)
    expect((await response.json()).error.message).toMatch(/openid/)
  })

  it('shows the sign-in page with the seeded identities and the signed-in user’s outbox', async () => {
    cloud.db.insertDocuments('outbox', [
      { toOpenid: 'demo-member', template: 'application-approved', page: 'pages/me/index', data: { thing1: { value: '入会申请已通过' } }, createdAt: new Date() },
      { toOpenid: 'demo-worker', template: 'not-for-member', page: 'pages/me/index', data: {}, createdAt: new Date() },
    ])
    const anonymous = await (await fetch(`${cloud.url}/__emulator/signin`)).text()
    for (const identity of DEV_IDENTITIES) {
      expect(anonymous).toContain(identity.openid)
      expect(anonymous).toContain(identity.name)
    }
    expect(anonymous).toContain('当前未登录')

    const page = await (await fetch(`${cloud.url}/__emulator/signin`, { headers: { Cookie: await cloud.cookieFor('demo-member') } })).text()
    expect(page).toContain('张师傅')
    expect(page).toContain('入会申请已通过')
    expect(page).not.toContain('not-for-member')
  })

  it('seeded the union tree, the staff and the activities', async () => {
    const unions = await cloud.collection<{ _id: string; status: string; parentId: string | null; scene: string; createdAt: string }>('unions')
    expect(unions.map((union) => union._id).sort()).toEqual(
      ['u-city', 'u-courier', 'u-delivery', 'u-ridehail', 'u-freight', 'u-binjiang', 'u-xihu', 'u-gongshu', 'u-ent-textile', 'u-ent-logistics', 'u-retired'].sort(),
    )
    expect(unions.find((union) => union._id === 'u-retired')?.status).toBe('retired')
    expect(unions.filter((union) => union.parentId === null).map((union) => union._id)).toEqual(['u-city'])
    for (const union of unions) expect(union.scene).toMatch(/^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/)
    expect(new Set(unions.map((union) => union.scene)).size).toBe(unions.length)

    // The root admin is written directly; demo-staff comes through the staff function's invitation,
    // which these fixture functions do not include (tests/functions cover that step).
    const staff = await cloud.collection('staff')
    expect(staff).toEqual([expect.objectContaining({ openid: 'demo-admin', unionId: 'u-city', role: 'admin' })])
    const activities = await cloud.collection<{ allocation: string; membersOnly: boolean; signupOpensAt: string; signupClosesAt: string; startAt: string }>('activities')
    expect(activities.length).toBeGreaterThanOrEqual(3)
    expect(activities.some((activity) => activity.allocation === 'lottery')).toBe(true)
    expect(activities.some((activity) => activity.membersOnly)).toBe(true)
    for (const activity of activities) {
      expect(Date.parse(activity.signupOpensAt)).toBeLessThan(Date.parse(activity.signupClosesAt))
      expect(Date.parse(activity.signupClosesAt)).toBeLessThan(Date.parse(activity.startAt))
    }
  })

  it('refuses to seed twice, and seeds again after a reset', async () => {
    const twice = await post('/__emulator/seed', {})
    expect(twice.status).toBe(409)
    const again = await post('/__emulator/seed', { reset: true })
    expect(again.status).toBe(200)
    expect((await again.json()).data).toEqual(expect.arrayContaining([expect.objectContaining({ status: 'done' })]))
    expect(await cloud.collection('outbox')).toEqual([])
  })

  it('reads collections for assertions, and empties them on reset', async () => {
    expect((await cloud.collection('unions')).length).toBeGreaterThan(0)
    const unknown = await fetch(`${cloud.url}/__emulator/collections/nope`)
    expect(unknown.status).toBe(404)
    expect((await post('/__emulator/reset', {})).status).toBe(200)
    expect(await cloud.collection('unions')).toEqual([])
    expect((await post('/__emulator/seed', {})).status).toBe(200)
  })

  it('serves the H5 build, index.html for / and for hash-router paths, and nothing outside it', async () => {
    const index = await fetch(`${cloud.url}/`)
    expect(index.headers.get('content-type')).toMatch(/text\/html/)
    expect(await index.text()).toContain('<div id="app">')
    const script = await fetch(`${cloud.url}/js/app.js`)
    expect(script.headers.get('content-type')).toMatch(/javascript/)
    const etag = script.headers.get('etag')!
    expect((await fetch(`${cloud.url}/js/app.js`, { headers: { 'If-None-Match': etag } })).status).toBe(304)
    expect(await (await fetch(`${cloud.url}/pages/me/index`)).text()).toContain('<div id="app">')
    expect((await fetch(`${cloud.url}/js/missing.js`)).status).toBe(404)
    expect((await fetch(`${cloud.url}/..%2f..%2f..%2fetc%2fpasswd`)).status).toBe(404)
  })
})

describe('gateway against other sites and foreign host names', () => {
  let cloud: TestCloud

  beforeAll(async () => {
    cloud = await startTestCloud({ functionsDir, seed: true })
    cloud.db.insertDocuments('complaints', [{ _id: 'c-secret', description: '老板拖欠三个月工资', memberOpenid: 'demo-member' }])
  })

  afterAll(async () => {
    await cloud.close()
  })

  const port = () => cloud.gateway.port
  const local = () => `127.0.0.1:${port()}`

  /** Sends a request that must be refused with `status`, and checks that nothing was stored or changed. */
  async function refusedWithoutTrace(status: number, send: () => Promise<{ status: number; headers: Record<string, unknown>; text: string }>) {
    const before = cloud.contents()
    const reply = await send()
    expect(reply.status).toBe(status)
    expect(reply.headers['set-cookie']).toBeUndefined()
    expect(reply.text).not.toContain('拖欠')
    expect(cloud.contents()).toEqual(before)
    return reply
  }

  it('keeps /admin to the SDK: no page of any site may write through it, whatever its content type', async () => {
    const write = JSON.stringify({
      action: 'database.insertDocument',
      collectionName: 'staff',
      data: [JSON.stringify({ openid: 'evil', unionId: 'u-city', role: 'admin' })],
    })
    await refusedWithoutTrace(403, () => raw(port(), 'POST', '/admin', { Host: local(), 'Content-Type': 'text/plain', Origin: 'http://evil.example' }, write))
    await refusedWithoutTrace(403, () => raw(port(), 'POST', '/admin', { Host: local(), 'Content-Type': 'application/json', Origin: cloud.url }, write))
    await refusedWithoutTrace(403, () => raw(port(), 'POST', '/admin', { Host: local(), 'Content-Type': 'application/json', 'Sec-Fetch-Site': 'cross-site' }, write))
    // A form or no-cors fetch can only send text/plain, urlencoded or multipart; the SDK sends JSON.
    await refusedWithoutTrace(415, () => raw(port(), 'POST', '/admin', { Host: local(), 'Content-Type': 'text/plain' }, write))
    await refusedWithoutTrace(403, () => raw(port(), 'PUT', '/__storage/put/x.txt?expires=9999999999&sign=x', { Host: local(), Origin: 'http://evil.example' }, 'x'))

    // What wx-server-sdk 4.0.2 sends (captured): JSON, its own headers, no Origin.
    const sdkRead = await raw(
      port(),
      'POST',
      '/admin?env=unionhub-local&seqId=1',
      { Host: local(), 'Content-Type': 'application/json', 'User-Agent': 'tcb-node-sdk/3.17.2', 'X-SDK-Version': 'wx-server-sdk/4.0.2' },
      JSON.stringify({ action: 'database.getDocument', collectionName: 'staff', query: '{"openid":"evil"}', limit: 1 }),
    )
    expect(JSON.parse(sdkRead.text)).toMatchObject({ data: { list: [] } })
    expect((await cloud.call('whoami', 'me', {}, { openid: 'demo-member' })).body).toMatchObject({ ok: true, data: { openid: 'demo-member' } })
  })

  it('answers only to this machine’s names, IP addresses and the public URL’s host, so DNS rebinding reads nothing', async () => {
    for (const host of [`evil.example:${port()}`, `127.0.0.1.evil.example:${port()}`, `localhost.evil.example:${port()}`, `evil@127.0.0.1:${port()}`]) {
      await refusedWithoutTrace(403, () => raw(port(), 'GET', '/__emulator/collections/complaints', { Host: host }))
    }
    // Node's server itself refuses an HTTP/1.1 request without Host.
    await refusedWithoutTrace(400, () => raw(port(), 'GET', '/__emulator/collections/complaints', {}))
    await refusedWithoutTrace(403, () =>
      raw(port(), 'POST', '/fn/whoami', { Host: `evil.example:${port()}`, 'Content-Type': 'application/json', Origin: `http://evil.example:${port()}` }, '{"action":"me"}'),
    )
    await refusedWithoutTrace(403, () => raw(port(), 'GET', '/__emulator/signin', { Host: `evil.example:${port()}`, Cookie: 'x=1' }))

    for (const host of [local(), `localhost:${port()}`, `[::1]:${port()}`, `192.168.1.5:${port()}`]) {
      const reply = await raw(port(), 'GET', '/__emulator/collections/complaints', { Host: host })
      expect(reply.status).toBe(200)
      expect(reply.text).toContain('拖欠')
    }
  })

  it('refuses Origin null and other sites on every dev endpoint, the function gateway and uploads', async () => {
    const json = { Host: local(), 'Content-Type': 'application/json' }
    for (const origin of ['null', 'http://evil.example', `http://localhost:${port() + 1}`, 'not a url']) {
      await refusedWithoutTrace(403, () => raw(port(), 'POST', '/__emulator/seed', { ...json, Origin: origin }, '{"reset":true}'))
      await refusedWithoutTrace(403, () => raw(port(), 'POST', '/__emulator/reset', { ...json, Origin: origin }, '{}'))
      await refusedWithoutTrace(403, () => raw(port(), 'POST', '/__emulator/signin', { ...json, Origin: origin }, '{"openid":"demo-admin"}'))
      await refusedWithoutTrace(403, () => raw(port(), 'POST', '/fn/whoami', { ...json, Origin: origin }, '{"action":"me"}'))
      await refusedWithoutTrace(403, () => raw(port(), 'GET', '/__emulator/collections/complaints', { Host: local(), Origin: origin }))
    }
    const form = new FormData()
    form.append('file', new Blob([Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(64, 1)])]), 'photo.png')
    const multipart = new Request('http://x/', { method: 'POST', body: form })
    const body = Buffer.from(await multipart.arrayBuffer())
    const cookie = await cloud.cookieFor('demo-member')
    await refusedWithoutTrace(403, () =>
      raw(port(), 'POST', '/__storage/upload', { Host: local(), 'Content-Type': multipart.headers.get('content-type')!, Origin: 'null', Cookie: cookie }, body),
    )
  })

  it('requires JSON on the JSON endpoints, even with an empty body, which a form of another site cannot send', async () => {
    for (const contentType of [undefined, 'text/plain', 'application/x-www-form-urlencoded']) {
      const headers: Record<string, string> = { Host: local(), ...(contentType ? { 'Content-Type': contentType } : {}) }
      await refusedWithoutTrace(415, () => raw(port(), 'POST', '/__emulator/reset', headers))
      await refusedWithoutTrace(415, () => raw(port(), 'POST', '/__emulator/seed', headers, ''))
    }
  })

  it('serves the app’s own pages, by IP address or localhost, as before', async () => {
    for (const host of [local(), `localhost:${port()}`, `LocalHost:${port()}`]) {
      const reply = await raw(port(), 'POST', '/fn/whoami', { Host: host, Origin: `http://${host.toLowerCase()}`, 'Content-Type': 'application/json', Cookie: await cloud.cookieFor('demo-member') }, '{"action":"me"}')
      expect(JSON.parse(reply.text)).toMatchObject({ ok: true, data: { openid: 'demo-member' } })
    }
    const signin = await raw(port(), 'POST', '/__emulator/signin', { Host: local(), Origin: cloud.url, 'Content-Type': 'application/json' }, '{"openid":"demo-staff"}')
    expect(signin.status).toBe(200)
    expect(String(signin.headers['set-cookie'])).toMatch(/uh_dev_session=/)
  })
})

describe('gateway bound beyond loopback', () => {
  // Binding every interface is the only way to be "beyond loopback" on a machine without a LAN;
  // the requests below still come from 127.0.0.1.
  it('refuses the dev sign-in, reset, seed and collection reads unless allowed', async () => {
    const exposed = await startTestCloud({ functionsDir, host: '0.0.0.0' })
    try {
      const base = `http://127.0.0.1:${exposed.gateway.port}`
      const json = { 'Content-Type': 'application/json' }
      const signin = await fetch(`${base}/__emulator/signin`, { method: 'POST', headers: json, body: JSON.stringify({ openid: 'demo-admin' }) })
      expect(signin.status).toBe(403)
      expect((await signin.json()).error.message).toContain('--allow-dev-signin')
      expect((await fetch(`${base}/__emulator/signin`)).status).toBe(403)
      expect((await fetch(`${base}/__emulator/reset`, { method: 'POST', headers: json, body: '{}' })).status).toBe(403)
      expect((await fetch(`${base}/__emulator/seed`, { method: 'POST', headers: json, body: '{}' })).status).toBe(403)
      expect((await fetch(`${base}/__emulator/collections/unions`)).status).toBe(403)
      expect((await (await fetch(`${base}/__emulator/health`)).json()).data.devSignin).toBe(false)
    } finally {
      await exposed.close()
    }

    const allowed = await startTestCloud({ functionsDir, host: '0.0.0.0', allowDevSignin: true, publicUrl: 'http://unionhub.lan:8080' })
    try {
      // Phones on the LAN reach it by IP address, or by the host name of --public-url.
      const port = allowed.gateway.port
      for (const [host, origin] of [[`192.168.1.5:${port}`, `http://192.168.1.5:${port}`], ['unionhub.lan:8080', 'http://unionhub.lan:8080']] as const) {
        const reply = await raw(port, 'POST', '/fn/whoami', { Host: host, Origin: origin, 'Content-Type': 'application/json' }, '{"action":"me"}')
        expect(JSON.parse(reply.text)).toMatchObject({ ok: true, data: { openid: null } })
      }
      expect((await raw(port, 'GET', '/', { Host: 'other.lan:8080' })).status).toBe(403)
      const response = await fetch(`http://127.0.0.1:${allowed.gateway.port}/__emulator/signin`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ openid: 'demo-admin' }),
      })
      expect(response.status).toBe(200)
    } finally {
      await allowed.close()
    }
  })
})
