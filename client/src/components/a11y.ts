/**
 * What a screen reader needs from a view that is not a native control: its role, a label when its
 * text does not say enough, and whether it is ticked. WeChat reads `aria-role`, `aria-label` and
 * `aria-checked` (Taro's `ariaRole`, `ariaLabel`, `ariaChecked`); the H5 build renders a `div`, which
 * needs `role`, `aria-label` and `aria-checked`. Spread the result onto the view.
 */
export type A11yRole = 'button' | 'link' | 'checkbox' | 'radio' | 'tab' | 'img'

/** Roles a person acts on: on H5 they join the tab order, and Enter or Space taps them (enableKeyboard). */
const ACTIONABLE = new Set<A11yRole>(['button', 'link', 'checkbox', 'radio', 'tab'])

export function a11y(role: A11yRole, label?: string, state: { checked?: boolean } = {}): Record<string, string> {
  const h5 = process.env.TARO_ENV === 'h5'
  const props: Record<string, string> = h5 ? { role } : { ariaRole: role }
  if (h5 && ACTIONABLE.has(role)) props.tabIndex = '0'
  if (label) props[h5 ? 'aria-label' : 'ariaLabel'] = label
  if (state.checked !== undefined) props[h5 ? 'aria-checked' : 'ariaChecked'] = String(state.checked)
  return props
}

/** A line a screen reader announces as soon as it appears (a form error), without the person moving to it. */
export function announced(): Record<string, string> {
  return process.env.TARO_ENV === 'h5' ? { role: 'alert' } : { ariaRole: 'alert' }
}

/**
 * An image's text alternative: `alt` on H5's `img` (Taro 4's H5 Image passes `nativeProps` on to it
 * and ignores `imgProps`), `aria-label` on weapp's `image`.
 */
export function imageAlt(label: string): { nativeProps: { alt: string } } | { ariaLabel: string } {
  return process.env.TARO_ENV === 'h5' ? { nativeProps: { alt: label } } : { ariaLabel: label }
}

/** A ScrollView's props on H5: a keyboard reaches it (tab to it, then arrow keys scroll). WeChat's reader scrolls it by itself. */
export function scrollable(label: string): Record<string, string> {
  return process.env.TARO_ENV === 'h5' ? { tabIndex: '0', role: 'region', 'aria-label': label } : {}
}

/**
 * H5 only, once at start: Enter and Space tap a focused view that a11y() gave an actionable role
 * (a native button does this itself), and every page's scroll container joins the tab order, since
 * Taro's router creates those elements and no page can give them props.
 */
export function enableKeyboard(): void {
  if (process.env.TARO_ENV !== 'h5') return
  const roles = [...ACTIONABLE].map((role) => `[role="${role}"][tabindex]`).join(',')
  document.addEventListener('keydown', (event) => {
    const target = event.target as HTMLElement | null
    if ((event.key !== 'Enter' && event.key !== ' ') || !target?.matches(roles)) return
    event.preventDefault()
    target.click()
  })
  const focusPages = () => {
    document.querySelectorAll<HTMLElement>('.taro_page:not([tabindex])').forEach((page) => (page.tabIndex = 0))
  }
  new MutationObserver(focusPages).observe(document.body, { childList: true, subtree: true })
  focusPages()
}
