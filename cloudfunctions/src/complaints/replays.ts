import type { complaintsContract } from '@shared/contract/complaints'
import type { Replay, RouterOptions } from '../_lib/router'
import { loadForOwner, loadForStaff } from './access'
import { ownerView, staffView } from './views'

type Contract = typeof complaintsContract

/**
 * A retried write on a case is answered with the case as it reads now: the request record keeps only
 * its id, never the account a person gave of their work.
 */
const asOwner: Replay<Contract['file']> & Replay<Contract['rate']> = {
  keep: (output) => output.complaintId,
  answer: async (complaintId, { caller }) => ownerView(await loadForOwner(caller, complaintId), new Date()),
}

const asStaff: Replay<Contract['transition']> & Replay<Contract['reply']> = {
  keep: (output) => output.complaintId,
  answer: async (complaintId, { caller }) => staffView(await loadForStaff(caller, complaintId), new Date()),
}

export const replays: RouterOptions<Contract>['replays'] = { file: asOwner, rate: asOwner, transition: asStaff, reply: asStaff }
