import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { functionNames } from '../../scripts/build-functions'
import { checkSecretValues, ConfigError, EXAMPLE_FILE, loadDeployConfig, loadLocalConfig } from '../../scripts/deploy/config'

// Every function the build knows, as `npm run deploy` passes them: the example names some of them.
const FUNCTIONS = functionNames()
const TEMPLATES = ['joinResult']

/** A filled-in configuration, as a union's IT team writes it from the example. */
function filledIn(overrides: Record<string, unknown> = {}) {
  const example = JSON.parse(readFileSync(EXAMPLE_FILE, 'utf8')) as Record<string, unknown>
  return {
    ...example,
    appId: 'wx0123456789abcdef',
    cloudEnv: 'unionhub-prod-8g3x',
    subscribeTemplates: { joinResult: 'AbCdEf0123456789_-xyzAbCdEf0123456789_-xyz' },
    ...overrides,
  }
}

function write(content: unknown): NodeJS.ProcessEnv {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'uh-config-')), 'deploy.config.json')
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content))
  return { UNIONHUB_DEPLOY_CONFIG: file }
}

function problemsOf(run: () => unknown): string[] {
  try {
    run()
  } catch (error) {
    if (error instanceof ConfigError) return error.problems
    throw error
  }
  return []
}

describe('the deployment configuration', () => {
  it('resolves every function\'s timeout and memory from defaults and overrides, and keeps the upload key path beside the file', () => {
    const env = write(filledIn())
    const config = loadDeployConfig(FUNCTIONS, TEMPLATES, env)
    expect(config.functions.complaints).toEqual({ timeoutSeconds: 20, memoryMb: 256 })
    expect(config.functions.account).toEqual({ timeoutSeconds: 3, memoryMb: 256 })
    expect(config.functions.maintenance).toEqual({ timeoutSeconds: 60, memoryMb: 256 })
    expect(config.secrets).toEqual(['UNIONHUB_DATA_KEYS', 'UNIONHUB_CARD_KEY', 'UNIONHUB_SETUP_SECRET'])
    expect(config.miniProgram.privateKeyPath).toBe(path.join(path.dirname(env.UNIONHUB_DEPLOY_CONFIG!), 'private.wx0123456789abcdef.key'))
  })

  it('says in Chinese which field to fix, for each problem at once', () => {
    const problems = problemsOf(() =>
      loadDeployConfig(
        FUNCTIONS,
        TEMPLATES,
        write(filledIn({ appId: '', cloudEnv: 'Prod Env', subscribeTemplates: { joinResult: '', unknownNotice: 'x' }, miniProgram: { version: 'v1', description: '' } })),
      ),
    )
    expect(problems).toEqual([
      expect.stringContaining('appId 未填写'),
      expect.stringContaining('cloudEnv 格式不正确'),
      expect.stringContaining('miniProgram.version 应为 1.2.3 这样的版本号'),
      expect.stringContaining('miniProgram.description 未填写'),
      expect.stringContaining('subscribeTemplates.joinResult 未填写'),
      expect.stringContaining('subscribeTemplates.unknownNotice 不是本程序使用的模板'),
    ])
  })

  it('catches typos, values out of range, unknown functions and secrets written into the file', () => {
    expect(problemsOf(() => loadDeployConfig(FUNCTIONS, TEMPLATES, write(filledIn({ functions: { complaints: { timeoutSecond: 20 } } }))))).toEqual([
      expect.stringContaining('functions.complaints：不认识的字段 timeoutSecond（拼写有误？）'),
    ])
    expect(problemsOf(() => loadDeployConfig(FUNCTIONS, TEMPLATES, write(filledIn({ functions: { complaints: { timeoutSeconds: 120, memoryMb: 300 } } }))))).toEqual([
      expect.stringContaining('functions.complaints.timeoutSeconds：小程序云函数的超时时间最长 60 秒'),
      expect.stringContaining('functions.complaints.memoryMb：只能是 128、256、512、1024、2048 之一'),
    ])
    expect(problemsOf(() => loadDeployConfig(FUNCTIONS, TEMPLATES, write(filledIn({ functions: { complaint: { timeoutSeconds: 20 } } }))))).toEqual([
      expect.stringContaining('functions.complaint 不是云函数名'),
    ])
    expect(
      problemsOf(() => loadDeployConfig(FUNCTIONS, TEMPLATES, write(filledIn({ secrets: ['UNIONHUB_CARD_KEY', 'UNIONHUB_SETUP_SECRET'], environment: { UNIONHUB_CARD_KEY: 'abc' } })))),
    ).toEqual([expect.stringContaining('secrets 缺少 UNIONHUB_DATA_KEYS'), expect.stringContaining('environment.UNIONHUB_CARD_KEY 是密钥')])
    expect(problemsOf(() => loadDeployConfig(FUNCTIONS, TEMPLATES, write(filledIn({ environment: { TCB_ENV: 'x' } }))))).toEqual([
      expect.stringContaining('environment.TCB_ENV：这是平台保留的环境变量'),
    ])
    expect(problemsOf(() => loadDeployConfig(FUNCTIONS, TEMPLATES, write('{ "appId": ')))).toEqual([expect.stringContaining('不是有效的 JSON')])
  })

  it('tells how to start when there is no configuration file', () => {
    const missing = { UNIONHUB_DEPLOY_CONFIG: path.join(os.tmpdir(), 'no-such-dir', 'deploy.config.json') }
    expect(problemsOf(() => loadDeployConfig(FUNCTIONS, TEMPLATES, missing))).toEqual([expect.stringContaining('复制 deploy.config.example.json 为 deploy.config.json')])
  })

  it('gives npm start the committed example when a developer has no file, with empty fields left to local defaults', () => {
    const example = loadLocalConfig(FUNCTIONS, {}, path.join(os.tmpdir(), 'no-such-dir', 'deploy.config.json'))
    expect(example.source).toBe(EXAMPLE_FILE)
    expect(example.cloudEnv).toBe('')
    expect(example.functions.complaints!.timeoutSeconds).toBe(20)
    expect(example.environment).toEqual({ UNIONHUB_MINIPROGRAM_STATE: 'formal' })
    // Template ids not filled in are left out, so the built-in local ids apply.
    expect(loadLocalConfig(FUNCTIONS, write(filledIn({ subscribeTemplates: { joinResult: '' } }))).subscribeTemplates).toEqual({})
  })

  it('checks the secret values on the deploying machine, and the old single-key variable', () => {
    const config = { secrets: ['UNIONHUB_DATA_KEYS', 'UNIONHUB_CARD_KEY', 'UNIONHUB_SETUP_SECRET'] }
    const key = Buffer.alloc(32, 3).toString('base64')
    expect(checkSecretValues(config, { UNIONHUB_DATA_KEYS: `k2:${key}`, UNIONHUB_CARD_KEY: key, UNIONHUB_SETUP_SECRET: 'a-long-setup-secret' })).toEqual([])
    expect(checkSecretValues(config, { UNIONHUB_DATA_KEY: key })).toEqual([expect.stringContaining('请改为 UNIONHUB_DATA_KEYS="v1:<原来的值>"')])
    expect(checkSecretValues(config, { UNIONHUB_DATA_KEYS: key, UNIONHUB_CARD_KEY: 'c2hvcnQ=', UNIONHUB_SETUP_SECRET: 'short' })).toEqual([
      expect.stringContaining('UNIONHUB_DATA_KEYS 格式不正确'),
      expect.stringContaining('UNIONHUB_CARD_KEY 太短'),
      expect.stringContaining('UNIONHUB_SETUP_SECRET 太短'),
    ])
  })
})
