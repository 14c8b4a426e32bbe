import { startTestCloud } from '../../emulator/gateway/testing'

export interface RunningLocalCloud {
  baseUrl: string
  /** The throw-away data folder (SQLite, storage); removed by `stop`. */
  dataDir: string
  /** The setup secret its functions run with, for the journey that bootstraps an empty cloud. */
  setupSecret: string
  stop(): Promise<void>
}

/**
 * The whole local cloud for one journey run: the real gateway, function host and database on a
 * random loopback port, a fresh temp data folder and keys, seeded, serving the test H5 build.
 */
export async function startLocalCloud(options: { h5Dir: string; functionsDir?: string }): Promise<RunningLocalCloud> {
  const cloud = await startTestCloud({ h5Dir: options.h5Dir, functionsDir: options.functionsDir, seed: true })
  return { baseUrl: cloud.url, dataDir: cloud.dataDir, setupSecret: cloud.secrets.functions.UNIONHUB_SETUP_SECRET ?? '', stop: () => cloud.close() }
}
