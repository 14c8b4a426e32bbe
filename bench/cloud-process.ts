/**
 * One bench target's local cloud in a process of its own (started by `startTarget` in harness.ts
 * with an IPC channel): the gateway, the database and the 8 instances of one bundle set, seeded, with
 * `count` members added. Two sets measured in one run (`--baseline`) then share neither an event
 * loop nor a heap: while one set's round runs, the other's process sits idle.
 *
 * Messages from the parent: `{ type: 'cpu' }` → `{ type: 'cpu', micros }` (this process's CPU time so
 * far, every thread included). It stops when the parent disconnects.
 */
import { startTestCloud } from '../emulator/gateway/testing'

export interface CloudProcessOptions {
  functionsDir: string
  members: string[]
}

export type CloudProcessMessage = { type: 'ready'; url: string } | { type: 'cpu'; micros: number } | { type: 'failed'; message: string }

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as CloudProcessOptions
  const send = (message: CloudProcessMessage) => process.send?.(message)
  const cloud = await startTestCloud({ functionsDir: options.functionsDir, seed: true, maxInstances: 8, timeoutMs: 20_000 })
  const joined = new Date('2025-03-01T09:00:00+08:00')
  cloud.db.insertDocuments(
    'members',
    options.members.map((openid, i) => ({ _id: `bench-member-${i + 1}`, openid, unionId: 'u-courier', memberNumber: String(2025_0000_0000 + i), name: '压测会员', status: 'active', joinedAt: joined })),
  )
  process.on('message', (message: { type?: string }) => {
    if (message.type !== 'cpu') return
    const used = process.cpuUsage()
    send({ type: 'cpu', micros: used.user + used.system })
  })
  process.on('disconnect', () => {
    void cloud.close().finally(() => process.exit(0))
  })
  send({ type: 'ready', url: cloud.url })
}

main().catch((error: unknown) => {
  process.send?.({ type: 'failed', message: (error as Error)?.stack ?? String(error) } satisfies CloudProcessMessage)
  process.exit(1)
})
