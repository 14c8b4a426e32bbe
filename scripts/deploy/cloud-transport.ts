import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Result } from '@shared/result'
import type { RotateKeysReply } from '../../cloudfunctions/src/maintenance/jobs'
import { ConfigError, ROOT, type DeployConfig } from './config'
import type { CollectionState, DeployTransport, FunctionState, IndexState, MaintenanceTarget, SecurityRule, StoredDocument } from './transport'

/**
 * The transport to the real cloud: each method is one or two calls of the official tools.
 *   - miniprogram-ci (WeChat's, with the mini program's code-upload key): the mini program upload and
 *     function code, the same path DevTools' 上传并部署：云端安装依赖 takes;
 *   - @cloudbase/manager-node (Tencent's, with a Tencent Cloud API key): function creation and
 *     settings, triggers, collections, indexes, security rules, documents and invocation.
 * Nothing here decides anything; the plan does. None of it can run on a machine that cannot reach
 * WeChat's and Tencent's servers (docs/deploy.md says what was and was not run).
 */

/** How a deployment records the bundle it uploaded: in the function's description, visible in the console. */
export const bundleMarker = (hash: string) => `工会通 bundle sha256:${hash}`

export function bundleHashOf(description: string | undefined): string | null {
  return /bundle sha256:([0-9a-f]{64})/.exec(description ?? '')?.[1] ?? null
}

/** A timer's cron as SCF reports it: the expression itself, or JSON such as `{"cron":"0 0 * * * * *"}`. */
export function cronOf(triggerDesc: string | undefined): string {
  const text = (triggerDesc ?? '').trim()
  if (!text.startsWith('{')) return text
  try {
    const parsed = JSON.parse(text) as { cron?: unknown }
    return typeof parsed.cron === 'string' ? parsed.cron : text
  } catch {
    return text
  }
}

const TCB_API = { service: 'tcb', version: '2018-06-08' } as const

/** A folder miniprogram-ci can open: project.config.json with the AppID, and the weapp build beside it. */
function stageProject(appId: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'unionhub-upload-'))
  const weapp = path.join(ROOT, 'dist', 'weapp')
  if (existsSync(weapp)) cpSync(weapp, path.join(dir, 'miniprogram'), { recursive: true })
  const committed = JSON.parse(readFileSync(path.join(ROOT, 'project.config.json'), 'utf8')) as Record<string, unknown>
  writeFileSync(path.join(dir, 'project.config.json'), JSON.stringify({ ...committed, appid: appId, miniprogramRoot: 'miniprogram/', cloudfunctionRoot: undefined }, null, 2))
  return dir
}

const indexFromCloud = (index: { Name: string; Keys: Array<{ Name?: string; Direction?: string }>; Unique: boolean }): IndexState => ({
  name: index.Name,
  keys: index.Keys.map((key) => ({ field: key.Name ?? '', direction: key.Direction === '-1' ? -1 : key.Direction === '2dsphere' ? '2dsphere' : 1 })),
  unique: Boolean(index.Unique),
})

export interface CloudConnection {
  transport: DeployTransport
  maintenance: MaintenanceTarget
  /** What stops an upload but not reading: the code-upload key is needed only to change things. */
  uploadProblems: string[]
}

/** Signs in to both tools with the credentials of the machine that deploys. */
export async function connectToCloud(config: DeployConfig): Promise<CloudConnection> {
  const secretId = process.env.TENCENTCLOUD_SECRETID
  const secretKey = process.env.TENCENTCLOUD_SECRETKEY
  if (!secretId || !secretKey) throw new ConfigError(['本机没有设置 TENCENTCLOUD_SECRETID 和 TENCENTCLOUD_SECRETKEY（腾讯云 API 密钥，见 docs/deploy.md）'])
  const uploadProblems = existsSync(config.miniProgram.privateKeyPath)
    ? []
    : [`找不到小程序代码上传密钥 ${path.relative(ROOT, config.miniProgram.privateKeyPath)}（微信公众平台 → 开发管理 → 开发设置 → 小程序代码上传，见 docs/deploy.md）`]

  const { default: CloudBase } = await import('@cloudbase/manager-node')
  const ci = await import('miniprogram-ci')
  const manager = new CloudBase({ secretId, secretKey, envId: config.cloudEnv, region: config.region })
  const tcb = manager.commonService(TCB_API.service, TCB_API.version)
  const { functions, database } = manager
  // One staged copy per run, made when first needed (after the build): both uploads use it.
  let project: InstanceType<typeof ci.Project> | undefined
  const ciProject = () =>
    (project ??= new ci.Project({
      appid: config.appId,
      type: 'miniProgram',
      projectPath: stageProject(config.appId),
      privateKeyPath: config.miniProgram.privateKeyPath,
      ignores: ['node_modules/**/*'],
    }))
  let existingFunctions: Set<string> | undefined
  const functionExists = async (name: string) => {
    existingFunctions ??= new Set((await functions.listAllFunctions({ envId: config.cloudEnv })).map((fn) => fn.FunctionName!))
    return existingFunctions.has(name)
  }

  const transport: DeployTransport = {
    async readFunction(name): Promise<FunctionState | null> {
      if (!(await functionExists(name))) return null
      const detail = await functions.getFunctionDetail(name)
      return {
        runtime: detail.Runtime,
        timeoutSeconds: detail.Timeout,
        memoryMb: detail.MemorySize,
        bundleHash: bundleHashOf(detail.Description),
        environment: Object.fromEntries((detail.Environment?.Variables ?? []).map((variable) => [variable.Key, variable.Value])),
        triggers: (detail.Triggers ?? []).filter((trigger) => trigger.Type === 'timer').map((trigger) => ({ name: trigger.TriggerName, config: cronOf(trigger.TriggerDesc) })),
      }
    },

    async readCollection(name): Promise<CollectionState | null> {
      if (!(await database.checkCollectionExists(name)).Exists) return null
      const table = await database.describeCollection(name)
      const safeRule = (await tcb.call({ Action: 'DescribeSafeRule', Param: { EnvId: config.cloudEnv, CollectionName: name, WxAppId: config.appId } })) as {
        AclTag: SecurityRule['aclTag']
        Rule?: string | null
      }
      return {
        indexes: (table.Indexes ?? []).filter((index) => index.Name !== '_id_').map(indexFromCloud),
        rule: { aclTag: safeRule.AclTag, rule: safeRule.AclTag === 'CUSTOM' ? (safeRule.Rule ?? null) : null },
      }
    },

    async readDocuments(collection, ids): Promise<StoredDocument[]> {
      if (!(await database.checkCollectionExists(collection)).Exists) return []
      const reply = await database.runCommands({
        MgoCommands: [{ TableName: collection, CommandType: 'QUERY', Command: JSON.stringify({ find: collection, filter: { _id: { $in: ids } } }) }],
      })
      // Data[0] is a JSON array of documents, each itself JSON (extended JSON for dates).
      const rows = JSON.parse(reply.Data[0] ?? '[]') as string[]
      return rows.map((row) => JSON.parse(row) as StoredDocument)
    },

    async createFunction(spec) {
      await functions.createFunction({
        func: {
          name: spec.name,
          runtime: spec.runtime,
          handler: 'index.main',
          timeout: spec.timeoutSeconds,
          memorySize: spec.memoryMb,
          envVariables: spec.environment,
          installDependency: true,
          ignore: ['node_modules'],
        },
        functionRootPath: path.dirname(spec.dir),
        force: false,
      })
      await functions.waitFunctionActive(spec.name)
      existingFunctions?.add(spec.name)
    },

    async uploadFunctionCode(name, dir) {
      await ci.cloud.uploadFunction({ project: ciProject(), env: config.cloudEnv, name, path: dir, remoteNpmInstall: true })
      await functions.waitFunctionActive(name)
    },

    async recordBundleHash(name, hash) {
      await functions.updateFunctionConfig({ name, description: bundleMarker(hash) })
      await functions.waitFunctionActive(name)
    },

    async updateFunctionSettings(name, settings) {
      await functions.updateFunctionConfig({ name, timeout: settings.timeoutSeconds, memorySize: settings.memoryMb, envVariables: settings.environment })
      await functions.waitFunctionActive(name)
    },

    async createTrigger(name, trigger) {
      await functions.createFunctionTriggers(name, [{ name: trigger.name, type: 'timer', config: trigger.config }])
    },

    async deleteTrigger(name, triggerName) {
      await functions.deleteFunctionTrigger(name, triggerName)
    },

    async createCollection(name) {
      await database.createCollectionIfNotExists(name)
    },

    async createIndex(collection, index) {
      await database.updateCollection(collection, {
        CreateIndexes: [
          {
            IndexName: index.name,
            MgoKeySchema: { MgoIndexKeys: index.keys.map((key) => ({ Name: key.field, Direction: String(key.direction) })), MgoIsUnique: index.unique },
          },
        ],
      })
    },

    async dropIndex(collection, indexName) {
      await database.updateCollection(collection, { DropIndexes: [{ IndexName: indexName }] })
    },

    async setSecurityRule(collection, rule) {
      await tcb.call({
        Action: 'ModifySafeRule',
        Param: { EnvId: config.cloudEnv, CollectionName: collection, AclTag: rule.aclTag, ...(rule.aclTag === 'CUSTOM' ? { Rule: rule.rule } : {}) },
      })
    },

    async writeDocuments(collection, documents) {
      await database.runCommands({
        MgoCommands: [
          {
            TableName: collection,
            CommandType: 'UPDATE',
            Command: JSON.stringify({ update: collection, updates: documents.map((document) => ({ q: { _id: document._id }, u: document, upsert: true })) }),
          },
        ],
      })
    },

    async uploadMiniProgram(upload) {
      await ci.upload({
        project: ciProject(),
        version: upload.version,
        desc: upload.description,
        robot: upload.robot,
        // Taro's output is already compiled for the mini program runtime and minified.
        setting: { es6: false, es7: false, minify: false, autoPrefixWXSS: false },
        onProgressUpdate: () => undefined,
      })
    },
  }

  const maintenance: MaintenanceTarget = {
    name: `云开发环境 ${config.cloudEnv}`,
    async invoke(job) {
      const reply = await functions.invokeFunction('maintenance', job)
      if (reply.ErrMsg) throw new Error(`维护函数运行出错：${reply.ErrMsg}`)
      return JSON.parse(reply.RetMsg) as Result<RotateKeysReply>
    },
  }
  return { transport, maintenance, uploadProblems }
}
