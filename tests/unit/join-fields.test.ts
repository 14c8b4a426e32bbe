import { checkMobile } from '@shared/rules/phone'
import { checkPersonName } from '@shared/rules/person-name'

describe('mainland mobile numbers', () => {
  it.each([
    ['13812345678', '13812345678'],
    ['138 1234 5678', '13812345678'],
    ['138-1234-5678', '13812345678'],
    ['+8613812345678', '13812345678'],
    ['8619912345678', '19912345678'],
  ])('accepts %j as %j', (input, value) => {
    expect(checkMobile(input)).toEqual({ ok: true, value })
  })

  it.each([
    ['', '请填写手机号'],
    ['1381234567a', '手机号只能包含数字'],
    ['1381234567', '手机号应为 11 位数字'],
    ['138123456789', '手机号应为 11 位数字'],
    ['12812345678', '手机号应以 13–19 开头'],
    ['02161234567', '手机号应以 13–19 开头'],
  ])('refuses %j', (input, message) => {
    expect(checkMobile(input)).toEqual({ ok: false, message })
  })
})

describe('names as on the ID card', () => {
  it.each([
    ['张三', '张三'],
    [' 陈小妹 ', '陈小妹'],
    ['阿卜杜拉·艾则孜', '阿卜杜拉·艾则孜'],
    ['阿卜杜拉•艾则孜', '阿卜杜拉·艾则孜'],
    ['阿卜杜拉 . 艾则孜', '阿卜杜拉·艾则孜'],
    ['Li Na'.replace(' ', '·'), 'Li·Na'],
  ])('accepts %j as %j', (input, value) => {
    expect(checkPersonName(input)).toEqual({ ok: true, value })
  })

  it.each([
    ['', '请填写姓名'],
    ['   ', '请填写姓名'],
    ['张', '姓名至少 2 个字'],
    ['张'.repeat(31), '姓名不能超过 30 个字'],
    ['张3', '姓名只能包含汉字、字母和间隔号“·”'],
    ['张 三', '姓名只能包含汉字、字母和间隔号“·”'],
    ['·张三', '间隔号“·”只能写在姓名中间'],
    ['张··三', '间隔号“·”只能写在姓名中间'],
  ])('refuses %j', (input, message) => {
    expect(checkPersonName(input)).toEqual({ ok: false, message })
  })

  it('counts characters, not UTF-16 units, for the length limit', () => {
    expect(checkPersonName('张'.repeat(30)).ok).toBe(true)
  })
})
