/**
 * A person's name as on their ID card: 2–30 characters of Chinese or Latin letters, with the
 * middle dot `·` between the parts of names such as 阿卜杜拉·艾则孜. Look-alike dots people type
 * (`•`, `・`, `．`, `.`) are normalised to `·`.
 */
export const NAME_MIN = 2
export const NAME_MAX = 30

export type NameCheck = { ok: true; value: string } | { ok: false; message: string }

export function checkPersonName(raw: string): NameCheck {
  const name = raw.trim().replace(/\s*[•・．.·]\s*/g, '·')
  const length = [...name].length
  if (length === 0) return { ok: false, message: '请填写姓名' }
  if (length < NAME_MIN) return { ok: false, message: `姓名至少 ${NAME_MIN} 个字` }
  if (length > NAME_MAX) return { ok: false, message: `姓名不能超过 ${NAME_MAX} 个字` }
  if (!/^[\u3400-\u9fffA-Za-z·]+$/u.test(name)) return { ok: false, message: '姓名只能包含汉字、字母和间隔号“·”' }
  if (name.startsWith('·') || name.endsWith('·') || name.includes('··')) return { ok: false, message: '间隔号“·”只能写在姓名中间' }
  return { ok: true, value: name }
}
