import { fail, GENERIC_MESSAGES, ok, type Result } from '@shared/result'
import { hasCallerIdentity } from '../_lib/cloud'
import { maintenanceJob } from './jobs'
import { countStale, rotateBatch } from './rotate-keys'

/**
 * Jobs the IT team runs against the deployed environment (`npm run rotate-keys`), inside the cloud
 * so that personal data is opened only where its keys already are. The management API invokes a
 * function with the job as its whole event and nobody behind it; WeChat puts `userInfo` into the
 * event of every call from the mini program, signed in or not (as `_lib/router.ts` relies on for
 * timers), so a person is refused before anything is read.
 */
function fromManagement(event: unknown): boolean {
  return typeof event === 'object' && event !== null && !('userInfo' in event) && !hasCallerIdentity()
}

async function run(event: unknown): Promise<Result<unknown>> {
  if (!fromManagement(event)) return fail('FORBIDDEN', '维护任务只能由部署人员通过管理端调用')
  const parsed = maintenanceJob.safeParse(event)
  if (!parsed.success) return fail('INVALID_INPUT', '未知的维护任务或参数不正确', [{ path: 'job', message: '未知的维护任务或参数不正确' }])
  const job = parsed.data
  try {
    return ok(job.dryRun ? await countStale(job.cursor, job.batchSize) : await rotateBatch(job.batchSize, job.begin))
  } catch (error) {
    // Logged for operators only (no personal data is ever in these errors).
    console.error(`[maintenance.${job.job}]`, error)
    return fail('INTERNAL', GENERIC_MESSAGES.INTERNAL)
  }
}

/** No timer triggers (config.json declares none); listed like every function's, for the timers test. */
export const main = Object.assign(run, { timers: [] as string[] })
