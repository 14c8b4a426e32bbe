/**
 * `npm run deploy`: builds, reads what the cloud environment has, prints the plan and carries out
 * only the differences. Run it again and it finds nothing to do.
 *
 *   npm run deploy -- --dry-run        print the plan (reads the cloud, changes nothing)
 *   npm run deploy                     print the plan, ask, then carry it out
 *   npm run deploy -- --yes            carry it out without asking (CI, scripts)
 *   npm run deploy -- --config FILE    another configuration than deploy.config.json
 *   npm run deploy -- --skip-build     use the builds already in cloudfunctions/dist and dist/weapp
 */
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { createInterface } from 'node:readline/promises'
import { parseArgs } from 'node:util'
import { functionNames } from '../build-functions'
import { applyPlan, DeploymentInterrupted, readCurrentState } from './apply'
import { connectToCloud } from './cloud-transport'
import { checkSecretValues, ConfigError, CONFIG_VARIABLE, loadDeployConfig, ROOT, TEMPLATE_NAMES, templateEnvironment, type DeployConfig } from './config'
import { desiredState, type DesiredState } from './desired'
import { plan, type Plan } from './plan'
import { renderPlan } from './render'
import { seedSets } from './seeds'
import type { DeployTransport } from './transport'

export interface DeployOptions {
  dryRun: boolean
  log: (line: string) => void
  /** Asked before changing anything; resolves false to stop. */
  confirm: (plan: Plan) => Promise<boolean>
}

/**
 * The whole deployment against a transport: read, plan, print, and unless it is a dry run, apply.
 * Resolves the plan and the number of changes carried out.
 */
export async function deploy(desired: DesiredState, transport: DeployTransport, target: string, extraProblems: string[], options: DeployOptions) {
  options.log('读取云端现状…')
  const current = await readCurrentState(transport, desired)
  const result = plan(desired, current)
  result.problems.push(...extraProblems)
  options.log(renderPlan(result, target))
  if (options.dryRun) return { plan: result, applied: 0 }
  if (result.problems.length > 0) throw new ConfigError(['计划中有需要先解决的问题（见上），没有做任何变更'])
  if (result.changes.length === 0) return { plan: result, applied: 0 }
  if (!(await options.confirm(result))) {
    options.log('已取消，没有做任何变更。')
    return { plan: result, applied: 0 }
  }
  options.log('\n开始部署：')
  const applied = await applyPlan(result, transport, options.log)
  options.log(`\n完成 ${applied} 项变更。再次运行 npm run deploy -- --dry-run 应显示“云端已是最新”。`)
  return { plan: result, applied }
}

function run(script: string, config: DeployConfig) {
  console.log(`\n> npm run ${script}`)
  // The weapp build reads the same configuration file (config/index.ts) for the environment and templates.
  const result = spawnSync('npm', ['run', script], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, [CONFIG_VARIABLE]: config.source } })
  if (result.status !== 0) throw new Error(`npm run ${script} 失败（退出码 ${result.status}）`)
}

async function askToProceed(yes: boolean): Promise<boolean> {
  if (yes) return true
  if (!process.stdin.isTTY) throw new ConfigError(['不是在终端里运行：确认计划后用 npm run deploy -- --yes 执行'])
  const readline = createInterface({ input: process.stdin, output: process.stdout })
  const answer = await readline.question('\n按计划部署？输入 yes 继续：')
  readline.close()
  return answer.trim().toLowerCase() === 'yes'
}

async function main() {
  const { values } = parseArgs({
    options: {
      'dry-run': { type: 'boolean', default: false },
      yes: { type: 'boolean', default: false },
      config: { type: 'string' },
      'skip-build': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  if (values.help) {
    console.log(`npm run deploy -- [options]
  --dry-run       print the plan: reads the cloud environment, changes nothing
  --yes           carry the plan out without asking
  --config FILE   deployment configuration (default deploy.config.json)
  --skip-build    use the existing builds in cloudfunctions/dist and dist/weapp`)
    return
  }
  if (values.config) process.env[CONFIG_VARIABLE] = path.resolve(values.config)
  const config = loadDeployConfig(functionNames(), TEMPLATE_NAMES)
  const secretProblems = checkSecretValues(config)
  if (!values['dry-run'] && secretProblems.length > 0) throw new ConfigError(secretProblems)

  if (!values['skip-build']) {
    run('build:functions', config)
    run('build:weapp', config)
  }
  const desired = desiredState({
    config,
    functionsDir: path.join(ROOT, 'cloudfunctions', 'dist'),
    weappDir: path.join(ROOT, 'dist', 'weapp'),
    extraEnvironment: templateEnvironment(config.subscribeTemplates),
    secretValues: process.env,
    seeds: seedSets(),
  })
  const { transport, uploadProblems } = await connectToCloud(config)
  const target = `云开发环境 ${config.cloudEnv}（小程序 ${config.appId}，配置 ${path.relative(ROOT, config.source)}）`
  const outcome = await deploy(desired, transport, target, [...secretProblems, ...uploadProblems], {
    dryRun: values['dry-run'],
    log: (line) => console.log(line),
    confirm: () => askToProceed(values.yes),
  })
  if (outcome.plan.problems.length > 0) process.exitCode = 1
}

if (require.main === module) {
  main().catch((error: unknown) => {
    if (error instanceof ConfigError) console.error(`\n${error.problems.map((problem) => `✗ ${problem}`).join('\n')}`)
    else if (error instanceof DeploymentInterrupted) {
      console.error(`\n✗ 部署中断：${error.message}\n之前的 ${error.done} 项变更已完成并保留；修正后再次运行 npm run deploy，它只会做剩下的部分。`)
    } else console.error(`\n✗ ${(error as Error).message}`)
    process.exit(1)
  })
}
