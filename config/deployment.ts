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

export interface ClientDeployment {
  /** The cloud environment the mini program calls; empty for the account's default one. */
  cloudEnv: string
  /** Template ids that are filled in, by template name. */
  subscribeTemplates: Record<string, string>
}

/** What the weapp and H5 builds inline. A malformed file is reported by `npm run deploy -- --dry-run` in full. */
export function clientDeployment(env: NodeJS.ProcessEnv = process.env): ClientDeployment {
  const file = deploymentFile(env)
  const raw = JSON.parse(readFileSync(file, 'utf8')) as { cloudEnv?: unknown; subscribeTemplates?: unknown }
  const templates = raw.subscribeTemplates ?? {}
  if (typeof (raw.cloudEnv ?? '') !== 'string' || typeof templates !== 'object' || templates === null || Object.values(templates).some((id) => typeof id !== 'string')) {
    throw new Error(`${path.relative(ROOT, file)}：cloudEnv 或 subscribeTemplates 格式不正确，运行 npm run deploy -- --dry-run 查看详细说明`)
  }
  return {
    cloudEnv: (raw.cloudEnv as string | undefined) ?? '',
    subscribeTemplates: Object.fromEntries(Object.entries(templates as Record<string, string>).filter(([, id]) => id !== '')),
  }
}
