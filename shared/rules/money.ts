/**
 * Money in yuan as people type it (`1234.5`, `1,234.50`, `￥800`), stored as integer fen so that
 * sums never drift through floating point.
 */
export type YuanCheck = { ok: true; fen: number } | { ok: false; message: string }

/** Up to 100 million yuan: more is a typo, not a wage claim. */
export const MAX_FEN = 100_000_000_00

export function parseYuan(raw: string | number, label = '金额'): YuanCheck {
  // A number arrives from tools that send JSON numbers; its shortest decimal form is what was meant.
  const text = (typeof raw === 'number' ? (Number.isFinite(raw) ? String(raw) : '') : raw).replace(/[\s,，￥¥元]/g, '')
  if (text === '') return { ok: false, message: `请填写${label}` }
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(text)
  if (!match) {
    if (/^\d+\.\d{3,}$/.test(text)) return { ok: false, message: `${label}最多保留两位小数` }
    if (text.startsWith('-')) return { ok: false, message: `${label}不能为负数` }
    return { ok: false, message: `${label}请填写数字，如 3500 或 3500.50` }
  }
  const whole = match[1]!.replace(/^0+(?=\d)/, '')
  if (whole.length > 9) return { ok: false, message: `${label}不能超过 1 亿元` }
  const fen = Number(whole) * 100 + Number((match[2] ?? '').padEnd(2, '0'))
  if (fen <= 0) return { ok: false, message: `${label}必须大于 0` }
  if (fen > MAX_FEN) return { ok: false, message: `${label}不能超过 1 亿元` }
  return { ok: true, fen }
}

/** 123450 → `1234.50`: exact, for forms and exports. */
export function fenToYuanText(fen: number): string {
  const sign = fen < 0 ? '-' : ''
  const abs = Math.abs(Math.trunc(fen))
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
}

/** 123450 → `¥1,234.50`: for reading. */
export function formatYuan(fen: number): string {
  const [whole, cents] = fenToYuanText(fen).split('.')
  return `¥${whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`
}
