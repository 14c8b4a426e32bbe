/**
 * Runs the database server alone: `tsx emulator/db/standalone.ts --file PATH [--port N]`.
 * Prints one JSON line `{"url", "port"}` on stdout when it is ready.
 */
import { startDatabaseServer } from './testing'

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? process.argv[i + 1] : undefined
}

async function main(): Promise<void> {
  const file = arg('file')
  if (!file) throw new Error('usage: standalone.ts --file PATH [--port N]')
  const server = await startDatabaseServer({ file, port: Number(arg('port') ?? 0) })
  process.stdout.write(`${JSON.stringify({ url: server.url, port: server.port })}\n`)
  const stop = (): void => {
    void server.close().then(() => process.exit(0))
  }
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`)
  process.exit(1)
})
