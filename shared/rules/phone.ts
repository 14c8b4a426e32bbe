/**
 * Mainland mobile numbers: 11 digits starting 13–19. People paste them with spaces, dashes or a
 * +86 prefix, so those are removed before checking.
 */
export type PhoneCheck = { ok: true; value: string } | { ok: false; message: string }

export function checkMobile(raw: string): PhoneCheck {
  const digits = raw.replace(/[\s-]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '')
  if (digits === '') return { ok: false, message: '请填写手机号' }
  if (!/^\d+$/.test(digits)) return { ok: false, message: '手机号只能包含数字' }
  if (digits.length !== 11) return { ok: false, message: '手机号应为 11 位数字' }
  if (!/^1[3-9]/.test(digits)) return { ok: false, message: '手机号应以 13–19 开头' }
  return { ok: true, value: digits }
}
