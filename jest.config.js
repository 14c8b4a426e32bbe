// One jest config for every layer; the `@shared/*` alias is read from tsconfig.json so it is declared once.
const { compilerOptions } = require('./tsconfig.json')

const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [
    `^${alias.replace('*', '(.*)')}$`,
    `<rootDir>/${target.replace('*', '$1')}`,
  ]),
)

const transform = { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' } }] }

/** @type {import('jest').Config} */
module.exports = {
  // Function tests start a whole local cloud per file; give cold instances room on a loaded 2-core machine.
  testTimeout: 30_000,
  // Two files at a time even on 2 cores (jest's default would be one): a function test spends much
  // of its time waiting on its local cloud's instances and database, so two overlap well (the whole
  // suite 273 s → 178 s on the 2-core CI machine).
  maxWorkers: 2,
  projects: [
    { displayName: 'unit', testMatch: ['<rootDir>/tests/unit/**/*.test.ts'], transform, moduleNameMapper, testEnvironment: 'node' },
    { displayName: 'emulator', testMatch: ['<rootDir>/tests/emulator/**/*.test.ts'], transform, moduleNameMapper, testEnvironment: 'node' },
    {
      displayName: 'functions',
      testMatch: ['<rootDir>/tests/functions/**/*.test.ts'],
      globalSetup: '<rootDir>/tests/functions/global-setup.ts',
      globalTeardown: '<rootDir>/tests/functions/global-teardown.ts',
      transform,
      moduleNameMapper,
      testEnvironment: 'node',
    },
    { displayName: 'weapp', testMatch: ['<rootDir>/tests/weapp/**/*.test.ts'], transform, moduleNameMapper, testEnvironment: 'node' },
  ],
}
