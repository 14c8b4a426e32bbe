import { staffContract } from '@shared/contract/staff'
import { createRouter } from '../_lib/router'
import { accept } from './actions/accept'
import { auditLog } from './actions/auditLog'
import { bootstrap } from './actions/bootstrap'
import { invitation } from './actions/invitation'
import { invite } from './actions/invite'
import { list } from './actions/list'
import { revoke } from './actions/revoke'

export const main = createRouter('staff', staffContract, { bootstrap, invite, invitation, accept, list, revoke, auditLog })
