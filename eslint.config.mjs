// Lint: typescript-eslint for correctness, react-hooks for the client, and import boundaries that
// keep the architecture honest (shared/ runs on both sides; the client never reaches the server).
import { builtinModules } from 'node:module'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)]

const restrict = (groups) => ({
  'no-restricted-imports': ['error', { patterns: groups.map((entry) => (Array.isArray(entry) ? { group: entry[0], message: entry[1] } : entry)) }],
})

const functionBoundaries = [
  [['@tarojs/*', 'react', 'react-dom'], 'Cloud functions do not use the client framework.'],
  [['**/client/**', '**/emulator/**', '**/tests/**'], 'A deployed function carries only its bundle: no imports from the client, the emulator or tests.'],
]

/** A collection's handle is made once, beside its record type in _lib/records/; everything else imports it from there. */
const oneHandlePerCollection = {
  group: ['**/_lib/db', './db', '../db'],
  importNames: ['collection'],
  message: 'Collection handles live in cloudfunctions/src/_lib/records/<collection>.ts: import the handle from there.',
}

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '.data/**', '.artifacts/**', 'coverage/**', 'tests/emulator/fixtures/**'] },
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['client/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser, defineAppConfig: 'readonly', definePageConfig: 'readonly' } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict([
        [['**/cloudfunctions/**', 'wx-server-sdk'], 'The client talks to the server only through services/cloud.ts and the shared contract.'],
        [['**/emulator/**'], 'The client must not depend on the local cloud.'],
      ]),
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: restrict([
      [['@tarojs/*', 'react', 'react-dom', 'wx-server-sdk', ...nodeBuiltins], 'shared/ runs on both client and server: no Taro, wx-server-sdk or Node imports.'],
      [['**/client/**', '**/cloudfunctions/**', '**/emulator/**'], 'shared/ depends on nothing in the project.'],
    ]),
  },
  {
    files: ['cloudfunctions/src/**/*.ts'],
    rules: restrict([...functionBoundaries, oneHandlePerCollection]),
  },
  {
    files: ['cloudfunctions/src/_lib/records/**/*.ts'],
    rules: restrict(functionBoundaries),
  },
  {
    // Seed documents are typed by the functions' records, but the seed never runs function code.
    files: ['emulator/seed/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/cloudfunctions/**'], allowTypeImports: true, message: 'The seed may import types from the functions (import type), never their code.' }] },
      ],
    },
  },
)
