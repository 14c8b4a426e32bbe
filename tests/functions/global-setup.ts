import { buildFunctions } from '../../scripts/build-functions'

// Function tests run the deployed bundles, not the sources: build them once before any test file.
export default async function globalSetup(): Promise<void> {
  await buildFunctions()
}
