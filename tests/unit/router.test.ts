import * as z from 'zod/mini'
import { action } from '@shared/contract'
import { text, integer } from '@shared/fields'
import { createRouter } from '../../cloudfunctions/src/_lib/router'
import { AppFailure } from '../../cloudfunctions/src/_lib/failure'

// getWXContext reads the caller from the environment, as it does inside a cloud function instance.
function signInAs(openid: string | null, { fromOpenid }: { fromOpenid?: string } = {}) {
  process.env.WX_CONTEXT_KEYS = 'WX_OPENID,WX_APPID,WX_FROM_OPENID'
  process.env.WX_APPID = 'wx-test'
  if (openid === null) delete process.env.WX_OPENID
  else process.env.WX_OPENID = openid
  if (fromOpenid === undefined) delete process.env.WX_FROM_OPENID
  else process.env.WX_FROM_OPENID = fromOpenid
}

const contract = {
  greet: action({
    role: 'user',
    input: z.object({ name: text('姓名', { min: 2, max: 30 }), age: integer('年龄', { min: 16, max: 100 }) }),
    output: z.object({ greeting: z.string() }),
  }),
  explode: action({ role: 'user', input: z.object({}), output: z.object({}) }),
  refuse: action({ role: 'user', input: z.object({}), output: z.object({}) }),
  leak: action({ role: 'user', input: z.object({}), output: z.object({ shown: z.string() }) }),
  whoami: action({ role: 'anyone', input: z.object({}), output: z.object({ openid: z.nullable(z.string()) }) }),
}

const ticks: string[] = []

const main = createRouter('demo', contract, {
  greet: async (input, { caller }) => ({ greeting: `${input.name}(${input.age}) via ${caller.openid}` }),
  explode: async () => {
    throw new Error("db.collection('members').where({ idNumber: '110101199003071234' }) failed at /srv/cloudfunctions/demo/index.js:12")
  },
  refuse: async () => {
    throw new AppFailure('CONFLICT', '已是会员，请使用转会')
  },
  leak: async () => ({ shown: 'yes', idCipher: 'secret' }) as { shown: string },
  whoami: async (_input, { caller }) => ({ openid: caller?.openid ?? null }),
}, {
  timers: {
    tick: async () => {
      ticks.push('tick')
      return { ticked: ticks.length }
    },
    broken: async () => {
      throw new Error('db.collection(\'counters\') failed at /srv/index.js:3')
    },
  },
})

describe('action router', () => {
  beforeEach(() => signInAs('o-worker'))

  it('runs a valid call and returns the ok envelope', async () => {
    await expect(main({ action: 'greet', input: { name: '张三', age: 30 } })).resolves.toEqual({
      ok: true,
      data: { greeting: '张三(30) via o-worker' },
    })
  })

  it('takes identity only from the WeChat context, never from the event', async () => {
    const result = await main({ action: 'greet', input: { name: '张三', age: 30 }, openid: 'o-admin', userInfo: { openId: 'o-admin' } })
    expect(result).toEqual({ ok: true, data: { greeting: '张三(30) via o-worker' } })
  })

  it('refuses bad input with the failing field paths and Chinese messages naming the field', async () => {
    const result = await main({ action: 'greet', input: { name: '张', age: 'thirty' } })
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: '姓名至少 2 个字',
        fields: [
          { path: 'name', message: '姓名至少 2 个字' },
          { path: 'age', message: '年龄必须是数字' },
        ],
      },
    })
  })

  it('names each missing field, and says what is wrong with a number', async () => {
    expect(await main({ action: 'greet', input: {} })).toMatchObject({
      ok: false,
      error: {
        message: '请填写姓名',
        fields: [
          { path: 'name', message: '请填写姓名' },
          { path: 'age', message: '请填写年龄' },
        ],
      },
    })
    expect(await main({ action: 'greet', input: { name: '张三', age: 16.5 } })).toMatchObject({ error: { fields: [{ path: 'age', message: '年龄必须是整数' }] } })
    expect(await main({ action: 'greet', input: { name: '张三', age: 101 } })).toMatchObject({ error: { fields: [{ path: 'age', message: '年龄不能大于 100' }] } })
  })

  it('refuses an input that is not an object with a Chinese message', async () => {
    expect(await main({ action: 'greet', input: 'name=张三' })).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', message: '提交的内容格式不正确', fields: [{ path: '', message: '提交的内容格式不正确' }] },
    })
  })

  it('names the field when a value has the wrong type', async () => {
    const result = await main({ action: 'greet', input: { name: { $ne: null }, age: 30 } })
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [{ path: 'name', message: '姓名必须是文字' }] } })
  })

  it('refuses an unknown action with INVALID_INPUT', async () => {
    for (const event of [{ action: 'dropDatabase' }, { action: 'toString' }, {}, null, 'greet']) {
      await expect(main(event)).resolves.toEqual({
        ok: false,
        error: { code: 'INVALID_INPUT', message: '未知的操作', fields: [{ path: 'action', message: '未知的操作' }] },
      })
    }
  })

  it('turns an exception into INTERNAL with no stack, path or query', async () => {
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined)
    const result = await main({ action: 'explode', input: {} })
    spy.mockRestore()
    expect(result).toEqual({ ok: false, error: { code: 'INTERNAL', message: '服务暂时不可用，请稍后再试' } })
    const text = JSON.stringify(result)
    for (const secret of ['collection', '110101', '/srv', 'index.js', 'at ', 'Error']) expect(text).not.toContain(secret)
  })

  it('passes a domain failure through as its own code and message', async () => {
    await expect(main({ action: 'refuse', input: {} })).resolves.toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: '已是会员，请使用转会' },
    })
  })

  it('strips fields the contract does not name from the output', async () => {
    await expect(main({ action: 'leak', input: {} })).resolves.toEqual({ ok: true, data: { shown: 'yes' } })
  })

  it('requires a signed-in caller before it looks at the input', async () => {
    signInAs(null)
    await expect(main({ action: 'greet', input: { name: 1 } })).resolves.toEqual({
      ok: false,
      error: { code: 'UNAUTHENTICATED', message: '请先登录' },
    })
    await expect(main({ action: 'whoami', input: {} })).resolves.toEqual({ ok: true, data: { openid: null } })
  })

  describe('timers', () => {
    const timer = (TriggerName: string) => ({ Type: 'Timer', TriggerName, Time: '2030-01-01T00:00:00Z' })
    const unknownAction = { ok: false, error: { code: 'INVALID_INPUT', message: '未知的操作', fields: [{ path: 'action', message: '未知的操作' }] } }
    beforeEach(() => {
      ticks.length = 0
    })

    it('lists the timers it was given, for the check against config.json', () => {
      expect(main.timers).toEqual(['tick', 'broken'])
    })

    it('runs a declared timer when nobody is behind the call', async () => {
      signInAs(null)
      await expect(main(timer('tick'))).resolves.toEqual({ ok: true, data: { ticked: 1 } })
    })

    it('treats a timer-shaped event from anyone as an ordinary call, which names no action', async () => {
      signInAs('o-worker')
      await expect(main(timer('tick'))).resolves.toEqual(unknownAction)
      signInAs(null, { fromOpenid: 'o-other-app-user' })
      await expect(main(timer('tick'))).resolves.toEqual(unknownAction)
      // A client's call carries the userInfo the platform adds, even when the caller is not signed in.
      signInAs(null)
      await expect(main({ ...timer('tick'), userInfo: { appId: 'wx-test' } })).resolves.toEqual(unknownAction)
      expect(ticks).toEqual([])
    })

    it('refuses a trigger it does not declare, including names every object has', async () => {
      signInAs(null)
      for (const name of ['closeResolved', 'toString', 'constructor']) {
        await expect(main(timer(name))).resolves.toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: '未知的定时任务' } })
      }
    })

    it('turns a failing job into INTERNAL with nothing leaked', async () => {
      signInAs(null)
      const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined)
      const result = await main(timer('broken'))
      spy.mockRestore()
      expect(result).toEqual({ ok: false, error: { code: 'INTERNAL', message: '服务暂时不可用，请稍后再试' } })
    })
  })
})
