import { auditActionLabel, matchesAuditFilter } from '@shared/rules/audit-actions'
import { acceptsMembers, refusalFor } from '@shared/rules/join'
import { checkContactPhone } from '@shared/rules/phone'
import { actorIdFor, checkInviteCode, inviteScene, isInviteScene, staffIdFor } from '@shared/rules/staff'
import { normaliseUnionFields, parsePlatforms, unionFieldProblems } from '@shared/rules/union-fields'

describe('invitation codes', () => {
  const code = 'Ab3dEf6hIj9kLm2oPq5s'

  it('takes the bare code or the scene its mini program code carries', () => {
    expect(checkInviteCode(code)).toEqual({ ok: true, value: code })
    expect(checkInviteCode(` ${inviteScene(code)} `)).toEqual({ ok: true, value: code })
    expect(isInviteScene(inviteScene(code))).toBe(true)
    expect(isInviteScene('j.courier')).toBe(false)
  })

  it.each(['', 'short', `${code}x`, 'Ab3dEf6hIj9kLm2oPq5!', 'i.'])('refuses %j with a Chinese message', (raw) => {
    const checked = checkInviteCode(raw)
    expect(checked.ok).toBe(false)
    if (!checked.ok) expect(checked.message).toMatch(/邀请码/)
  })
})

describe('staff and actor ids', () => {
  it('are stable, differ by person and union, and never carry the openid', () => {
    expect(staffIdFor('demo-admin', 'u-city')).toBe(staffIdFor('demo-admin', 'u-city'))
    expect(staffIdFor('demo-admin', 'u-city')).not.toBe(staffIdFor('demo-admin', 'u-courier'))
    expect(staffIdFor('demo-admin', 'u-city')).toMatch(/^st-[0-9a-f]{32}$/)
    expect(actorIdFor('demo-admin')).not.toContain('demo-admin')
    expect(actorIdFor('demo-admin')).not.toBe(actorIdFor('demo-staff'))
  })
})

describe('a union’s contact phone', () => {
  it.each([
    ['0571-87654321', '0571-87654321'],
    ['0571 87654321', '0571-87654321'],
    ['010-1234567-808', '010-1234567-808'],
    ['138 1234 5678', '13812345678'],
    ['+86 13812345678', '13812345678'],
    ['12351', '12351'],
  ])('accepts %j as %j', (raw, value) => {
    expect(checkContactPhone(raw)).toEqual({ ok: true, value })
  })

  it.each(['12345', '87654321', '0571-123', 'abc'])('refuses %j, saying what a contact phone looks like', (raw) => {
    expect(checkContactPhone(raw)).toEqual({ ok: false, message: '联系电话应为手机号或带区号的座机号，如 0571-87654321' })
  })
})

describe('union fields', () => {
  it('asks a sector federation for its sector and platforms, a district federation for its district', () => {
    expect(unionFieldProblems({ kind: 'sector', sector: null, district: null, platforms: [] }).map((problem) => problem.path)).toEqual(['sector', 'platforms'])
    expect(unionFieldProblems({ kind: 'district', sector: null, district: null, platforms: [] }).map((problem) => problem.path)).toEqual(['district'])
    expect(unionFieldProblems({ kind: 'enterprise', sector: null, district: null, platforms: [] })).toEqual([])
  })

  it('keeps a sector only on sector federations and platforms without repeats', () => {
    expect(normaliseUnionFields({ kind: 'enterprise', sector: 'courier', platforms: ['顺丰', '顺丰'] })).toEqual({ kind: 'enterprise', sector: null, platforms: ['顺丰'] })
    expect(parsePlatforms('美团、饿了么，美团  闪送')).toEqual(['美团', '饿了么', '闪送'])
  })

  it('lets admins close a union to applications, with a reason a worker understands', () => {
    expect(acceptsMembers({ kind: 'enterprise', status: 'active', takesMembers: false })).toBe(false)
    expect(refusalFor({ kind: 'enterprise', status: 'active', takesMembers: false, name: '某厂工会' })).toContain('暂不接收入会申请')
    // A federation may be opened by its admins; documents without the setting keep the old default.
    expect(acceptsMembers({ kind: 'federation', status: 'active', takesMembers: true })).toBe(true)
    expect(acceptsMembers({ kind: 'federation', status: 'active' })).toBe(false)
    expect(acceptsMembers({ kind: 'sector', status: 'active' })).toBe(true)
  })
})

describe('audit actions', () => {
  it('read in words, and an unlisted one still says its group', () => {
    expect(auditActionLabel('unions.retire')).toBe('撤销工会')
    expect(auditActionLabel('complaints.extend')).toBe('延长期限')
    expect(auditActionLabel('complaints.somethingNew')).toBe('维权（complaints.somethingNew）')
  })

  it('filter on whole segments', () => {
    expect(matchesAuditFilter('membership.review.approve', 'membership.review')).toBe(true)
    expect(matchesAuditFilter('membership.review.approve', 'membership.rev')).toBe(false)
  })
})
