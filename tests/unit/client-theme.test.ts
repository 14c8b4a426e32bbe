// One theme: every colour and font size of the client's stylesheets comes from theme.css, so a
// large-text or high-contrast mode is a change of variables only, and the native chrome's colours
// (theme.ts) agree with it.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { NATIVE_THEME } from '../../client/src/theme'

const SRC = path.resolve(__dirname, '../../client/src')
const THEME = path.join(SRC, 'theme.css')

function stylesheets(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    if (statSync(full).isDirectory()) return stylesheets(full)
    return full.endsWith('.css') ? [full] : []
  })
}

const themeCss = readFileSync(THEME, 'utf8')
const variable = (name: string) => new RegExp(`--${name}:\\s*([^;]+);`).exec(themeCss)?.[1]?.trim()
const hex = (value: string | undefined) => value?.toLowerCase().replace(/^#([0-9a-f])([0-9a-f])([0-9a-f])$/, '#$1$1$2$2$3$3')

/** WCAG 2 contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const luminance = (color: string) => {
    const [r, g, b] = [1, 3, 5].map((at) => parseInt(color.slice(at, at + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
    return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0)
  }
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return ((high ?? 0) + 0.05) / ((low ?? 0) + 0.05)
}

describe('client theme', () => {
  const others = stylesheets(SRC).filter((file) => file !== THEME)

  it('reads every stylesheet there is', () => {
    expect(others.length).toBeGreaterThan(20)
  })

  it.each(others.map((file) => [path.relative(SRC, file), file]))('%s writes no colour of its own', (_name, file) => {
    const css = readFileSync(file, 'utf8')
    expect(css.match(/#[0-9a-f]{3,8}\b|rgba?\(|hsla?\(/gi) ?? []).toEqual([])
  })

  it.each(others.map((file) => [path.relative(SRC, file), file]))('%s takes every font size from the theme', (_name, file) => {
    const sizes = readFileSync(file, 'utf8').match(/font-size:[^;]+/g) ?? []
    expect(sizes.filter((size) => !/font-size:\s*var\(--font-size-[a-z]+\)/.test(size))).toEqual([])
  })

  it('gives the native navigation and tab bars the same colours as the stylesheets', () => {
    expect(hex(variable('color-brand'))).toBe(NATIVE_THEME.brand)
    expect(hex(variable('color-page'))).toBe(NATIVE_THEME.page)
    expect(hex(variable('color-surface'))).toBe(NATIVE_THEME.surface)
    expect(hex(variable('color-text-secondary'))).toBe(NATIVE_THEME.tabText)
  })

  // WCAG 1.4.3: 4.5:1 for text. Every text colour against every surface it is drawn on.
  const surfaces = ['color-surface', 'color-page', 'color-surface-sunken', 'color-fill', 'color-brand-tint']
  const pairs: Array<[string, string]> = [
    ...['color-text', 'color-text-secondary', 'color-text-muted', 'color-link', 'color-brand', 'color-deadline', 'color-warning', 'color-danger', 'color-success'].flatMap(
      (text) => surfaces.map((surface): [string, string] => [text, surface]),
    ),
    ['color-warning', 'color-warning-bg'],
    ['color-success', 'color-success-bg'],
    ['color-danger', 'color-danger-bg'],
    ['color-brand', 'color-danger-bg'],
    ['color-on-brand', 'color-brand'],
    ['color-on-brand', 'color-brand-bright'],
    ['color-on-brand', 'color-brand-deep'],
    // NutUI's disabled primary button: white text on --color-text-muted.
    ['color-on-brand', 'color-text-muted'],
  ]
  it.each(pairs)('%s on %s has a contrast of at least 4.5:1', (text, background) => {
    expect(contrast(hex(variable(text)) ?? '', hex(variable(background)) ?? '')).toBeGreaterThanOrEqual(4.5)
  })

  it('multiplies every font size by --font-scale, which 长辈模式 sets to at least 1.3', () => {
    const sizes = [...themeCss.matchAll(/--font-size-([a-z]+):\s*([^;]+);/g)]
    expect(sizes.length).toBeGreaterThan(5)
    expect(sizes.filter(([, , value]) => !/^calc\(\d+px \* var\(--font-scale, 1\)\)$/.test(value ?? '')).map(([name]) => name)).toEqual([])
    const large = /\.large-text\s*\{\s*--font-scale:\s*([\d.]+);/.exec(themeCss)?.[1]
    expect(Number(large)).toBeGreaterThanOrEqual(1.3)
  })

  it('points NutUI at the brand colour', () => {
    expect(variable('nutui-color-primary')).toBe('var(--color-brand)')
  })
})
