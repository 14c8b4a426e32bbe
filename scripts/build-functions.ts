/**
 * Bundles each cloud function in cloudfunctions/src/<fn>/ into cloudfunctions/dist/<fn>/:
 * index.js with shared/ and _lib/ inlined (esbuild resolves the @shared alias from tsconfig.json),
 * the packages in EXTERNAL left out and pinned in a generated package.json when the function
 * imports them (the cloud installs them: 上传并部署：云端安装依赖), and the function's config.json
 * (openapi permissions, timer triggers). Only that folder is uploaded to WeChat.
 *
 * A bundle over BUNDLE_BUDGET fails the build: a cold instance loads the whole file before it
 * answers (see `npm run bench`, bench/functions.bench.ts, for what that costs).
 */
import { build, type BuildOptions } from 'esbuild'
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'

const root = path.resolve(__dirname, '..')
const sourceDir = path.join(root, 'cloudfunctions', 'src')
const defaultOutDir = path.join(root, 'cloudfunctions', 'dist')

/**
 * Installed by the cloud, not bundled: the SDK (which must be the cloud's own), and `qrcode`, which
 * only the actions that draw a QR image load, on first use (cloudfunctions/src/_lib/qr-image.ts).
 */
const EXTERNAL = ['wx-server-sdk', 'qrcode']

export const BUNDLE_BUDGET = 150 * 1024

export interface BuiltFunction {
  name: string
  /** Bytes of index.js. */
  bytes: number
  /** What the generated package.json pins: the external packages the bundle imports, at the installed versions. */
  dependencies: Record<string, string>
}

const installedVersion = (name: string): string =>
  JSON.parse(readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')).version

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
    external: EXTERNAL,
    tsconfig: path.join(root, 'tsconfig.json'),
    // Smaller bundles start faster on a cold instance; names are kept so logged stacks stay readable.
    minify: true,
    keepNames: true,
    legalComments: 'none',
    logLevel: 'warning',
  } satisfies BuildOptions
}

async function bundle(name: string, outDir: string): Promise<BuiltFunction> {
  const target = path.join(outDir, name)
  rmSync(target, { recursive: true, force: true })
  mkdirSync(target, { recursive: true })
  const result = await build({
    ...functionBundleOptions(path.join(sourceDir, name, 'index.ts'), path.join(target, 'index.js')),
    metafile: true,
  })
  const [output] = Object.values(result.metafile.outputs)
  const imported = new Set(output!.imports.filter((entry) => entry.external).map((entry) => entry.path))
  const dependencies = Object.fromEntries(EXTERNAL.filter((pkg) => imported.has(pkg)).sort().map((pkg) => [pkg, installedVersion(pkg)]))
  writeFileSync(path.join(target, 'package.json'), `${JSON.stringify({ name, version: '1.0.0', private: true, main: 'index.js', dependencies }, null, 2)}\n`)
  copyFileSync(path.join(sourceDir, name, 'config.json'), path.join(target, 'config.json'))
  return { name, bytes: output!.bytes, dependencies }
}

/** Bundles every function into `outDir`. */
export async function buildFunctions(outDir = defaultOutDir): Promise<BuiltFunction[]> {
  const built: BuiltFunction[] = []
  for (const name of functionNames()) built.push(await bundle(name, outDir))
  return built
}

async function main() {
  const started = Date.now()
  const built = await buildFunctions()
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`
  console.log(`${'function'.padEnd(14)} ${'index.js'.padStart(10)} ${'budget'.padStart(10)}  installed by the cloud`)
  for (const { name, bytes, dependencies } of built) {
    const deps = Object.entries(dependencies).map(([pkg, version]) => `${pkg}@${version}`).join(', ')
    console.log(`${name.padEnd(14)} ${kb(bytes).padStart(10)} ${kb(BUNDLE_BUDGET).padStart(10)}  ${deps}${bytes > BUNDLE_BUDGET ? '  OVER' : ''}`)
  }
  console.log(`built ${built.length} functions into cloudfunctions/dist in ${Date.now() - started} ms`)
  const over = built.filter((fn) => fn.bytes > BUNDLE_BUDGET)
  if (over.length > 0) {
    console.error(`${over.map((fn) => fn.name).join(', ')} over the ${kb(BUNDLE_BUDGET)} budget.`)
    process.exit(1)
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error)
    process.exit(1)
  })
}
