import type { complaintsContract } from '@shared/contract/complaints'
import type { Replay, RouterOptions } from '../_lib/router'
import { loadForOwner, loadForStaff } from './access'
import { ownerView, staffView } from './views'

type Contract = typeof complaintsContract

/**
 * A retried write on a case is answered with the case as it reads now: the request record keeps only
 * its id, never the account a person gave of their work.
 */
const asOwner: Replay<Contract['file']> & Replay<Contract['rate']> & Replay<Contract['claim']> = {
  keep: (output) => output.complaintId,
  answer: async (complaintId, { caller }) => ownerView(await loadForOwner(caller, complaintId), new Date()),
}

/** Every staff step answers with the case as staff see it (all share the output `staffCase`). */
const asStaff: Replay<Contract['transition']> &
  Replay<Contract['reply']> &
  Replay<Contract['extend']> &
  Replay<Contract['refer']> &
  Replay<Contract['referralFeedback']> &
  Replay<Contract['callback']> &
  Replay<Contract['qualityCheck']> &
  Replay<Contract['intake']> = {
  keep: (output) => output.complaintId,
  answer: async (complaintId, { caller }) => staffView(await loadForStaff(caller, complaintId), new Date(), caller),
}

export const replays: RouterOptions<Contract>['replays'] = {
  file: asOwner,
  rate: asOwner,
  claim: asOwner,
  transition: asStaff,
  reply: asStaff,
  extend: asStaff,
  refer: asStaff,
  referralFeedback: asStaff,
  callback: asStaff,
  qualityCheck: asStaff,
  intake: asStaff,
}
