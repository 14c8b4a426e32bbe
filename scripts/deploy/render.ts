import type { DesiredFunction } from './desired'
import type { Change, Plan } from './plan'
import type { IndexState, SecurityRule } from './transport'
import { bundledData } from './seeds'

/** The plan as the IT team reads it: every function and collection, marked + new, ~ changed, = unchanged. */

const RULE_NAMES: Record<SecurityRule['aclTag'], string> = {
  ADMINONLY: '仅管理端可读写',
  ADMINWRITE: '所有用户可读，仅管理端可写',
  READONLY: '所有用户可读，仅创建者可写',
  PRIVATE: '仅创建者可读写',
  CUSTOM: '自定义规则',
}

const short = (hash: string | null) => (hash ? hash.slice(0, 12) : '无记录')
const list = (names: string[]) => names.join('、')
const ruleText = (rule: SecurityRule) => (rule.aclTag === 'CUSTOM' ? `自定义规则 ${rule.rule}` : RULE_NAMES[rule.aclTag])
export const indexText = (index: IndexState) =>
  `${index.name}(${index.keys.map((key) => `${key.field}${key.direction === 1 ? '↑' : key.direction === -1 ? '↓' : '（地理位置）'}`).join(' ')}${index.unique ? '，唯一' : ''})`

/** One change as one line, for the plan and for the progress of a deployment. */
export function describeChange(change: Change): string {
  switch (change.kind) {
    case 'collection.create':
      return `新建集合 ${change.collection}`
    case 'index.drop':
      return `删除集合 ${change.collection} 的索引 ${change.index}（${change.reason === 'changed' ? '定义已改变，将重建' : 'collections.json 未声明'}）`
    case 'index.create':
      return `为集合 ${change.collection} 建索引 ${indexText(change.index)}`
    case 'rule.set':
      return `集合 ${change.collection} 的安全规则设为「${ruleText(change.rule)}」${change.from ? `（现为「${ruleText(change.from)}」）` : ''}`
    case 'function.create':
      return `创建云函数 ${change.function}`
    case 'function.code':
      return `上传云函数 ${change.function} 的代码 ${short(change.hash)}（云端 ${short(change.from)}）`
    case 'function.settings': {
      const parts: string[] = []
      if (change.timeout.from !== change.timeout.to) parts.push(`超时 ${change.timeout.from ?? '?'} → ${change.timeout.to} 秒`)
      if (change.memory.from !== change.memory.to) parts.push(`内存 ${change.memory.from ?? '?'} → ${change.memory.to} MB`)
      const { added, changed, removed } = change.environment
      if (added.length > 0) parts.push(`新增环境变量 ${list(added)}`)
      if (changed.length > 0) parts.push(`环境变量值不同 ${list(changed)}`)
      if (removed.length > 0) parts.push(`删除环境变量 ${list(removed)}`)
      return `更新云函数 ${change.function} 的设置：${parts.join('；')}`
    }
    case 'trigger.delete':
      return `删除云函数 ${change.function} 的定时触发器 ${change.trigger}`
    case 'trigger.create':
      return `为云函数 ${change.function} 创建定时触发器 ${change.trigger.name}「${change.trigger.config}」`
    case 'seed':
      return `向集合 ${change.collection} 写入 ${change.documents.length} 条数据（${change.name}）`
    case 'miniprogram.upload':
      return `上传小程序 ${change.version}「${change.description}」${change.from ? `（上次上传 ${change.from}）` : ''}`
  }
}

function functionLines(fn: DesiredFunction, changes: Change[], secretNames: string[]): string[] {
  const mine = changes.filter((change) => 'function' in change && change.function === fn.name)
  const mark = mine.some((change) => change.kind === 'function.create') ? '+' : mine.length > 0 ? '~' : '='
  const variables = Object.keys(fn.environment)
    .sort()
    .map((name) => (secretNames.includes(name) ? `${name}（密钥）` : name))
  const indent = ' '.repeat(6)
  return [
    `  ${mark} ${fn.name}`,
    `${indent}代码 ${short(fn.bundleHash)}  超时 ${fn.timeoutSeconds} 秒  内存 ${fn.memoryMb} MB`,
    `${indent}环境变量 ${list(variables)}`,
    `${indent}定时触发器 ${fn.triggers.length > 0 ? list(fn.triggers.map((trigger) => `${trigger.name}「${trigger.config}」`)) : '无'}`,
    `${indent}openapi 权限 ${fn.openapi.length > 0 ? list(fn.openapi) : '无'}`,
    ...mine.map((change) => `${indent}→ ${describeChange(change)}`),
  ]
}

export function renderPlan(plan: Plan, target: string): string {
  const { desired, changes } = plan
  const lines = [`部署计划：${target}`, '']

  lines.push(`集合（${desired.collections.length} 个）`)
  for (const collection of desired.collections) {
    const mine = changes.filter((change) => 'collection' in change && change.collection === collection.name && change.kind !== 'seed')
    const mark = mine.some((change) => change.kind === 'collection.create') ? '+' : mine.length > 0 ? '~' : '='
    lines.push(`  ${mark} ${collection.name}  安全规则「${ruleText(collection.rule)}」  索引 ${collection.indexes.length > 0 ? list(collection.indexes.map(indexText)) : '无'}`)
    for (const change of mine) lines.push(`      → ${describeChange(change)}`)
  }

  lines.push('', `云函数（${desired.functions.length} 个，运行环境 ${desired.runtime}）`)
  for (const fn of desired.functions) lines.push(...functionLines(fn, changes, desired.secretNames))

  lines.push('', '数据')
  if (desired.seeds.length === 0) lines.push('  （没有需要部署写入的数据）')
  for (const note of bundledData()) lines.push(`  = ${note}`)
  for (const seed of desired.seeds) {
    const change = changes.find((candidate) => candidate.kind === 'seed' && candidate.name === seed.name)
    lines.push(`  ${change ? '~' : '='} ${seed.name}：集合 ${seed.collection}，${seed.documents.length} 条${change ? `，${describeChange(change)}` : '，与云端一致'}`)
  }

  const upload = changes.find((change) => change.kind === 'miniprogram.upload')
  lines.push('', '小程序')
  lines.push(`  ${upload ? '~' : '='} 版本 ${desired.miniProgram.version}「${desired.miniProgram.description}」  构建 ${short(desired.miniProgram.buildHash)}${upload ? '' : '（已上传，无变化）'}`)
  if (upload) lines.push(`      → ${describeChange(upload)}`)

  lines.push('', changes.length === 0 ? '云端已是最新：没有需要做的变更。' : `共 ${changes.length} 项变更。`)
  if (plan.problems.length > 0) lines.push('', '需要先解决的问题：', ...plan.problems.map((problem) => `  ✗ ${problem}`))
  return lines.join('\n')
}
