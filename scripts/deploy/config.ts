import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import * as z from 'zod/mini'
import { parseDataKeys } from '../../cloudfunctions/src/_lib/personal-data'
import { SUBSCRIBE_TEMPLATES } from '@shared/subscribe-templates'
import { CONFIG_FILE, CONFIG_VARIABLE, deploymentFile, ROOT, templateVariable } from '../../config/deployment'

/**
 * The deployment configuration: one JSON file at the repository root, read by `npm run deploy`,
 * by the weapp build (cloud environment and template ids) and by `npm start` (function settings,
 * environment and secret names, with local defaults). `deploy.config.json` is the union's own and
 * git-ignored; `deploy.config.example.json` is committed and is what `npm start` uses without one.
 * Secret values never appear here: only the names of the environment variables that hold them.
 */

export { CONFIG_FILE, CONFIG_VARIABLE, EXAMPLE_FILE, ROOT } from '../../config/deployment'

/** Secrets every deployment needs, and what each protects (shown when one is missing). */
export const REQUIRED_SECRETS: Readonly<Record<string, string>> = {
  UNIONHUB_DATA_KEYS: '加密身份证号和手机号的密钥列表（第一个用于加密，其余只用于解密旧数据）',
  UNIONHUB_CARD_KEY: '签发电子会员卡和活动签到的动态码',
  UNIONHUB_SETUP_SECRET: '首位管理员初始化（staff.bootstrap）时输入的一次性口令',
}

/** The subscribe-message templates the program sends (shared/subscribe-templates.ts), by name. */
export const TEMPLATE_NAMES = Object.keys(SUBSCRIBE_TEMPLATES)

/** The functions' variables for the configured template ids (the same the weapp build inlines). */
export function templateEnvironment(templates: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(templates).map(([name, id]) => [templateVariable(name), id]))
}

/** The runtime missing functions are created with: the bundles target node16 (scripts/build-functions.ts). */
export const FUNCTION_RUNTIME = 'Nodejs16.13'

const VARIABLE = /^[A-Z][A-Z0-9_]{0,63}$/
// Set by the platform (or by the SDK's redirection in the local cloud): a deployment must not set them.
const RESERVED_VARIABLE = /^(TCB_|SCF_|TENCENTCLOUD|WX_|X_WX_)/
const MEMORY_SIZES = [128, 256, 512, 1024, 2048] as const

const functionSettings = z.strictObject({
  timeoutSeconds: z.optional(
    z.number({ error: '应为秒数' }).check(z.int('应为整数秒'), z.gte(1, '至少 1 秒'), z.lte(60, '小程序云函数的超时时间最长 60 秒')),
  ),
  memoryMb: z.optional(
    z.number({ error: '应为内存大小（MB）' }).check(z.refine((value) => (MEMORY_SIZES as readonly number[]).includes(value), `只能是 ${MEMORY_SIZES.join('、')} 之一`)),
  ),
})

const variableName = z
  .string()
  .check(
    z.regex(VARIABLE, '环境变量名只能用大写字母、数字和下划线，且以字母开头'),
    z.refine((name) => !RESERVED_VARIABLE.test(name), '这是平台保留的环境变量，不能由部署设置'),
  )

const text = (fallback: string) => z._default(z.string({ error: '应为字符串' }), fallback)

/** What a deployed function runs with; also what the local cloud uses. */
const settingsShape = {
  functions: z._default(z.record(z.string(), functionSettings, { error: '应为“云函数名 → 设置”的对象' }), {}),
  environment: z._default(z.record(variableName, z.string({ error: '值应为字符串' }), { error: '应为“变量名 → 值”的对象' }), {}),
  secrets: z._default(z.array(variableName, { error: '应为环境变量名的列表' }), []),
}

/** Which account and environment a deployment goes to. Empty strings mean "not filled in yet". */
const targetShape = {
  appId: text(''),
  cloudEnv: text(''),
  region: z._default(z.enum(['ap-shanghai', 'ap-guangzhou', 'ap-beijing'], { error: '应为 ap-shanghai、ap-guangzhou 或 ap-beijing' }), 'ap-shanghai'),
  miniProgram: z._default(
    z.strictObject({
      version: text(''),
      description: z._default(z.string({ error: '应为字符串' }).check(z.maxLength(200, '最多 200 字')), ''),
      privateKeyPath: text(''),
      robot: z._default(z.number({ error: '应为 1–30 的整数' }).check(z.int('应为 1–30 的整数'), z.gte(1, '应为 1–30 的整数'), z.lte(30, '应为 1–30 的整数')), 1),
    }),
    { version: '', description: '', privateKeyPath: '', robot: 1 },
  ),
  subscribeTemplates: z._default(z.record(z.string(), z.string({ error: '应为模板 ID 字符串' }), { error: '应为“模板名 → 模板 ID”的对象' }), {}),
}

const fileSchema = z.strictObject(
  {
    ...targetShape,
    ...settingsShape,
    /** Lets readers of the example see what the file is; ignored. */
    $comment: z.optional(z.string()),
  },
  { error: '应为一个 JSON 对象：{ "appId": …, "cloudEnv": …, … }' },
)

type ConfigFile = z.output<typeof fileSchema>

export interface ResolvedFunctionSettings {
  timeoutSeconds: number
  memoryMb: number
}

/** The file as the local cloud uses it: every function's settings resolved, target fields possibly empty. */
export interface LocalConfig {
  /** The file read (deploy.config.json, or the example when there is none). */
  source: string
  cloudEnv: string
  subscribeTemplates: Record<string, string>
  functions: Record<string, ResolvedFunctionSettings>
  environment: Record<string, string>
  /** Every secret name: the required ones and those the file adds. */
  secrets: string[]
}

/** The file as a deployment needs it: everything filled in. */
export interface DeployConfig extends LocalConfig {
  appId: string
  region: string
  miniProgram: { version: string; description: string; privateKeyPath: string; robot: number }
}

/** A configuration a person must fix: the message says which file and field, in Chinese. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'))
    this.name = 'ConfigError'
  }
}

/** Cloud defaults for functions the file does not mention. */
const CLOUD_DEFAULTS: ResolvedFunctionSettings = { timeoutSeconds: 3, memoryMb: 256 }

function describe(issue: z.core.$ZodIssue): string {
  const where = issue.path.map(String).join('.') || '（整个文件）'
  if (issue.code === 'unrecognized_keys') return `${where === '（整个文件）' ? '' : `${where}：`}不认识的字段 ${issue.keys.join('、')}（拼写有误？）`
  if (issue.code === 'invalid_type' && issue.input === undefined) return `${where}：未填写`
  // A record's key that failed its own schema: that schema's message says what is wrong with it.
  if (issue.code === 'invalid_key') return `${where}：${issue.issues.map((inner) => inner.message).join('；')}`
  return `${where}：${issue.message}`
}

function parseFile(source: string): ConfigFile {
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(source, 'utf8'))
  } catch (error) {
    throw new ConfigError([`${path.relative(ROOT, source) || source} 不是有效的 JSON：${(error as Error).message}`])
  }
  const parsed = fileSchema.safeParse(raw)
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((issue) => `${path.basename(source)}：${describe(issue)}`))
  return parsed.data
}

function resolveSettings(file: ConfigFile, functionNames: string[], source: string): Pick<LocalConfig, 'functions' | 'environment' | 'secrets'> {
  const problems: string[] = []
  const { defaults, ...named } = file.functions
  for (const name of Object.keys(named)) {
    if (!functionNames.includes(name)) problems.push(`${path.basename(source)}：functions.${name} 不是云函数名（可用：defaults、${functionNames.join('、')}）`)
  }
  const base = { ...CLOUD_DEFAULTS, ...defaults }
  const functions = Object.fromEntries(functionNames.map((name) => [name, { ...base, ...named[name] } as ResolvedFunctionSettings]))
  const secrets = [...new Set([...Object.keys(REQUIRED_SECRETS), ...file.secrets])]
  for (const name of Object.keys(REQUIRED_SECRETS)) {
    if (!file.secrets.includes(name)) problems.push(`${path.basename(source)}：secrets 缺少 ${name}（${REQUIRED_SECRETS[name]}）`)
  }
  for (const name of Object.keys(file.environment)) {
    if (secrets.includes(name)) problems.push(`${path.basename(source)}：environment.${name} 是密钥，只能通过本机环境变量提供，不能写在配置文件里`)
  }
  if (problems.length > 0) throw new ConfigError(problems)
  return { functions, environment: file.environment, secrets }
}

/** The configuration file in use: `UNIONHUB_DEPLOY_CONFIG`, or deploy.config.json. */
export function configFile(env: NodeJS.ProcessEnv = process.env): string {
  return env[CONFIG_VARIABLE] ? path.resolve(env[CONFIG_VARIABLE]) : CONFIG_FILE
}

/**
 * For `npm start` and builds: the configuration file if there is one, else the committed example.
 * Fields left empty keep their local defaults (the default cloud environment, built-in template ids).
 */
export function loadLocalConfig(functionNames: string[], env: NodeJS.ProcessEnv = process.env, defaultFile = CONFIG_FILE): LocalConfig {
  const source = deploymentFile(env, defaultFile)
  const file = parseFile(source)
  const subscribeTemplates = Object.fromEntries(Object.entries(file.subscribeTemplates).filter(([, id]) => id !== ''))
  return { source, cloudEnv: file.cloudEnv, subscribeTemplates, ...resolveSettings(file, functionNames, source) }
}

/** The functions' limits as the local cloud's host takes them (milliseconds), from the same file. */
export function hostFunctionSettings(config: Pick<LocalConfig, 'functions'>): Record<string, { timeoutMs: number; memoryMb: number }> {
  return Object.fromEntries(
    Object.entries(config.functions).map(([name, settings]) => [name, { timeoutMs: settings.timeoutSeconds * 1000, memoryMb: settings.memoryMb }]),
  )
}

const APP_ID = /^wx[0-9a-f]{16}$/
const ENV_ID = /^[a-z][a-z0-9-]{3,39}$/
const VERSION = /^\d+\.\d+\.\d+$/

/** For `npm run deploy`: the file must exist and name the account, environment and upload. */
export function loadDeployConfig(functionNames: string[], templateNames: string[], env: NodeJS.ProcessEnv = process.env): DeployConfig {
  const source = configFile(env)
  const name = path.basename(source)
  if (!existsSync(source)) {
    throw new ConfigError([`找不到 ${path.relative(ROOT, source) || source}：复制 deploy.config.example.json 为 deploy.config.json，填写 AppID、云环境 ID 和模板 ID（见 docs/deploy.md）`])
  }
  const file = parseFile(source)
  const problems: string[] = []
  if (!APP_ID.test(file.appId)) problems.push(`${name}：appId ${file.appId ? '格式不正确' : '未填写'}，应为 wx 开头的 18 位 AppID（微信公众平台 → 开发管理 → 开发设置）`)
  if (!ENV_ID.test(file.cloudEnv)) problems.push(`${name}：cloudEnv ${file.cloudEnv ? '格式不正确' : '未填写'}，应为云开发控制台显示的环境 ID`)
  if (!VERSION.test(file.miniProgram.version)) problems.push(`${name}：miniProgram.version 应为 1.2.3 这样的版本号`)
  if (file.miniProgram.description.trim() === '') problems.push(`${name}：miniProgram.description 未填写（上传时的版本说明）`)
  for (const template of templateNames) {
    if (!file.subscribeTemplates[template]) problems.push(`${name}：subscribeTemplates.${template} 未填写（订阅消息模板 ID，见 docs/deploy.md）`)
  }
  for (const template of Object.keys(file.subscribeTemplates)) {
    if (!templateNames.includes(template)) problems.push(`${name}：subscribeTemplates.${template} 不是本程序使用的模板（可用：${templateNames.join('、')}）`)
  }
  let settings: ReturnType<typeof resolveSettings> | undefined
  try {
    settings = resolveSettings(file, functionNames, source)
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    problems.push(...error.problems)
  }
  if (problems.length > 0 || !settings) throw new ConfigError(problems)
  return {
    source,
    appId: file.appId,
    cloudEnv: file.cloudEnv,
    region: file.region,
    miniProgram: {
      ...file.miniProgram,
      privateKeyPath: path.resolve(path.dirname(source), file.miniProgram.privateKeyPath || `private.${file.appId}.key`),
    },
    subscribeTemplates: file.subscribeTemplates,
    ...settings,
  }
}

/**
 * Checks the secret values on the machine that deploys (missing ones are the plan's to report):
 * their format, and today's single-key variable that UNIONHUB_DATA_KEYS replaces.
 */
export function checkSecretValues(config: Pick<LocalConfig, 'secrets'>, env: NodeJS.ProcessEnv = process.env): string[] {
  const problems: string[] = []
  if (env.UNIONHUB_DATA_KEY && !env.UNIONHUB_DATA_KEYS) {
    problems.push('本机设置的是旧变量 UNIONHUB_DATA_KEY：请改为 UNIONHUB_DATA_KEYS="v1:<原来的值>"，旧数据照常可读（见 docs/deploy.md「从旧版本升级」）')
  }
  if (config.secrets.includes('UNIONHUB_DATA_KEYS') && env.UNIONHUB_DATA_KEYS) {
    try {
      parseDataKeys(env.UNIONHUB_DATA_KEYS)
    } catch (error) {
      problems.push(`环境变量 UNIONHUB_DATA_KEYS 格式不正确（应为 id:32字节base64，多个用逗号分隔）：${(error as Error).message}`)
    }
  }
  if (config.secrets.includes('UNIONHUB_CARD_KEY') && env.UNIONHUB_CARD_KEY && Buffer.from(env.UNIONHUB_CARD_KEY, 'base64').length < 16) {
    problems.push('环境变量 UNIONHUB_CARD_KEY 太短：应为至少 16 字节的 base64（openssl rand -base64 32）')
  }
  if (config.secrets.includes('UNIONHUB_SETUP_SECRET') && env.UNIONHUB_SETUP_SECRET && env.UNIONHUB_SETUP_SECRET.length < 16) {
    problems.push('环境变量 UNIONHUB_SETUP_SECRET 太短：至少 16 个字符（openssl rand -base64 24）')
  }
  return problems
}
