import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { compileWeapp } from '../../scripts/check-weapp'

// The build check is only worth having if WeChat's compilers really reject what DevTools rejects.
describe('WXML/WXSS compile check', () => {
  let root: string
  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'uh-wcc-'))
    mkdirSync(path.join(root, 'pages'))
    writeFileSync(path.join(root, 'pages/index.wxml'), '<view class="card"><text>{{title}}</text></view>\n')
    writeFileSync(path.join(root, 'pages/index.wxss'), '.card { color: #c8161d; }\n')
  })
  afterEach(() => rmSync(root, { recursive: true, force: true }))

  it('accepts valid files', () => {
    expect(compileWeapp(root)).toEqual({ wxml: 1, wxss: 1 })
  })

  it('fails on a WXML tag that is never closed', () => {
    writeFileSync(path.join(root, 'pages/index.wxml'), '<view class="card"><text>{{title}}</view>\n')
    expect(() => compileWeapp(root)).toThrow(/pages\/index\.wxml.*expect end-tag `text`/)
  })

  it('fails on WXSS that does not parse', () => {
    writeFileSync(path.join(root, 'pages/index.wxss'), '.card { color: #c8161d;\n')
    expect(() => compileWeapp(root)).toThrow(/pages\/index\.wxss/)
  })
})
