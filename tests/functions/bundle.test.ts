import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs'
import { builtinModules } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { BUNDLE_BUDGET } from '../../scripts/build-functions'

const root = path.resolve(__dirname, '../..')
const dist = path.join(root, 'cloudfunctions', 'dist')
const functions = existsSync(dist) ? readdirSync(dist) : []

describe('bundled cloud functions', () => {
  it('exist for every function in cloudfunctions/src (run npm run build:functions first)', () => {
    const sources = readdirSync(path.join(root, 'cloudfunctions', 'src')).filter((name) => !name.startsWith('_'))
    expect(functions.sort()).toEqual(sources.sort())
  })

  it.each(functions)('%s loads in plain Node from a folder holding only its bundle and the packages it pins', (name) => {
    const folder = path.join(mkdtempSync(path.join(os.tmpdir(), 'uh-bundle-')), name)
    try {
      cpSync(path.join(dist, name), folder, { recursive: true })
      expect(readdirSync(folder).sort()).toEqual(['config.json', 'index.js', 'package.json'])
      expect(statSync(path.join(folder, 'index.js')).size).toBeLessThanOrEqual(BUNDLE_BUDGET)

      // Every package the bundle loads (at once or on first use) is pinned at the version tested here, and nothing else.
      const source = readFileSync(path.join(folder, 'index.js'), 'utf8')
      const loads = new Set([...source.matchAll(/\b(?:require|import)\("([^"]+)"\)/g)].map((m) => m[1]!))
      const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)])
      const packages = [...loads].filter((id) => !builtins.has(id)).sort()
      const { dependencies } = JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }
      expect(Object.keys(dependencies)).toEqual(packages)
      expect(packages).toContain('wx-server-sdk')
      for (const [pkg, version] of Object.entries(dependencies)) {
        expect({ pkg, version }).toEqual({ pkg, version: JSON.parse(readFileSync(path.join(root, 'node_modules', pkg, 'package.json'), 'utf8')).version })
      }

      // Installed as the cloud installs them from that package.json; loading must not reach further.
      mkdirSync(path.join(folder, 'node_modules'))
      for (const pkg of packages) symlinkSync(path.join(root, 'node_modules', pkg), path.join(folder, 'node_modules', pkg), 'dir')
      const loaded = execFileSync(process.execPath, ['-e', "process.stdout.write(typeof require('./index.js').main)"], {
        cwd: folder,
        env: { PATH: process.env.PATH ?? '' },
      }).toString()
      expect(loaded).toBe('function')
    } finally {
      rmSync(path.dirname(folder), { recursive: true, force: true })
    }
  })
})
