import { chinaDay } from './china-time'

/**
 * Mainland resident ID numbers (GB 11643-1999): 6-digit region, 8-digit birth date, 3-digit
 * sequence (odd for men, even for women) and an ISO 7064 MOD 11-2 check character. Birth date and
 * sex are read from the number, so the join form never asks for them.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const
const CHECK_CHARACTERS = '10X98765432'

/** Province-level codes (first two digits), including 81/82/83 of the residence permits for HK, Macao and Taiwan residents. */
const PROVINCE_CODES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
  '71', '81', '82', '83',
])

export type Sex = 'male' | 'female'

export interface IdNumberFacts {
  /** Upper-case, 18 characters. */
  idNumber: string
  /** `YYYY-MM-DD`. */
  birthDate: string
  sex: Sex
}

export type IdNumberCheck = { ok: true; value: IdNumberFacts } | { ok: false; message: string }

/** The check character GB 11643 assigns to the first 17 digits. */
export function idCheckCharacter(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * WEIGHTS[i]!
  return CHECK_CHARACTERS[sum % 11]!
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}

/** Checks an ID number and reads birth date and sex from it; the message says what to fix, in Chinese. */
export function checkIdNumber(raw: string, now: Date = new Date()): IdNumberCheck {
  const idNumber = raw.replace(/\s+/g, '').toUpperCase()
  if (idNumber === '') return { ok: false, message: '请填写身份证号' }
  if (/^\d{15}$/.test(idNumber)) return { ok: false, message: '15 位旧身份证号已停用，请填写 18 位身份证号' }
  if (!/^\d{17}[\dX]$/.test(idNumber)) return { ok: false, message: '身份证号应为 18 位，前 17 位是数字，最后一位是数字或 X' }
  if (!PROVINCE_CODES.has(idNumber.slice(0, 2))) return { ok: false, message: '身份证号前两位不是有效的地区代码' }

  const year = Number(idNumber.slice(6, 10))
  const month = Number(idNumber.slice(10, 12))
  const day = Number(idNumber.slice(12, 14))
  if (year < 1900 || !isCalendarDate(year, month, day)) return { ok: false, message: '身份证号中的出生日期（第 7–14 位）不是有效日期' }
  const birthDate = `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`
  if (birthDate > chinaDay(now)) return { ok: false, message: '身份证号中的出生日期晚于今天，请核对' }

  if (idCheckCharacter(idNumber.slice(0, 17)) !== idNumber[17]) return { ok: false, message: '身份证号校验位不正确，请核对后重新填写' }
  return { ok: true, value: { idNumber, birthDate, sex: Number(idNumber[16]) % 2 === 1 ? 'male' : 'female' } }
}

