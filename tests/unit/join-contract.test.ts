import { membershipContract } from '@shared/contract/membership'
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

const messages = (input: unknown) => {
  const result = membershipContract.apply.input.safeParse(input)
  return result.success ? {} : Object.fromEntries(result.error.issues.map((issue) => [issue.path.join('.'), issue.message]))
}

describe('the join form schema the client and the function share', () => {
  it('accepts a valid form and normalises ID and phone', () => {
    const parsed = membershipContract.apply.input.parse({ ...valid, idNumber: '11010519491231002x' })
    expect(parsed).toMatchObject({ idNumber: '11010519491231002X', phone: '13812345678' })
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
