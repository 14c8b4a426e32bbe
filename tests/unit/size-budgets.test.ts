import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { MAIN_PACKAGE_BUDGET, SUBPACKAGE_BUDGET, weappPackageSizes } from '../../scripts/size'

const KB = 1024

describe('weapp package budgets (npm run size)', () => {
  let build: string
  beforeEach(() => {
    build = mkdtempSync(path.join(os.tmpdir(), 'uh-size-'))
  })
  afterEach(() => rmSync(build, { recursive: true, force: true }))

  function file(relative: string, bytes: number) {
    mkdirSync(path.dirname(path.join(build, relative)), { recursive: true })
    writeFileSync(path.join(build, relative), Buffer.alloc(bytes))
  }

  it('holds the main package to 400 KB and each subpackage to 200 KB, counting what is uploaded', () => {
    writeFileSync(path.join(build, 'app.json'), JSON.stringify({ subPackages: [{ root: 'subpackages/join' }, { root: 'subpackages/staff/' }] }))
    file('app.js', 300 * KB)
    file('taro.js', 100 * KB)
    file('subpackages/join/pages/form/index.js', 150 * KB)
    file('subpackages/join/pages/form/index.js.map', 500 * KB)
    file('subpackages/staff/common.js', 201 * KB)
    file('vendors.js.LICENSE.txt', 50 * KB)

    const sizes = Object.fromEntries(weappPackageSizes(build).map(({ name, bytes, limit }) => [name, { bytes, over: bytes > limit }]))
    expect(MAIN_PACKAGE_BUDGET).toBe(400 * KB)
    expect(SUBPACKAGE_BUDGET).toBe(200 * KB)
    expect(sizes).toEqual({
      // app.json itself counts towards the main package; source maps and licence files are not uploaded.
      main: { bytes: 400 * KB + Buffer.byteLength(JSON.stringify({ subPackages: [{ root: 'subpackages/join' }, { root: 'subpackages/staff/' }] })), over: true },
      'subpackages/join/': { bytes: 150 * KB, over: false },
      'subpackages/staff/': { bytes: 201 * KB, over: true },
    })
  })
})
