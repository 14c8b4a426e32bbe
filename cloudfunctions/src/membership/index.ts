import { membershipContract } from '@shared/contract/membership'
import { createRouter } from '../_lib/router'
import { apply } from './actions/apply'
import { card } from './actions/card'
import { get } from './actions/get'
import { list } from './actions/list'
import { mine } from './actions/mine'
import { reveal } from './actions/reveal'
import { review } from './actions/review'
import { transfer } from './actions/transfer'
import { verifyCard } from './actions/verifyCard'
import { replays } from './replays'

export const main = createRouter('membership', membershipContract, { apply, mine, get, card, list, reveal, review, transfer, verifyCard }, { replays })
