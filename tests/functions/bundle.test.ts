import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs'
import { builtinModules } from 'node:module'
import os from 'node:os'
import path from 'node:path'

const root = path.resolve(__dirname, '../..')
const dist = path.join(root, 'cloudfunctions', 'dist')
const functions = existsSync(dist) ? readdirSync(dist) : []

describe('bundled cloud functions', () => {
  it('exist for every function in cloudfunctions/src (run npm run build:functions first)', () => {
    const sources = readdirSync(path.join(root, 'cloudfunctions', 'src')).filter((name) => !name.startsWith('_'))
    expect(functions.sort()).toEqual(sources.sort())
  })

  it.each(functions)('%s loads in plain Node from a folder holding only its bundle and wx-server-sdk', (name) => {
    const folder = path.join(mkdtempSync(path.join(os.tmpdir(), 'uh-bundle-')), name)
    try {
      cpSync(path.join(dist, name), folder, { recursive: true })
      expect(readdirSync(folder).sort()).toEqual(['config.json', 'index.js', 'package.json'])
      // Installed as the cloud installs it: the one dependency the generated package.json pins.
      const pkg = JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8'))
      expect(Object.keys(pkg.dependencies)).toEqual(['wx-server-sdk'])
      mkdirSync(path.join(folder, 'node_modules'))
      symlinkSync(path.join(root, 'node_modules', 'wx-server-sdk'), path.join(folder, 'node_modules', 'wx-server-sdk'), 'dir')

      const loaded = execFileSync(process.execPath, ['-e', "process.stdout.write(typeof require('./index.js').main)"], {
        cwd: folder,
        env: { PATH: process.env.PATH ?? '' },
      }).toString()
      expect(loaded).toBe('function')

      const required = [...readFileSync(path.join(folder, 'index.js'), 'utf8').matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1])
      const allowed = new Set(['wx-server-sdk', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)])
      expect(required.filter((id) => !allowed.has(id!))).toEqual([])
    } finally {
      rmSync(path.dirname(folder), { recursive: true, force: true })
    }
  })
})
