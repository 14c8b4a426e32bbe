/**
 * Bytes of the weapp build per package (main and each subpackage) against our budgets (far below
 * WeChat's 2 MB per package), plus the H5 build's total. Exits non-zero over any budget.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'

export const WECHAT_PACKAGE_LIMIT = 2 * 1024 * 1024
/** The main package is what every person downloads before the first screen. */
export const MAIN_PACKAGE_BUDGET = 400 * 1024
/** A subpackage is downloaded when its first page opens: the join form after a scan, for example. */
export const SUBPACKAGE_BUDGET = 200 * 1024

export interface PackageSize {
  name: string
  bytes: number
  limit: number
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    return statSync(full).isDirectory() ? walk(full) : [full]
  })
}

/** Splits a weapp build by the subpackage roots its app.json declares. */
export function weappPackageSizes(root: string): PackageSize[] {
  const app = JSON.parse(readFileSync(path.join(root, 'app.json'), 'utf8')) as { subPackages?: Array<{ root: string }> }
  const subRoots = (app.subPackages ?? []).map((sub) => sub.root.replace(/\/?$/, '/'))
  const sizes = new Map<string, number>([['main', 0], ...subRoots.map((sub): [string, number] => [sub, 0])])
  for (const file of walk(root)) {
    const relative = path.relative(root, file).split(path.sep).join('/')
    if (relative.endsWith('.LICENSE.txt') || relative.endsWith('.map')) continue // not uploaded
    const owner = subRoots.find((sub) => relative.startsWith(sub)) ?? 'main'
    sizes.set(owner, (sizes.get(owner) ?? 0) + statSync(file).size)
  }
  return [...sizes].map(([name, bytes]) => ({
    name,
    bytes,
    limit: Math.min(name === 'main' ? MAIN_PACKAGE_BUDGET : SUBPACKAGE_BUDGET, WECHAT_PACKAGE_LIMIT),
  }))
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`

function main() {
  const weapp = path.resolve(process.argv[2] ?? 'dist/weapp')
  const h5 = path.resolve(process.argv[3] ?? 'dist/h5')
  if (!existsSync(path.join(weapp, 'app.json'))) {
    console.error(`No weapp build at ${weapp}: run npm run build:weapp first.`)
    process.exit(1)
  }
  const packages = weappPackageSizes(weapp)
  let over = false
  console.log('weapp package'.padEnd(28), 'bytes'.padStart(10), 'budget'.padStart(10))
  for (const { name, bytes, limit } of packages) {
    const flag = bytes > limit ? '  OVER' : ''
    over ||= bytes > limit
    console.log(name.padEnd(28), kb(bytes).padStart(10), kb(limit).padStart(10) + flag)
  }
  console.log('total'.padEnd(28), kb(packages.reduce((sum, p) => sum + p.bytes, 0)).padStart(10))
  if (existsSync(h5)) {
    const files = walk(h5).filter((file) => !file.endsWith('.LICENSE.txt'))
    const raw = files.reduce((sum, file) => sum + statSync(file).size, 0)
    const gzip = files.reduce((sum, file) => sum + gzipSync(readFileSync(file)).length, 0)
    console.log(`h5 build: ${kb(raw)} (${kb(gzip)} gzipped) in ${files.length} files`)
  }
  if (over) {
    console.error('A package is over its budget.')
    process.exit(1)
  }
}

if (require.main === module) main()
