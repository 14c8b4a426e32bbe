/**
 * Member numbers: the year of joining, a 7-digit city-wide sequence and a Luhn check digit
 * (`2026` `0000042` `7`), so a number read out over the phone or typed at a venue is checked
 * before anyone looks it up. The number stays with the person when they transfer.
 */
export const MEMBER_NUMBER_PATTERN = /^\d{12}$/

function luhnDigit(digits: string): number {
  let sum = 0
  for (let i = 0; i < digits.length; i += 1) {
    // Double every second digit counting from the right of the payload (the check digit goes after it).
    let d = Number(digits[digits.length - 1 - i])
    if (i % 2 === 0) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
  }
  return (10 - (sum % 10)) % 10
}

export function formatMemberNumber(year: number, sequence: number): string {
  if (!Number.isInteger(year) || year < 2000 || year > 9999) throw new RangeError(`year out of range: ${year}`)
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > 9_999_999) throw new RangeError(`sequence out of range: ${sequence}`)
  const payload = `${year}${String(sequence).padStart(7, '0')}`
  return `${payload}${luhnDigit(payload)}`
}

export function isMemberNumber(value: string): boolean {
  return MEMBER_NUMBER_PATTERN.test(value) && luhnDigit(value.slice(0, 11)) === Number(value[11])
}
