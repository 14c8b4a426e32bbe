import { fenToYuanText, formatYuan, parseYuan } from '@shared/rules/money'

describe('amounts in yuan', () => {
  it('parses what people type into integer fen', () => {
    expect(parseYuan('3500')).toEqual({ ok: true, fen: 350000 })
    expect(parseYuan('3500.5')).toEqual({ ok: true, fen: 350050 })
    expect(parseYuan('1,234.56 元')).toEqual({ ok: true, fen: 123456 })
    expect(parseYuan('￥0.01')).toEqual({ ok: true, fen: 1 })
    expect(parseYuan(0.29)).toEqual({ ok: true, fen: 29 })
    expect(parseYuan(1234.5)).toEqual({ ok: true, fen: 123450 })
  })

  it('says what is wrong, naming the field', () => {
    expect(parseYuan('', '拖欠金额')).toEqual({ ok: false, message: '请填写拖欠金额' })
    expect(parseYuan('12.345', '拖欠金额')).toEqual({ ok: false, message: '拖欠金额最多保留两位小数' })
    expect(parseYuan('-5', '拖欠金额')).toEqual({ ok: false, message: '拖欠金额不能为负数' })
    expect(parseYuan('abc', '拖欠金额')).toMatchObject({ ok: false, message: expect.stringContaining('拖欠金额') })
    expect(parseYuan('0', '拖欠金额')).toEqual({ ok: false, message: '拖欠金额必须大于 0' })
    expect(parseYuan('1000000000', '拖欠金额')).toEqual({ ok: false, message: '拖欠金额不能超过 1 亿元' })
    expect(parseYuan(Number.NaN, '拖欠金额')).toEqual({ ok: false, message: '请填写拖欠金额' })
  })

  it('writes fen back exactly', () => {
    expect(fenToYuanText(123450)).toBe('1234.50')
    expect(fenToYuanText(7)).toBe('0.07')
    expect(formatYuan(123456789)).toBe('¥1,234,567.89')
  })
})
