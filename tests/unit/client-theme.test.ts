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

  it('points NutUI at the brand colour', () => {
    expect(variable('nutui-color-primary')).toBe('var(--color-brand)')
  })
})
