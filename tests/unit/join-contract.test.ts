import { joinIdNumber, membershipContract, mobile, personName } from '@shared/contract/membership'
import { unionsContract } from '@shared/contract/unions'
import { idCheckCharacter } from '@shared/rules/id-number'

const withCheck = (first17: string) => `${first17}${idCheckCharacter(first17)}`
const valid = {
  unionId: 'u-courier',
  name: '陈小妹',
  idNumber: '330108199207083020',
  phone: '138 1234 5678',
  employmentType: 'platform',
  platform: '顺丰',
  occupation: '快递员',
  district: '滨江区',
  consent: true,
}

/** The first message per field, as the form shows it. */
const messages = (input: unknown) => {
  const result = membershipContract.apply.input.safeParse(input)
  const firsts: Record<string, string> = {}
  for (const issue of result.success ? [] : result.error.issues) firsts[issue.path.join('.')] ??= issue.message
  return firsts
}

describe('the join form schema the client and the function share', () => {
  it('accepts a valid form and normalises ID and phone', () => {
    const parsed = membershipContract.apply.input.parse({ ...valid, idNumber: '11010519491231002x' })
    expect(parsed).toMatchObject({ idNumber: '11010519491231002X', phone: '13812345678' })
  })

  it('names every field of an empty form', () => {
    expect(messages({})).toEqual({
      unionId: '缺少工会',
      name: '请填写姓名',
      idNumber: '请填写身份证号',
      phone: '请填写手机号',
      employmentType: '请选择就业类型',
      occupation: '请填写职业',
      district: '请填写所在区县',
      consent: '请阅读并同意《中国工会章程》和《个人信息保护说明》',
    })
  })

  it('names the field when a value has the wrong type or length', () => {
    expect(
      messages({ ...valid, unionId: 'a b', name: 123, idNumber: null, phone: 13812345678, employmentType: 'employee', employer: 1, occupation: '职'.repeat(31), district: [] }),
    ).toEqual({
      unionId: '工会格式不正确',
      name: '姓名必须是文字',
      idNumber: '身份证号必须是文字',
      phone: '手机号必须是文字',
      employer: '工作单位必须是文字',
      occupation: '职业不能超过 30 个字',
      district: '所在区县必须是文字',
    })
  })

  it('gives the form the same per-field messages while the person types', () => {
    const first = (schema: typeof personName, value: string) => {
      const result = schema.safeParse(value)
      return result.success ? result.data : result.error.issues[0]?.message
    }
    expect(first(personName, '张')).toBe('姓名至少 2 个字')
    expect(first(personName, ' 阿卜杜拉•艾则孜 ')).toBe('阿卜杜拉·艾则孜')
    expect(first(mobile, '1')).toBe('手机号应为 11 位数字')
    expect(first(joinIdNumber, '1101051949')).toBe('身份证号应为 18 位，前 17 位是数字，最后一位是数字或 X')
    expect(first(joinIdNumber, '110105194912310021')).toBe('身份证号校验位不正确，请核对后重新填写')
    expect(first(joinIdNumber, 'x'.repeat(101))).toBe('身份证号太长，请核对')
  })

  it('names the missing workplace even while other fields are wrong', () => {
    expect(messages({ ...valid, platform: '', name: '' })).toEqual({ name: '请填写姓名', platform: '请选择接单平台' })
    expect(messages({ ...valid, employmentType: 'employee', employer: undefined, phone: '1' })).toEqual({
      phone: '手机号应为 11 位数字',
      employer: '请填写工作单位',
    })
  })

  it('does not ask for a workplace when the employment type itself is wrong', () => {
    expect(messages({ ...valid, employmentType: 'x', platform: '' })).toEqual({ employmentType: '就业类型不在可选范围内' })
  })

  it('refuses people under 16 by the birth date in the ID', () => {
    const year = new Date().getFullYear() - 15
    expect(messages({ ...valid, idNumber: withCheck(`110105${year}0101002`) })).toEqual({ idNumber: '未满 16 周岁不能申请入会' })
  })

  it('requires the consent to be exactly true', () => {
    expect(messages({ ...valid, consent: 'yes' })).toEqual({ consent: '请阅读并同意《中国工会章程》和《个人信息保护说明》' })
  })

  it('requires a reason only for a rejection', () => {
    expect(membershipContract.review.input.safeParse({ applicationId: 'ap-1', decision: 'approve' }).success).toBe(true)
    expect(membershipContract.review.input.safeParse({ applicationId: 'ap-1', decision: 'reject', reason: '是' }).success).toBe(false)
  })

  it('checks scenes at the boundary', () => {
    expect(unionsContract.resolveScene.input.safeParse({ scene: ' j.courier ' })).toEqual({ success: true, data: { scene: 'j.courier' } })
    expect(unionsContract.resolveScene.input.safeParse({ scene: 'j.快递' }).success).toBe(false)
  })
})
