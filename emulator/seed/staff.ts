import { expectOk, type SeedStep } from '.'
import { DEMO_ADMIN, DEMO_STAFF } from './identities'

/**
 * `demo-staff` (李干事) becomes staff of the courier federation the way anyone does: 王主席 invites
 * him through the staff function and he accepts the invitation's code, so his record, the used
 * invitation and the audit entries are exactly what the functions write.
 */
export const DEMO_STAFF_JOINS: SeedStep = {
  name: 'demo-staff joins u-courier (invited by demo-admin, accepts)',
  functions: ['staff'],
  run: async ({ invoke }) => {
    const invitation = expectOk(await invoke('staff', 'invite', { unionId: 'u-courier', role: 'staff', name: '李干事' }, DEMO_ADMIN), 'demo-admin invite') as { code: string }
    expectOk(await invoke('staff', 'accept', { code: invitation.code }, DEMO_STAFF), 'demo-staff accept')
  },
}
