import { build } from 'esbuild'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { toBuffer } from 'qrcode'
import { cloudContentCheck, localContentCheck, readMsgSecCheck } from '../../cloudfunctions/src/_lib/openapi/contentCheck'
import { cloudMiniProgramCode } from '../../cloudfunctions/src/_lib/openapi/miniProgramCode'
import type { OpenApi } from '../../cloudfunctions/src/_lib/openapi/runtime'
import { cloudSubscribeMessages, fitTemplateData } from '../../cloudfunctions/src/_lib/openapi/subscribeMessages'
import { answerOpenApi, localCodeUrl } from '../../emulator/gateway/openapi'
import { startTestCloud, testSecrets, type TestCloud } from '../../emulator/gateway/testing'
import { functionBundleOptions } from '../../scripts/build-functions'

// Cold starts load wx-server-sdk in each instance: seconds on a busy two-core machine.
jest.setTimeout(30_000)

const root = path.resolve(__dirname, '../..')

/** A stand-in for `cloud.openapi` that records requests and answers from the given functions. */
function fakeOpenApi(answers: Partial<{ [K in keyof OpenApi]: Partial<OpenApi[K]> }>) {
  const calls: Array<{ api: string; request: unknown }> = []
  const record = <T extends object>(group: string, methods: T | undefined) =>
    new Proxy(methods ?? {}, {
      get: (target, name) => (request: unknown) => {
        calls.push({ api: `${group}.${String(name)}`, request })
        const method = (target as Record<string, (request: unknown) => unknown>)[String(name)]
        return method ? Promise.resolve().then(() => method(request)) : Promise.reject(new Error('not stubbed'))
      },
    })
  const api = {
    security: record('security', answers.security),
    subscribeMessage: record('subscribeMessage', answers.subscribeMessage),
    wxacode: record('wxacode', answers.wxacode),
  } as unknown as OpenApi
  return { api: () => api, calls }
}

describe('content check', () => {
  const options = { openid: 'demo-member', scene: 'forum' as const }

  afterEach(() => {
    delete process.env.UNIONHUB_BLOCKED_WORDS
    delete process.env.UNIONHUB_REVIEW_WORDS
  })

  it('reads msgSecCheck v2 by result.suggest, not by errCode', () => {
    expect(readMsgSecCheck({ errCode: 0, errMsg: 'ok', result: { suggest: 'pass', label: 100 } })).toEqual({ suggest: 'pass' })
    expect(
      readMsgSecCheck({
        errCode: 0,
        result: { suggest: 'risky', label: 20006 },
        detail: [
          { strategy: 'content_model', suggest: 'risky', label: 20006, prob: 90 },
          { strategy: 'keyword', suggest: 'risky', label: 20006, keyword: '代开发票' },
        ],
      }),
    ).toEqual({ suggest: 'risky', label: '违法犯罪', keywords: ['代开发票'] })
    expect(readMsgSecCheck({ errCode: 0, result: { suggest: 'review', label: 10001 } })).toEqual({ suggest: 'review', label: '广告' })
    expect(readMsgSecCheck({ errCode: 61010 })).toEqual({ suggest: 'review', label: '检测未完成' })
  })

  it('calls msgSecCheck v2 per 2500 characters with the scene number, and the worst verdict wins', async () => {
    const { api, calls } = fakeOpenApi({
      security: {
        msgSecCheck: async ({ content }) => ({ errCode: 0, result: content.includes('赌') ? { suggest: 'risky', label: 20006 } : { suggest: 'pass', label: 100 } }),
      },
    })
    const text = `${'工'.repeat(2600)}赌${'会'.repeat(2000)}`
    const verdict = await cloudContentCheck(api).check(text, options)
    expect(verdict).toEqual({ suggest: 'risky', label: '违法犯罪' })
    expect(calls).toHaveLength(2)
    expect(calls[0]!.request).toMatchObject({ openid: 'demo-member', scene: 3, version: 2 })
    expect((calls[0]!.request as { content: string }).content).toHaveLength(2500)
  })

  it('sends text for review instead of passing it unchecked when the call fails', async () => {
    const { api } = fakeOpenApi({ security: {} })
    jest.spyOn(console, 'error').mockImplementationOnce(() => undefined)
    expect(await cloudContentCheck(api).check('正常的投诉内容', options)).toEqual({ suggest: 'review', label: '检测未完成' })
  })

  it('checks locally against a word list that spaces and punctuation do not get around', async () => {
    const check = localContentCheck()
    expect(await check.check('老板拖欠工资三个月', options)).toEqual({ suggest: 'pass' })
    expect(await check.check('有人在群里拉人 赌·博', options)).toEqual({ suggest: 'risky', label: '其他', keywords: ['赌博'] })
    expect((await check.check('做刷单兼职', options)).suggest).toBe('review')
    process.env.UNIONHUB_BLOCKED_WORDS = '黑心老板，欠薪跑路'
    process.env.UNIONHUB_REVIEW_WORDS = ''
    expect(await check.check('欠薪 跑路的黑心老板', options)).toEqual({ suggest: 'risky', label: '其他', keywords: ['黑心老板', '欠薪跑路'] })
    expect(await check.check('赌博', options)).toEqual({ suggest: 'pass' })
  })
})

describe('subscribe messages and mini program codes (cloud adapters)', () => {
  it('trims template values to the limits WeChat enforces', () => {
    expect(fitTemplateData({ thing1: '关于拖欠工资的投诉已受理，请留意后续进展通知', phrase2: '处理中', number3: 12 })).toEqual({
      thing1: '关于拖欠工资的投诉已受理，请留意后续进…',
      phrase2: '处理中',
      number3: '12',
    })
  })

  it('sends through subscribeMessage.send, and reports a refusal instead of throwing', async () => {
    const { api, calls } = fakeOpenApi({ subscribeMessage: { send: async () => ({ errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' }) } })
    const message = { toOpenid: 'o-1', template: 'TPL', page: 'pages/me/index', data: { thing1: '入会申请已通过' } }
    expect(await cloudSubscribeMessages(api).send(message)).toEqual({ sent: true })
    expect(calls[0]).toEqual({
      api: 'subscribeMessage.send',
      request: { touser: 'o-1', templateId: 'TPL', page: 'pages/me/index', data: { thing1: { value: '入会申请已通过' } }, miniprogramState: 'formal', lang: 'zh_CN' },
    })

    const refused = fakeOpenApi({
      subscribeMessage: {
        send: async () => {
          throw { errCode: 43101, errMsg: 'user refuse to accept the msg' }
        },
      },
    })
    jest.spyOn(console, 'error').mockImplementationOnce(() => undefined)
    expect(await cloudSubscribeMessages(refused.api).send(message)).toEqual({ sent: false, errCode: 43101, errMsg: 'user refuse to accept the msg' })
  })

  it('renders with wxacode.getUnlimited and stores the PNG at a path fixed by scene and page', async () => {
    const png = Buffer.from('89504e47', 'hex')
    const { api, calls } = fakeOpenApi({ wxacode: { getUnlimited: async () => ({ buffer: png, contentType: 'image/png', errCode: 0 }) } })
    const uploads: string[] = []
    const codes = cloudMiniProgramCode(api, async (cloudPath) => {
      uploads.push(cloudPath)
      return `cloud://env.bucket/${cloudPath}`
    })
    const first = await codes.create({ scene: 'j.courier', page: '/subpackages/join/pages/start/index' })
    const again = await codes.create({ scene: 'j.courier', page: 'subpackages/join/pages/start/index' })
    expect(first).toEqual(again)
    expect(uploads[0]).toMatch(/^qrcodes\/[0-9a-f]{24}\.png$/)
    expect(calls[0]!.request).toEqual({ scene: 'j.courier', page: 'subpackages/join/pages/start/index', checkPath: true, envVersion: 'release', width: 430 })
    await expect(codes.create({ scene: 'x'.repeat(33), page: 'pages/index/index' })).rejects.toThrow(/scene/)
    await expect(codes.create({ scene: '中文', page: 'pages/index/index' })).rejects.toThrow(/scene/)
  })
})

describe('the openapi calls the local cloud answers itself', () => {
  it('refuses a code request it cannot draw, and an openapi call it does not know', async () => {
    await expect(answerOpenApi({ action: 'openapi.wxacode.getUnlimited', scene: 'j.courier', page: 'pages/index/index', width: 5000 }, 'http://127.0.0.1:9')).resolves.toMatchObject({ code: 'INVALID_PARAM' })
    await expect(answerOpenApi({ action: 'openapi.wxacode.getUnlimited', page: 'pages/index/index', width: 430 }, 'http://127.0.0.1:9')).resolves.toMatchObject({ code: 'INVALID_PARAM' })
    await expect(answerOpenApi({ action: 'openapi.security.imgSecCheck' }, 'http://127.0.0.1:9')).resolves.toMatchObject({ code: 'INVALID_PARAM' })
  })
})

describe('openapi ports inside a function instance on the local cloud', () => {
  let cloud: TestCloud
  let functionsDir: string

  beforeAll(async () => {
    functionsDir = mkdtempSync(path.join(os.tmpdir(), 'uh-openapi-'))
    await build(functionBundleOptions(path.join(__dirname, 'fixtures', 'openapi-probe', 'index.ts'), path.join(functionsDir, 'probe', 'index.js')))
    // Installed beside the bundle, as the cloud installs the pinned SDK for each function.
    mkdirSync(path.join(functionsDir, 'probe', 'node_modules'))
    symlinkSync(path.join(root, 'node_modules', 'wx-server-sdk'), path.join(functionsDir, 'probe', 'node_modules', 'wx-server-sdk'), 'dir')
    const secrets = testSecrets()
    secrets.functions.UNIONHUB_BLOCKED_WORDS = '欠薪跑路'
    // The local cloud draws the code in this process, where jest's sandbox makes pngjs take seconds
    // (plain Node: tens of milliseconds); the function waits for it within its time limit.
    cloud = await startTestCloud({ functionsDir, secrets, timeoutMs: 15_000 })
  })

  afterAll(async () => {
    await cloud.close()
    rmSync(functionsDir, { recursive: true, force: true })
  })

  it('checks content with the configured word list', async () => {
    expect((await cloud.call('probe', 'check', { text: '老板欠薪跑路了' }, { openid: 'demo-member' })).body).toEqual({
      ok: true,
      data: { suggest: 'risky', label: '其他', keywords: ['欠薪跑路'] },
    })
    expect((await cloud.call('probe', 'check', { text: '赌博' })).body).toEqual({ ok: true, data: { suggest: 'pass' } })
  })

  it('records subscribe messages in the outbox through the SDK', async () => {
    const reply = await cloud.call('probe', 'notify', {
      toOpenid: 'demo-member',
      template: 'application-approved',
      page: 'pages/me/index',
      data: { thing1: '示范市快递行业工会联合会', phrase2: '已通过' },
    })
    expect(reply.body).toEqual({ ok: true, data: { sent: true } })
    const [message] = await cloud.collection<{ toOpenid: string; template: string; data: object; createdAt: string }>('outbox')
    expect(message).toMatchObject({ toOpenid: 'demo-member', template: 'application-approved', data: { thing1: '示范市快递行业工会联合会', phrase2: '已通过' } })
    expect(Math.abs(Date.parse(message!.createdAt) - Date.now())).toBeLessThan(60_000)
  })

  it('has the local cloud render a mini program code as a PNG QR of the H5 URL, stored in cloud storage', async () => {
    const reply = await cloud.call('probe', 'code', { scene: 'j.courier', page: 'subpackages/join/pages/start/index' })
    const { fileID } = (reply.body as { data: { fileID: string } }).data
    expect(fileID).toMatch(/^cloud:\/\/unionhub-local\.[^/]+\/qrcodes\/[0-9a-f]{24}\.png$/)
    const stored = cloud.gateway.storage.read(cloud.gateway.storage.cloudPathOf(fileID)!)!
    const url = localCodeUrl(cloud.url, { scene: 'j.courier', page: 'subpackages/join/pages/start/index' })
    expect(url).toBe(`${cloud.url}/#/subpackages/join/pages/start/index?scene=j.courier`)
    const expected = await toBuffer(url, { type: 'png', width: 430, margin: 2, errorCorrectionLevel: 'M' })
    expect(stored.equals(expected)).toBe(true)
  })
})
