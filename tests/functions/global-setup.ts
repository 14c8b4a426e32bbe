import { mkdirSync, mkdtempSync } from 'node:fs'
import path from 'node:path'
import { buildFunctions } from '../../scripts/build-functions'

/**
 * Function tests run the deployed bundles, not the sources: build them once per run, into a folder
 * of this run's own, so that `npm start` or another test run rebuilding cloudfunctions/dist at the
 * same time cannot pull a bundle away mid-test. Workers inherit the variable. The folder sits under
 * node_modules/ so that the bundles resolve wx-server-sdk as they do in cloudfunctions/dist.
 */
export default async function globalSetup(): Promise<void> {
  const parent = path.resolve(__dirname, '../../node_modules/.cache/unionhub-functions')
  mkdirSync(parent, { recursive: true })
  const dir = mkdtempSync(path.join(parent, 'run-'))
  await buildFunctions(dir)
  process.env.UNIONHUB_TEST_FUNCTIONS_DIR = dir
}
