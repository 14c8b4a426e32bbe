/**
 * The theme colours that WeChat's native chrome (navigation bar, tab bar, window background) needs
 * as literal hex strings: app.config.ts cannot use CSS variables. They must match the variables of
 * the same meaning in theme.css (tests/unit/client-theme.test.ts checks that they do).
 */
export const NATIVE_THEME = {
  /** --color-brand */
  brand: '#c8161d',
  /** --color-page */
  page: '#f5f5f5',
  /** --color-surface */
  surface: '#ffffff',
  /** --color-text-secondary, for the tab labels not selected */
  tabText: '#595959',
} as const
