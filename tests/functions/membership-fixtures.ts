import type { ActionInput } from '@shared/contract'
import { idCheckCharacter } from '@shared/rules/id-number'

/** A valid ID number from 17 digits: the check character is computed, so tests vary one thing at a time. */
export const idFrom = (first17: string) => `${first17}${idCheckCharacter(first17)}`

/** 陈小妹 (demo-worker) applying to the courier federation, as the form sends it. */
export function application(overrides: Partial<ActionInput<'membership', 'apply'>> = {}): ActionInput<'membership', 'apply'> {
  return {
    unionId: 'u-courier',
    name: '陈小妹',
    idNumber: idFrom('33010819920708302'),
    phone: '13812345678',
    employmentType: 'platform',
    employer: '',
    platform: '顺丰',
    occupation: '快递员',
    district: '滨江区',
    consent: true,
    ...overrides,
  }
}

/** The ID number of the seeded member 张师傅 (emulator/seed/membership.ts). */
export const DEMO_MEMBER_ID = '330106198503124213'
