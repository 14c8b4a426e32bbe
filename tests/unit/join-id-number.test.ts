import { ageOn, chinaDay } from '@shared/rules/china-time'
import { checkIdNumber, idCheckCharacter } from '@shared/rules/id-number'

/** A valid ID from its first 17 digits: the check character is computed, so only the part under test is wrong. */
const withCheck = (first17: string) => `${first17}${idCheckCharacter(first17)}`
const NOW = new Date('2026-03-01T04:00:00Z')

describe('resident ID numbers (GB 11643)', () => {
  it('accepts the standard sample and reads birth date and sex from it', () => {
    expect(checkIdNumber('11010519491231002X', NOW)).toEqual({
      ok: true,
      value: { idNumber: '11010519491231002X', birthDate: '1949-12-31', sex: 'female' },
    })
  })

  it('computes the ISO 7064 MOD 11-2 check character', () => {
    expect(idCheckCharacter('11010519491231002')).toBe('X')
    expect(idCheckCharacter('33010619850312421')).toBe(withCheck('33010619850312421').slice(-1))
  })

  it('reads an odd 17th digit as male', () => {
    const id = withCheck('33010619850312421')
    expect(checkIdNumber(id, NOW)).toMatchObject({ ok: true, value: { sex: 'male', birthDate: '1985-03-12' } })
  })

  it('upper-cases a lower-case x and ignores spaces people type', () => {
    expect(checkIdNumber('110105 19491231 002x', NOW)).toMatchObject({ ok: true, value: { idNumber: '11010519491231002X' } })
  })

  it.each([
    ['', '请填写身份证号'],
    ['110105491231002', '15 位旧身份证号已停用，请填写 18 位身份证号'],
    ['1101051949123100', '身份证号应为 18 位，前 17 位是数字，最后一位是数字或 X'],
    ['11010519491231002Y', '身份证号应为 18 位，前 17 位是数字，最后一位是数字或 X'],
    ['110105194912310021', '身份证号校验位不正确，请核对后重新填写'],
    [withCheck('00010519491231002'), '身份证号前两位不是有效的地区代码'],
    [withCheck('11010519490230002'), '身份证号中的出生日期（第 7–14 位）不是有效日期'],
    [withCheck('11010519491301002'), '身份证号中的出生日期（第 7–14 位）不是有效日期'],
    [withCheck('11010518991231002'), '身份证号中的出生日期（第 7–14 位）不是有效日期'],
    [withCheck('11010520270101002'), '身份证号中的出生日期晚于今天，请核对'],
  ])('refuses %j with a message saying what to fix', (input, message) => {
    expect(checkIdNumber(input, NOW)).toEqual({ ok: false, message })
  })

  it('accepts 29 February only in leap years', () => {
    expect(checkIdNumber(withCheck('11010520000229002'), NOW).ok).toBe(true)
    expect(checkIdNumber(withCheck('11010519990229002'), NOW).ok).toBe(false)
  })

  it('takes "today" in China, not on the machine clock', () => {
    // 2026-03-01 17:00 UTC is already 2 March in China: someone born that day has a valid ID.
    const late = new Date('2026-03-01T17:00:00Z')
    expect(chinaDay(late)).toBe('2026-03-02')
    expect(checkIdNumber(withCheck('11010520260302002'), late).ok).toBe(true)
  })

  it('counts whole years of age', () => {
    expect(ageOn('2010-03-02', '2026-03-01')).toBe(15)
    expect(ageOn('2010-03-01', '2026-03-01')).toBe(16)
  })
})
