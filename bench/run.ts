/**
 * `npm run bench`: runs every `bench/*.bench.ts` in name order, each in its own Node process (the
 * SDK and the local cloud keep process-wide state), and fails if any of them fails.
 *
 *   npx tsx bench/run.ts [name-filter] [-- options for the benches that run]
 *   npm run bench -- functions -- --baseline <git ref>   (cold-start figures before and after, one run)
 */
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import path from 'node:path'

const dir = __dirname
const separator = process.argv.indexOf('--')
const [filter] = process.argv.slice(2, separator === -1 ? undefined : separator)
const options = separator === -1 ? [] : process.argv.slice(separator + 1)
const benches = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts') && (!filter || f.includes(filter)))
  .sort()

const failed: string[] = []
for (const file of benches) {
  console.log(`\n=== ${file}`)
  const started = Date.now()
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(dir, file), ...options], {
    cwd: path.resolve(dir, '..'),
    stdio: 'inherit',
  })
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  if (result.status !== 0) {
    failed.push(file)
    console.log(`=== ${file} FAILED (exit ${String(result.status ?? result.signal)}, ${seconds} s)`)
  } else {
    console.log(`=== ${file} ok (${seconds} s)`)
  }
}
if (benches.length === 0) console.log('no bench/*.bench.ts matched')
if (failed.length > 0) {
  console.log(`\nfailed: ${failed.join(', ')}`)
  process.exit(1)
}
