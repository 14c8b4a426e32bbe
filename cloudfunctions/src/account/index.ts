import { accountContract } from '@shared/contract/account'
import { createRouter } from '../_lib/router'
import { me } from './actions/me'

export const main = createRouter('account', accountContract, { me })
