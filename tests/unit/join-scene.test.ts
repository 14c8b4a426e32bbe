import { checkScene, isJoinScene, sceneFromQuery, sceneFromScan } from '@shared/rules/scene'
import { formatMemberNumber, isMemberNumber } from '@shared/rules/member-number'

describe('QR scenes', () => {
  it('accepts WeChat scene characters up to 32', () => {
    expect(checkScene('j.courier')).toEqual({ ok: true, value: 'j.courier' })
    expect(checkScene("a-Z_0.9~!#$&'()*+,/:;=?@")).toMatchObject({ ok: true })
    expect(checkScene('x'.repeat(32))).toMatchObject({ ok: true })
  })

  it.each(['', 'x'.repeat(33), 'j.快递', 'j courier', 'j.<script>'])('refuses %j', (scene) => {
    expect(checkScene(scene).ok).toBe(false)
  })

  it('tells join scenes from others', () => {
    expect(isJoinScene('j.courier')).toBe(true)
    expect(isJoinScene('j.')).toBe(false)
    expect(isJoinScene('c.act-1')).toBe(false)
  })

  it('decodes the scene WeChat passes URI-encoded in the launch query', () => {
    expect(sceneFromQuery({ scene: 'j.courier' })).toBe('j.courier')
    expect(sceneFromQuery({ scene: 'j%2Ecourier' })).toBe('j.courier')
    expect(sceneFromQuery({ scene: '%E0%A4%A' })).toBe('%E0%A4%A')
    expect(sceneFromQuery({})).toBeNull()
    expect(sceneFromQuery({ scene: '' })).toBeNull()
  })

  it('finds the scene in a scanned mini program path, an H5 URL or a bare code', () => {
    expect(sceneFromScan({ result: '*', path: 'subpackages/join/pages/start/index?scene=j.courier' })).toBe('j.courier')
    expect(sceneFromScan({ result: 'http://127.0.0.1:8787/#/subpackages/join/pages/start/index?scene=j.delivery' })).toBe('j.delivery')
    expect(sceneFromScan({ result: 'j.xihu' })).toBe('j.xihu')
    expect(sceneFromScan({ result: 'https://example.com/' })).toBeNull()
    expect(sceneFromScan({})).toBeNull()
  })
})

describe('member numbers', () => {
  it('are year, sequence and a Luhn check digit', () => {
    const number = formatMemberNumber(2026, 42)
    expect(number).toMatch(/^20260000042\d$/)
    expect(isMemberNumber(number)).toBe(true)
  })

  it('catch a mistyped digit and a swap of neighbours', () => {
    const number = formatMemberNumber(2026, 1234)
    const typo = `${number.slice(0, 8)}${(Number(number[8]) + 1) % 10}${number.slice(9)}`
    const swapped = `${number.slice(0, 9)}${number[10]}${number[9]}${number.slice(11)}`
    expect(isMemberNumber(typo)).toBe(false)
    if (number[9] !== number[10]) expect(isMemberNumber(swapped)).toBe(false)
  })

  it('refuse out-of-range input', () => {
    expect(() => formatMemberNumber(2026, 0)).toThrow(RangeError)
    expect(() => formatMemberNumber(2026, 10_000_000)).toThrow(RangeError)
    expect(isMemberNumber('abc')).toBe(false)
  })
})
