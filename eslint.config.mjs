// Lint: typescript-eslint for correctness, react-hooks for the client, and import boundaries that
// keep the architecture honest (shared/ runs on both sides; the client never reaches the server).
import { builtinModules } from 'node:module'
import path from 'node:path'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)]

// Schemas are built with zod/mini everywhere: classic zod's chained methods cannot be tree-shaken and
// put 460 KB into every cloud function bundle (and the client). zod/mini is the one allowed entry.
const classicZod = {
  regex: '^zod(?!/mini$)(/.*)?$',
  message: "Import zod only as `import * as z from 'zod/mini'` (see the comment at the top of shared/fields.ts).",
}

// One rule entry per file: a later block replaces an earlier block's list, so each list repeats classicZod.
const restrict = (groups) => ({
  'no-restricted-imports': ['error', { patterns: [classicZod, ...groups.map((entry) => (Array.isArray(entry) ? { group: entry[0], message: entry[1] } : entry))] }],
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

const CLIENT_SRC = path.join(import.meta.dirname, 'client', 'src')

/** The private part of the client a file belongs to: `pages` (the main package), `subpackages/<name>`, or null. */
function clientPart(file) {
  const [top, name] = path.relative(CLIENT_SRC, file).split(path.sep)
  if (top === 'pages') return 'pages'
  return top === 'subpackages' && name ? `subpackages/${name}` : null
}

/**
 * `pages/` and each subpackage are private to themselves: a subpackage never imports a sibling or a
 * main-package page (WeChat loads a subpackage only when one of its pages opens, and a module in
 * pages/ belongs to the main package), and nothing else imports them. What several parts share lives
 * in components/, hooks/ or services/. no-restricted-imports cannot say this: it sees the import's
 * text, not where a relative path lands.
 */
const packagePrivacy = {
  meta: {
    type: 'problem',
    schema: [],
    messages: {
      private: '{{target}} is private to itself, and this file is in {{own}}: move what both use to client/src/components (or hooks/, services/).',
    },
  },
  create(context) {
    const own = clientPart(context.filename) ?? 'shared client code'
    const check = (source) => {
      if (typeof source?.value !== 'string' || !source.value.startsWith('.')) return
      const target = clientPart(path.resolve(path.dirname(context.filename), source.value))
      if (target && target !== own) context.report({ node: source, messageId: 'private', data: { target, own } })
    }
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
    }
  },
}

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '.data/**', '.artifacts/**', 'coverage/**', 'tests/emulator/fixtures/**'] },
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      ...restrict([]),
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['client/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks, unionhub: { rules: { 'package-privacy': packagePrivacy } } },
    languageOptions: { globals: { ...globals.browser, defineAppConfig: 'readonly', definePageConfig: 'readonly' } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'unionhub/package-privacy': 'error',
      ...restrict([
        [['**/cloudfunctions/**', 'wx-server-sdk'], 'The client talks to the server only through services/cloud.ts and the shared contract.'],
        [['**/emulator/**'], 'The client must not depend on the local cloud.'],
        [['@shared/rules/work-calendar', '@shared/rules/national-holidays'], 'Deadlines are counted on the server: the national holiday table (6 KB) stays out of the client.'],
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
