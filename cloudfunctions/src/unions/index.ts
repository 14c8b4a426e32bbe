import { unionsContract } from '@shared/contract/unions'
import { createRouter } from '../_lib/router'
import { get } from './actions/get'
import { qrcode } from './actions/qrcode'
import { resolveScene } from './actions/resolveScene'
import { route } from './actions/route'
import { routeChoices } from './actions/routeChoices'
import { search } from './actions/search'
import { served } from './actions/served'

export const main = createRouter('unions', unionsContract, { resolveScene, get, routeChoices, route, search, served, qrcode })
