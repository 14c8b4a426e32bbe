import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'

/**
 * Which deployment configuration is in use, and the fields the client build inlines from it. It
 * lives in config/ because Taro compiles only this folder when it loads config/index.ts; the full
 * validation is scripts/deploy/config.ts, which builds on the same rule.
 */

export const ROOT = path.resolve(__dirname, '..')
export const CONFIG_FILE = path.join(ROOT, 'deploy.config.json')
export const EXAMPLE_FILE = path.join(ROOT, 'deploy.config.example.json')
/** Another file instead of deploy.config.json (`npm run deploy -- --config FILE` sets it for the build too). */
export const CONFIG_VARIABLE = 'UNIONHUB_DEPLOY_CONFIG'

/** UNIONHUB_DEPLOY_CONFIG if set; else deploy.config.json if the union has written one; else the committed example. */
export function deploymentFile(env: NodeJS.ProcessEnv = process.env, defaultFile = CONFIG_FILE): string {
  if (env[CONFIG_VARIABLE]) return path.resolve(env[CONFIG_VARIABLE])
  return existsSync(defaultFile) ? defaultFile : EXAMPLE_FILE
}

/** The variable that carries a template's id, in the build and in every function: `joinResult` → `UNIONHUB_TEMPLATE_JOIN_RESULT`. */
export function templateVariable(name: string): string {
  return `UNIONHUB_TEMPLATE_${name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()}`
}

export interface ClientDeployment {
  /** The cloud environment the mini program calls; empty for the account's default one. */
  cloudEnv: string
  /**
   * Every template's variable with the configured id, or '' where none is filled in (the code then
   * uses its placeholder id). All are defined, since an undefined `process.env.X` has no value in the
   * mini program runtime; the names come from the committed example, which lists every template.
   */
  templateVariables: Record<string, string>
}

const malformed = (file: string) => new Error(`${path.relative(ROOT, file)}：cloudEnv 或 subscribeTemplates 格式不正确，运行 npm run deploy -- --dry-run 查看详细说明`)

function read(file: string): { cloudEnv: string; templates: Record<string, unknown> } {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as { cloudEnv?: unknown; subscribeTemplates?: unknown }
  const cloudEnv = raw.cloudEnv ?? ''
  const templates = raw.subscribeTemplates ?? {}
  if (typeof cloudEnv !== 'string' || typeof templates !== 'object' || templates === null || Array.isArray(templates)) throw malformed(file)
  return { cloudEnv, templates: templates as Record<string, unknown> }
}

/** What the weapp and H5 builds inline. A malformed file is reported in full by `npm run deploy -- --dry-run`. */
export function clientDeployment(env: NodeJS.ProcessEnv = process.env): ClientDeployment {
  const file = deploymentFile(env)
  const { cloudEnv, templates } = read(file)
  const names = new Set([...Object.keys(read(EXAMPLE_FILE).templates), ...Object.keys(templates)])
  const templateVariables: Record<string, string> = {}
  for (const name of names) {
    const id = templates[name] ?? ''
    if (typeof id !== 'string') throw malformed(file)
    templateVariables[templateVariable(name)] = id
  }
  return { cloudEnv, templateVariables }
}
