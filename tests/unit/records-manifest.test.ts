import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

/**
 * Every collection has one record type and one handle, in cloudfunctions/src/_lib/records/<name>.ts,
 * and cloudfunctions/collections.json declares the same collections (the local cloud and the
 * deployment create exactly those; a handle on an undeclared collection fails at run time).
 */
const root = path.resolve(__dirname, '../..')
const recordsDir = path.join(root, 'cloudfunctions', 'src', '_lib', 'records')
const manifest = JSON.parse(readFileSync(path.join(root, 'cloudfunctions', 'collections.json'), 'utf8')) as { collections: Array<{ name: string }> }
const declared = manifest.collections.map((collection) => collection.name).sort()

interface Handle {
  name: string
  find: unknown
}
const isHandle = (value: unknown): value is Handle =>
  typeof value === 'object' && value !== null && typeof (value as Handle).name === 'string' && typeof (value as Handle).find === 'function'

const files = readdirSync(recordsDir)
  .filter((file) => file.endsWith('.ts'))
  .map((file) => file.replace(/\.ts$/, ''))

describe('collection records', () => {
  it.each(files)('%s.ts exports one handle, on the collection it is named after', async (file) => {
    const handles = Object.values((await import(path.join(recordsDir, file))) as object).filter(isHandle)
    expect(handles.map((handle) => handle.name)).toEqual([file])
  })

  it('cover exactly the collections of collections.json', () => {
    expect([...files].sort()).toEqual(declared)
  })
})
