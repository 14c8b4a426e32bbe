import type { membershipContract } from '@shared/contract/membership'
import { AppFailure } from '../_lib/failure'
import type { Caller } from '../_lib/identity'
import { applications, type ApplicationRecord } from '../_lib/records/applications'
import { members } from '../_lib/records/members'
import type { Replay, RouterOptions } from '../_lib/router'
import { applicationView } from './views'

type Contract = typeof membershipContract

/**
 * A retried application or decision is answered with the application as it reads now: the request
 * record keeps only its id, not the person's name, employer or masked numbers.
 */
async function load(applicationId: string, allowed: (record: ApplicationRecord) => Promise<boolean>): Promise<ApplicationRecord> {
  const record = await applications.get(applicationId)
  if (!record || !(await allowed(record))) throw new AppFailure('NOT_FOUND', '没有找到这份入会申请')
  return record
}

const ownApplication = (caller: Caller) => async (record: ApplicationRecord) => record.openid === caller.openid

const asApplicant: Replay<Contract['apply']> & Replay<Contract['transfer']> = {
  keep: (output) => output.applicationId,
  answer: async (applicationId, { caller }) => applicationView(await load(applicationId, ownApplication(caller))),
}

const asReviewer: Replay<Contract['review']> = {
  keep: (output) => output.applicationId,
  answer: async (applicationId, { caller }) => {
    const record = await load(applicationId, (found) => caller.servesUnion(found.unionId))
    const member = record.status === 'approved' ? await members.findOne({ openid: record.openid }) : null
    return { ...(await applicationView(record)), memberNumber: member?.memberNumber ?? null }
  },
}

export const replays: RouterOptions<Contract>['replays'] = { apply: asApplicant, transfer: asApplicant, review: asReviewer }
