// Journeys run only through tests/e2e/run.ts (npm run test:e2e / test:e2e:devtools), which builds,
// starts the local cloud or DevTools, and sets E2E_* for the specs. Same transform and alias as
// the root jest.config.js.
const path = require('node:path')
const { compilerOptions } = require('../../tsconfig.json')

const rootDir = path.resolve(__dirname, '..', '..')
const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [
    `^${alias.replace('*', '(.*)')}$`,
    `<rootDir>/${target.replace('*', '$1')}`,
  ]),
)

/** @type {import('jest').Config} */
module.exports = {
  rootDir,
  displayName: 'e2e',
  testMatch: ['<rootDir>/tests/e2e/journeys/*.journey.ts'],
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  moduleNameMapper,
  testEnvironment: 'node',
  // One browser or one DevTools at a time: the machine has 2 cores and journeys share the local cloud.
  maxWorkers: 1,
}
