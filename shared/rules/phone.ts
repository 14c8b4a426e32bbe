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

/**
 * A union's contact number: a mobile, or a landline with its area code (`0571-87654321`, an
 * extension after a dash), or the 12351 hotline. Stored in the normal form shown back.
 */
export function checkContactPhone(raw: string): PhoneCheck {
  const text = raw.trim()
  if (text === '') return { ok: false, message: '请填写联系电话' }
  const mobile = checkMobile(text)
  if (mobile.ok) return mobile
  const landline = /^(0\d{2,3})[\s-]?(\d{7,8})(?:[\s-]+(\d{1,6}))?$/.exec(text)
  if (landline) return { ok: true, value: `${landline[1]}-${landline[2]}${landline[3] ? `-${landline[3]}` : ''}` }
  if (text === '12351') return { ok: true, value: text }
  return { ok: false, message: '联系电话应为手机号或带区号的座机号，如 0571-87654321' }
}
