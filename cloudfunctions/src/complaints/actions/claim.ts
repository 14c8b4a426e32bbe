import type { complaintsContract } from '@shared/contract/complaints'
import { CLAIM_REFUSED, CLAIM_TRIES_PER_HOUR } from '@shared/rules/complaint-handling'
import { command } from '../../_lib/db'
import { AppFailure } from '../../_lib/failure'
import { decrypt } from '../../_lib/personal-data'
import { takeAttempt } from '../../_lib/rate-limit'
import { complaints, timelineStep, type ComplaintRecord } from '../../_lib/records/complaints'
import type { Handlers } from '../../_lib/router'
import { ownerView } from '../views'

const HOUR = 60 * 60 * 1000

/** Whether the caller's answers match a hotline case nobody else has claimed. */
function matches(record: ComplaintRecord | null, openid: string, phoneLast4: string, name: string): record is ComplaintRecord {
  if (!record?.intake || !record.contactPhoneCipher || !record.callerNameCipher) return false
  if (record.ownerOpenid !== null && record.ownerOpenid !== openid) return false
  return decrypt(record.contactPhoneCipher).slice(-4) === phoneLast4 && decrypt(record.callerNameCipher) === name
}

/**
 * A hotline caller claims their case in the app. The try is counted first, per tracking number
 * whether or not a case has it (so the limit itself reveals nothing), and every wrong answer reads
 * the same. The owner is set by a write conditional on "nobody owns it yet".
 */
export const claim: Handlers<typeof complaintsContract>['claim'] = async ({ trackingNumber, phoneLast4, name }, { caller }) => {
  if (!(await takeAttempt(`claim:${trackingNumber}`, { max: CLAIM_TRIES_PER_HOUR, windowMs: HOUR }))) {
    throw new AppFailure('RATE_LIMITED', '尝试次数过多，请一小时后再试，或拨打 12351 查询')
  }
  const record = await complaints.findOne({ trackingNumber })
  if (!matches(record, caller.openid, phoneLast4, name)) throw new AppFailure('NOT_FOUND', CLAIM_REFUSED)

  const now = new Date()
  if (record.ownerOpenid === null) {
    await complaints.updateWhere(
      { _id: record._id, ownerOpenid: null },
      { ownerOpenid: caller.openid, 'intake.claimedAt': now, updatedAt: now, timeline: command().push(timelineStep({ at: now, actor: 'complainant', kind: 'claimed' })) },
    )
  }
  const claimed = await complaints.get(record._id)
  if (claimed?.ownerOpenid !== caller.openid) throw new AppFailure('NOT_FOUND', CLAIM_REFUSED)
  return ownerView(claimed, now)
}
