import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { DEV_IDENTITIES } from '../../emulator/seed/identities'
import { startTestCloud, type TestCloud } from '../../emulator/gateway/testing'

// Cold starts load wx-server-sdk in each instance: seconds on a busy two-core machine.
jest.setTimeout(30_000)

const functionsDir = path.join(__dirname, 'fixtures', 'functions')

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
    expect(signedIn.headers.get('server-timing')).toMatch(/run;dur=/)

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

    const staff = await cloud.collection('staff')
    expect(staff).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ openid: 'demo-admin', unionId: 'u-city', role: 'admin' }),
        expect.objectContaining({ openid: 'demo-staff', unionId: 'u-courier', role: 'staff' }),
      ]),
    )
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

    const allowed = await startTestCloud({ functionsDir, host: '0.0.0.0', allowDevSignin: true })
    try {
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
