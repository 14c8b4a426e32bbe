/**
 * Compiles every WXML and WXSS file of a weapp build with WeChat's own compilers (the Linux
 * `wcc`/`wcsc` that miniprogram-compiler ships) and fails on the first error, so a template
 * that DevTools would refuse never reaches a tester.
 */
import { readdirSync, statSync } from 'node:fs'
import path from 'node:path'

// miniprogram-compiler has no types. Its raw wrappers are used rather than its index, which
// swallows wcsc's error message: wcc throws on a bad file, wcsc returns an Error.
/* eslint-disable @typescript-eslint/no-require-imports */
const wcc = require('miniprogram-compiler/src/wcc') as (
  root: string,
  files: string[],
  wxsFiles: string[],
  options: { maxBuffer: number },
) => string
const wcsc = require('miniprogram-compiler/src/wcsc') as (root: string, files: string[], options: { maxBuffer: number }) => object
/* eslint-enable @typescript-eslint/no-require-imports */

function filesWithExtension(root: string, extension: string, dir = root): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    if (statSync(full).isDirectory()) return filesWithExtension(root, extension, full)
    return name.endsWith(extension) ? [path.relative(root, full).split(path.sep).join('/')] : []
  })
}

const withoutExtension = (file: string) => file.replace(/\.[^.]+$/, '')

export interface CompileReport {
  wxml: number
  wxss: number
}

/** Throws with the compiler's own message if any file does not compile. */
export function compileWeapp(root: string): CompileReport {
  const wxml = filesWithExtension(root, '.wxml')
  const wxs = filesWithExtension(root, '.wxs')
  const wxss = filesWithExtension(root, '.wxss')
  const maxBuffer = 64 * 1024 * 1024
  if (wxml.length > 0) wcc(root, wxml.map(withoutExtension), wxs, { maxBuffer })
  if (wxss.length > 0) {
    const result = wcsc(root, wxss.map(withoutExtension), { maxBuffer })
    if (result instanceof Error) throw result
  }
  return { wxml: wxml.length, wxss: wxss.length }
}

if (require.main === module) {
  const root = path.resolve(process.argv[2] ?? 'dist/weapp')
  try {
    const report = compileWeapp(root)
    console.log(`WeChat compilers accepted ${report.wxml} WXML and ${report.wxss} WXSS files in ${path.relative(process.cwd(), root)}`)
  } catch (error) {
    console.error((error as Error).message)
    process.exit(1)
  }
}
