import { rmSync } from 'node:fs'

export default async function globalTeardown(): Promise<void> {
  const dir = process.env.UNIONHUB_TEST_FUNCTIONS_DIR
  if (dir) rmSync(dir, { recursive: true, force: true })
}
