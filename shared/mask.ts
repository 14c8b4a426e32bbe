/**
 * Masks for personal data in every response and export (PIPL): enough to recognise, not to use.
 * `110101199003071234` → `110***********1234`, `13812345678` → `138****5678`.
 */
export function maskIdNumber(idNumber: string): string {
  if (idNumber.length <= 7) return '*'.repeat(idNumber.length)
  return `${idNumber.slice(0, 3)}${'*'.repeat(idNumber.length - 7)}${idNumber.slice(-4)}`
}

export function maskPhone(phone: string): string {
  if (phone.length <= 7) return '*'.repeat(phone.length)
  return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`
}

/** `张三` → `张*`, `欧阳娜娜` → `欧***`: for lists a bystander might see. */
export function maskName(name: string): string {
  const chars = [...name]
  return chars.length <= 1 ? name : `${chars[0]}${'*'.repeat(chars.length - 1)}`
}
