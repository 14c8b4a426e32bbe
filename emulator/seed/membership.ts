import { expectOk, type SeedStep } from '.'
import { DEMO_MEMBER, DEMO_STAFF } from './identities'

/** 张师傅's join form: a valid (made-up) ID number and phone, so the seed exercises the real checks. */
export const DEMO_MEMBER_APPLICATION = {
  unionId: 'u-courier',
  name: '张师傅',
  idNumber: '330106198503124213',
  phone: '13957100001',
  employmentType: 'platform',
  employer: '顺丰速运滨江营业部',
  platform: '顺丰',
  occupation: '快递员',
  district: '滨江区',
  consent: true,
} as const

/**
 * `demo-member` becomes a member the way a worker does: applies to the courier federation through
 * the membership function and is approved by `demo-staff`, so the stored documents are exactly
 * what the functions write (encrypted ID and phone, member number, audit entry, outbox message).
 */
export const DEMO_MEMBER_JOINS: SeedStep = {
  name: 'demo-member joins u-courier (applies, approved by demo-staff)',
  // Reviewed by demo-staff, whom the staff step makes staff.
  functions: ['membership', 'staff'],
  run: async ({ invoke }) => {
    const application = expectOk(await invoke('membership', 'apply', DEMO_MEMBER_APPLICATION, DEMO_MEMBER), 'demo-member apply') as { applicationId: string }
    expectOk(await invoke('membership', 'review', { applicationId: application.applicationId, decision: 'approve' }, DEMO_STAFF), 'demo-staff approve')
  },
}
