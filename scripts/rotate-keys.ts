/**
 * `npm run rotate-keys`: re-seals stored personal data under the current data key (the first of
 * UNIONHUB_DATA_KEYS), so that older keys can be removed. The work runs inside the cloud, in the
 * `maintenance` function, one batch per invocation; this script only drives it and reports. It is
 * safe to stop at any time: the next run goes on from the last finished batch.
 *
 *   npm run rotate-keys -- --dry-run           how many records each key still seals; changes nothing
 *   npm run rotate-keys                        re-seal everything under the current key
 *   npm run rotate-keys -- --new-key           print a fresh key entry for UNIONHUB_DATA_KEYS
 *   npm run rotate-keys -- --local URL         against a local cloud (npm start) instead of the deployment
 *   npm run rotate-keys -- --batch-size 100    records per invocation (1–500)
 */
import { randomBytes } from 'node:crypto'
import { parseArgs } from 'node:util'
import type { Result } from '@shared/result'
import type { RotateKeysJob, RotateKeysReply, RotationCounts } from '../cloudfunctions/src/maintenance/jobs'
import { KEY_ID, parseDataKeys } from '../cloudfunctions/src/_lib/personal-data'
import { functionNames } from './build-functions'
import { ConfigError, loadDeployConfig, TEMPLATE_NAMES } from './deploy/config'
import { connectToCloud } from './deploy/cloud-transport'
import type { MaintenanceTarget } from './deploy/transport'

/** A local cloud (`npm start`): its stand-in for the management API's Invoke. */
export function localTarget(url: string): MaintenanceTarget {
  const base = url.replace(/\/+$/, '')
  return {
    name: `本地云 ${base}`,
    async invoke(job) {
      const response = await fetch(`${base}/__emulator/invoke/maintenance`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(job) })
      if (!response.ok) throw new Error(`本地云拒绝了调用（HTTP ${response.status}）：${await response.text()}`)
      return (await response.json()) as Result<RotateKeysReply>
    },
  }
}

export interface Totals {
  currentKeyId: string
  keyIds: string[]
  byCollection: Record<string, RotationCounts>
}

export type Log = (line: string) => void

const ATTEMPTS = 3

/** One invocation, tried again after a passing failure (a cold instance timing out, the network). */
async function call(target: MaintenanceTarget, job: RotateKeysJob, log: Log): Promise<RotateKeysReply> {
  let last = ''
  for (let attempt = 1; attempt <= ATTEMPTS; attempt += 1) {
    try {
      const reply = await target.invoke(job)
      if (reply.ok) return reply.data
      last = `${reply.error.code} ${reply.error.message}`
      if (reply.error.code !== 'INTERNAL') break
    } catch (error) {
      last = (error as Error).message
    }
    if (attempt < ATTEMPTS) {
      log(`  调用失败（${last}），${attempt * 2} 秒后重试`)
      await new Promise((resolve) => setTimeout(resolve, attempt * 2000))
    }
  }
  throw new Error(`维护函数调用失败：${last}`)
}

function add(into: Record<string, RotationCounts>, batch: Record<string, RotationCounts>) {
  for (const [name, counts] of Object.entries(batch)) {
    const total = (into[name] ??= { scanned: 0, stale: 0, resealed: 0, unreadable: 0, unreadableIds: [], byKey: {} })
    total.scanned += counts.scanned
    total.stale += counts.stale
    total.resealed += counts.resealed
    total.unreadable += counts.unreadable
    total.unreadableIds.push(...counts.unreadableIds.slice(0, Math.max(0, 20 - total.unreadableIds.length)))
    for (const [key, n] of Object.entries(counts.byKey)) total.byKey[key] = (total.byKey[key] ?? 0) + n
  }
}

/** Walks every sealed record without writing: what each key still seals, and what a rotation would change. */
export async function countByKey(target: MaintenanceTarget, batchSize: number, log: Log = () => undefined): Promise<Totals> {
  const byCollection: Record<string, RotationCounts> = {}
  let reply = await call(target, { job: 'rotateKeys', dryRun: true, batchSize }, log)
  add(byCollection, reply.batch)
  while (reply.cursor) {
    reply = await call(target, { job: 'rotateKeys', dryRun: true, batchSize, cursor: reply.cursor }, log)
    add(byCollection, reply.batch)
  }
  return { currentKeyId: reply.currentKeyId, keyIds: reply.keyIds, byCollection }
}

export interface RotationResult extends Totals {
  passes: number
  resealedTotal: number
  unreadable: number
}

/**
 * Re-seals batch after batch until the function reports a clean pass. `expectedKeyId` (the first key
 * on this machine) guards against rotating before the functions were redeployed with the new key.
 */
export async function rotate(
  target: MaintenanceTarget,
  options: { batchSize: number; expectedKeyId?: string; log?: Log },
): Promise<RotationResult> {
  const log = options.log ?? (() => undefined)
  const probe = await call(target, { job: 'rotateKeys', dryRun: true, batchSize: 1 }, log)
  if (options.expectedKeyId && probe.currentKeyId !== options.expectedKeyId) {
    throw new Error(
      `云函数当前用于加密的密钥是 ${probe.currentKeyId}，而本机 UNIONHUB_DATA_KEYS 的第一个是 ${options.expectedKeyId}：请先运行 npm run deploy 更新云函数的环境变量`,
    )
  }
  log(`把个人信息重新加密到密钥 ${probe.currentKeyId}（云函数持有的密钥：${probe.keyIds.join('、')}）`)
  const byCollection: Record<string, RotationCounts> = {}
  let reply: RotateKeysReply
  let begin = true
  do {
    reply = await call(target, { job: 'rotateKeys', batchSize: options.batchSize, begin }, log)
    begin = false
    add(byCollection, reply.batch)
    for (const [name, counts] of Object.entries(reply.batch)) {
      log(`  第 ${reply.pass} 遍  ${name.padEnd(12)} 读取 ${String(counts.scanned).padStart(4)}  重新加密 ${String(counts.resealed).padStart(4)}  累计 ${reply.resealedTotal}`)
    }
  } while (!reply.finished)
  return { currentKeyId: reply.currentKeyId, keyIds: reply.keyIds, byCollection, passes: reply.pass, resealedTotal: reply.resealedTotal, unreadable: reply.unreadableInPass }
}

/** A fresh entry for the front of UNIONHUB_DATA_KEYS: a dated id and 32 random bytes. */
export function newKeyEntry(existingIds: string[], now = new Date()): string {
  const stem = `k${now.toISOString().slice(0, 10).replace(/-/g, '')}`
  let id = stem
  for (let n = 2; existingIds.includes(id); n += 1) id = `${stem}-${n}`
  if (!KEY_ID.test(id)) throw new Error(`generated an invalid key id ${id}`)
  return `${id}:${randomBytes(32).toString('base64')}`
}

function printTotals(totals: Totals, log: Log) {
  log(`\n云函数持有的密钥：${totals.keyIds.join('、')}（加密新数据用 ${totals.currentKeyId}）`)
  const used: Record<string, number> = {}
  let stale = 0
  let unreadable = 0
  for (const [name, counts] of Object.entries(totals.byCollection)) {
    const keys = Object.entries(counts.byKey).map(([key, n]) => `${key} ${n}`).join('，') || '无加密字段'
    log(`  ${name.padEnd(12)} 记录 ${String(counts.scanned).padStart(6)}  待重新加密 ${String(counts.stale).padStart(6)}  无法解密 ${counts.unreadable}  （${keys}）`)
    for (const [key, n] of Object.entries(counts.byKey)) used[key] = (used[key] ?? 0) + n
    stale += counts.stale
    unreadable += counts.unreadable
  }
  const retirable = totals.keyIds.filter((key) => key !== totals.currentKeyId && !used[key])
  log(`\n待重新加密的记录：${stale}`)
  if (unreadable > 0) log(`无法解密的记录：${unreadable}（缺少密钥，或数据被改动）：${Object.values(totals.byCollection).flatMap((c) => c.unreadableIds).join('、')}`)
  log(retirable.length > 0 ? `已不再使用、可以从 UNIONHUB_DATA_KEYS 移除的密钥：${retirable.join('、')}（移除前先备份，见 docs/deploy.md）` : '暂无可以移除的旧密钥')
}

async function main() {
  const { values } = parseArgs({
    options: {
      'dry-run': { type: 'boolean', default: false },
      'new-key': { type: 'boolean', default: false },
      local: { type: 'string' },
      'batch-size': { type: 'string', default: '100' },
      config: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  if (values.help) {
    console.log(`npm run rotate-keys -- [options]
  --dry-run          count what each key still seals and what would be re-sealed; change nothing
  --new-key          print a fresh key entry to put first in UNIONHUB_DATA_KEYS
  --local URL        run against a local cloud (npm start) instead of the deployment
  --batch-size N     records per invocation, 1–500 (default 100)
  --config FILE      deployment configuration (default deploy.config.json)`)
    return
  }
  const log: Log = (line) => console.log(line)
  const localKeys = process.env.UNIONHUB_DATA_KEYS ? parseDataKeys(process.env.UNIONHUB_DATA_KEYS) : []
  if (values['new-key']) {
    const entry = newKeyEntry(localKeys.map((key) => key.id))
    log(`新密钥（只显示这一次，请立即按 docs/deploy.md 备份）：\n\n${entry}\n`)
    log(`先把它加在 UNIONHUB_DATA_KEYS 末尾并部署（各云函数都能解密），再移到最前面并部署（开始用它加密），然后运行 npm run rotate-keys。`)
    return
  }
  const batchSize = Number(values['batch-size'])
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 500) throw new ConfigError(['--batch-size 应为 1–500 的整数'])

  let target: MaintenanceTarget
  if (values.local) target = localTarget(values.local)
  else {
    if (values.config) process.env.UNIONHUB_DEPLOY_CONFIG = values.config
    const config = loadDeployConfig(functionNames(), TEMPLATE_NAMES)
    target = (await connectToCloud(config)).maintenance
  }
  log(`目标：${target.name}`)
  if (values['dry-run']) {
    printTotals(await countByKey(target, batchSize, log), log)
    return
  }
  const result = await rotate(target, { batchSize, expectedKeyId: values.local ? undefined : localKeys[0]?.id, log })
  log(`\n完成：共 ${result.passes} 遍，重新加密 ${result.resealedTotal} 条记录；最后一遍没有发现待处理的记录。`)
  if (result.unreadable > 0) {
    log(`但有 ${result.unreadable} 条记录无法解密（缺少旧密钥，或数据被改动），它们保持原样：先用 --dry-run 查看是哪些记录，找回对应密钥后再运行。`)
    process.exitCode = 2
  } else log('用 npm run rotate-keys -- --dry-run 可确认旧密钥已不再使用，然后按 docs/deploy.md 移除它。')
}

if (require.main === module) {
  main().catch((error: unknown) => {
    if (error instanceof ConfigError) console.error(error.problems.map((problem) => `✗ ${problem}`).join('\n'))
    else console.error(`✗ ${(error as Error).message}`)
    console.error('已完成的批次都已保存；再次运行 npm run rotate-keys 会从中断处继续。')
    process.exit(1)
  })
}
