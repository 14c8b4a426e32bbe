/**
 * What a screen reader needs from a view that is not a native control: its role, a label when its
 * text does not say enough, and whether it is ticked. WeChat reads `aria-role`, `aria-label` and
 * `aria-checked` (Taro's `ariaRole`, `ariaLabel`, `ariaChecked`); the H5 build renders a `div`, which
 * needs `role`, `aria-label` and `aria-checked`. Spread the result onto the view.
 */
export type A11yRole = 'button' | 'link' | 'checkbox' | 'radio' | 'tab' | 'img'

export function a11y(role: A11yRole, label?: string, state: { checked?: boolean } = {}): Record<string, string> {
  const h5 = process.env.TARO_ENV === 'h5'
  const props: Record<string, string> = h5 ? { role } : { ariaRole: role }
  if (label) props[h5 ? 'aria-label' : 'ariaLabel'] = label
  if (state.checked !== undefined) props[h5 ? 'aria-checked' : 'ariaChecked'] = String(state.checked)
  return props
}

/** A line a screen reader announces as soon as it appears (a form error), without the person moving to it. */
export function announced(): Record<string, string> {
  // role=alert already implies assertive; aria-live spells it out for readers that only honour the attribute.
  return process.env.TARO_ENV === 'h5' ? { role: 'alert', 'aria-live': 'assertive' } : { ariaRole: 'alert' }
}

/** An image's text alternative: `alt` on H5's `img`, `aria-label` on weapp's `image`. */
export function imageAlt(label: string): { imgProps: { alt: string } } | { ariaLabel: string } {
  return process.env.TARO_ENV === 'h5' ? { imgProps: { alt: label } } : { ariaLabel: label }
}
