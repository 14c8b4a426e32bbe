import { unionsContract } from '@shared/contract/unions'
import { createRouter } from '../_lib/router'
import { create } from './actions/create'
import { get } from './actions/get'
import { qrcode } from './actions/qrcode'
import { resolveScene } from './actions/resolveScene'
import { retire } from './actions/retire'
import { route } from './actions/route'
import { routeChoices } from './actions/routeChoices'
import { search } from './actions/search'
import { served } from './actions/served'
import { tree } from './actions/tree'
import { update } from './actions/update'

export const main = createRouter('unions', unionsContract, {
  resolveScene,
  get,
  routeChoices,
  route,
  search,
  served,
  qrcode,
  tree,
  create,
  update,
  retire,
})
