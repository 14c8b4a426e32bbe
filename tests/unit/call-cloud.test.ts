// callCloud must never throw into a page: every failure arrives as an error envelope with a Chinese message.
import { callCloud } from '../../client/src/services/cloud'

jest.mock('@tarojs/taro', () => ({ __esModule: true, default: { request: jest.fn(), cloud: { callFunction: jest.fn() }, showToast: jest.fn() } }))

const Taro = jest.requireMock('@tarojs/taro').default as { request: jest.Mock; cloud: { callFunction: jest.Mock } }
const request = Taro.request
const callFunction = Taro.cloud.callFunction

describe('callCloud', () => {
  const originalEnv = process.env.TARO_ENV
  afterEach(() => {
    process.env.TARO_ENV = originalEnv
    jest.resetAllMocks()
  })

  it('on H5 posts the event to /fn/<name> and returns the envelope', async () => {
    process.env.TARO_ENV = 'h5'
    request.mockResolvedValue({ data: { ok: true, data: { staffOf: [] } } })
    await expect(callCloud('account', 'me', {}, { requestId: 'req-12345678' })).resolves.toEqual({ ok: true, data: { staffOf: [] } })
    expect(request).toHaveBeenCalledWith(
      expect.objectContaining({ url: '/fn/account', method: 'POST', data: { action: 'me', input: {}, requestId: 'req-12345678' } }),
    )
  })

  it('on weapp calls the cloud function and returns its result', async () => {
    process.env.TARO_ENV = 'weapp'
    callFunction.mockResolvedValue({ result: { ok: false, error: { code: 'FORBIDDEN', message: '没有权限进行此操作' } } })
    await expect(callCloud('account', 'me', {})).resolves.toEqual({ ok: false, error: { code: 'FORBIDDEN', message: '没有权限进行此操作' } })
    expect(callFunction).toHaveBeenCalledWith({ name: 'account', data: { action: 'me', input: {}, requestId: undefined } })
  })

  it('turns a network failure into a Chinese message instead of throwing', async () => {
    process.env.TARO_ENV = 'weapp'
    callFunction.mockRejectedValue(new Error('cloud.callFunction:fail timeout'))
    await expect(callCloud('account', 'me', {})).resolves.toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: '网络不给力，请检查网络后重试' },
    })
  })

  it('turns a reply that is not an envelope (e.g. a proxy error page) into INTERNAL', async () => {
    process.env.TARO_ENV = 'h5'
    for (const data of ['<html>502</html>', { ok: false, error: { code: 'TEAPOT', message: 'x' } }, { ok: true }]) {
      request.mockResolvedValue({ data })
      await expect(callCloud('account', 'me', {})).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    }
  })
})
