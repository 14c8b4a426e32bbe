/**
 * What a screen reader needs to know about a view that is not a native control: its role and its
 * label. WeChat's reader reads `aria-role` / `aria-label` (Taro's `ariaRole` / `ariaLabel`); the
 * H5 build exposes `role` and `aria-label` to the browser. Spread the result onto the view:
 * `<View {...pressable('拨打 12351')} onClick={…}>`.
 */
export function pressable(label: string, role: 'button' | 'link' | 'radio' | 'checkbox' | 'tab' = 'button', checked?: boolean) {
  const state = checked === undefined ? {} : process.env.TARO_ENV === 'h5' ? { 'aria-checked': checked } : { ariaChecked: checked }
  return process.env.TARO_ENV === 'h5' ? { role, 'aria-label': label, ...state } : { ariaRole: role, ariaLabel: label, ...state }
}

/** A line that must be read out when it appears (a form error), not only seen in colour. */
export function announced() {
  return process.env.TARO_ENV === 'h5' ? { role: 'alert', 'aria-live': 'assertive' as const } : { ariaRole: 'alert' }
}
