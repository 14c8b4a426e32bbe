/**
 * Bundles each cloud function in cloudfunctions/src/<fn>/ into cloudfunctions/dist/<fn>/:
 * index.js with shared/ and _lib/ inlined (esbuild resolves the @shared alias from tsconfig.json),
 * wx-server-sdk left external and pinned in a generated package.json, and the function's
 * config.json (openapi permissions, timer triggers). Only that folder is uploaded to WeChat.
 */
import { build, type BuildOptions } from 'esbuild'
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'

const root = path.resolve(__dirname, '..')
const sourceDir = path.join(root, 'cloudfunctions', 'src')
const defaultOutDir = path.join(root, 'cloudfunctions', 'dist')
const sdkVersion: string = JSON.parse(readFileSync(path.join(root, 'node_modules', 'wx-server-sdk', 'package.json'), 'utf8')).version

/** Every folder under src/ with an index.ts is a deployed function; `_lib` is shared server code. */
export function functionNames(): string[] {
  return readdirSync(sourceDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('_') && existsSync(path.join(sourceDir, entry.name, 'index.ts')))
    .map((entry) => entry.name)
    .sort()
}

/**
 * How a function's entry becomes its deployed `index.js`; tests that bundle a fixture function use
 * the same options, so it runs in an instance exactly as a real function does.
 */
export function functionBundleOptions(entry: string, outfile: string) {
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    // The cloud's Node runtime: keep syntax it can run.
    target: 'node16',
    format: 'cjs',
    external: ['wx-server-sdk'],
    tsconfig: path.join(root, 'tsconfig.json'),
    // Smaller bundles start faster on a cold instance; names are kept so logged stacks stay readable.
    minify: true,
    keepNames: true,
    legalComments: 'none',
    logLevel: 'warning',
  } satisfies BuildOptions
}

async function bundle(name: string, outDir: string): Promise<number> {
  const target = path.join(outDir, name)
  rmSync(target, { recursive: true, force: true })
  mkdirSync(target, { recursive: true })
  const result = await build({
    ...functionBundleOptions(path.join(sourceDir, name, 'index.ts'), path.join(target, 'index.js')),
    metafile: true,
  })
  writeFileSync(
    path.join(target, 'package.json'),
    `${JSON.stringify({ name, version: '1.0.0', private: true, main: 'index.js', dependencies: { 'wx-server-sdk': sdkVersion } }, null, 2)}\n`,
  )
  copyFileSync(path.join(sourceDir, name, 'config.json'), path.join(target, 'config.json'))
  return Object.values(result.metafile.outputs).reduce((sum, output) => sum + output.bytes, 0)
}

/** Bundles every function into `outDir`; resolves the bytes of each bundle by name. */
export async function buildFunctions(outDir = defaultOutDir): Promise<Map<string, number>> {
  const sizes = new Map<string, number>()
  for (const name of functionNames()) sizes.set(name, await bundle(name, outDir))
  return sizes
}

async function main() {
  const started = Date.now()
  const sizes = await buildFunctions()
  for (const [name, bytes] of sizes) console.log(`  ${name.padEnd(14)} ${(bytes / 1024).toFixed(1).padStart(7)} KB`)
  console.log(`built ${sizes.size} functions into cloudfunctions/dist in ${Date.now() - started} ms`)
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error)
    process.exit(1)
  })
}
