// 长辈模式 reaches a weapp page only through withTextSize (components/TextSize): the `page` node takes
// no class from script. Every page the app config lists must go through it, new ones included.
import { readFileSync } from 'node:fs'
import path from 'node:path'

const SRC = path.resolve(__dirname, '../../client/src')

/** Every route in app.config.ts, read as text (the config module needs Taro's build-time globals). */
function routes(): string[] {
  const config = readFileSync(path.join(SRC, 'app.config.ts'), 'utf8')
  const list = (text: string) => [...text.matchAll(/'([^']+)'/g)].map((match) => match[1] as string)
  const main = list(/pages: \[([^\]]*)\]/.exec(config)?.[1] ?? '')
  const sub = [...config.matchAll(/root: '([^']+)', pages: \[([^\]]*)\]/g)].flatMap(([, root, pages]) => list(pages ?? '').map((page) => `${root}/${page}`))
  return [...main, ...sub]
}

describe('zoom on H5', () => {
  // WCAG 1.4.4. axe-core's meta-viewport rule, which reports user-scalable=no on a plain page, did
  // not report it on the built app (cause not found), so the template is checked here.
  it('lets a person zoom the page', () => {
    const viewport = /<meta[^>]*name="viewport"[^>]*>|<meta[^>]*content="([^"]*)"[^>]*name="viewport"[^>]*>/.exec(readFileSync(path.join(SRC, 'index.html'), 'utf8'))?.[0] ?? ''
    expect(viewport).toContain('width=device-width')
    expect(viewport).not.toMatch(/user-scalable\s*=\s*(no|0)/)
    expect(viewport).not.toMatch(/maximum-scale\s*=\s*1(\.0*)?\b/)
  })
})

describe('large-text mode on every page', () => {
  it('finds the pages', () => {
    expect(routes().length).toBeGreaterThan(30)
  })

  it.each(routes())('%s exports its page through withTextSize', (route) => {
    const source = readFileSync(path.join(SRC, `${route}.tsx`), 'utf8')
    expect(source).toMatch(/^export default withTextSize\(\w+\)$/m)
  })
})
