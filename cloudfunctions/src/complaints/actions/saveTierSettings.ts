import type { complaintsContract } from '@shared/contract/complaints'
import { tierSettingsProblems, type ComplaintSettings } from '@shared/rules/complaint-tiers'
import { audit } from '../../_lib/audit'
import { AppFailure } from '../../_lib/failure'
import { complaintSettings } from '../../_lib/records/complaintSettings'
import type { Handlers } from '../../_lib/router'
import { settingsOf } from '../clock'
import { editableRootFor } from '../roots'

/** Admins of a root union set its tiers' days; deadlines already promised stay, new ones use these. */
export const saveTierSettings: Handlers<typeof complaintsContract>['saveTierSettings'] = async ({ unionId, tiers, referralDays }, { caller }) => {
  const root = await editableRootFor(caller, unionId, '案件分级期限')
  const problems = tierSettingsProblems(tiers)
  if (problems.length > 0) {
    const fields = problems.map(([tier, field, message]) => ({ path: `tiers.${tier}.${field}`, message }))
    throw new AppFailure('INVALID_INPUT', fields[0]!.message, fields)
  }
  const before = await settingsOf(root._id)
  await complaintSettings.set(root._id, { tiers, referralDays, updatedBy: caller.openid, updatedAt: new Date() })
  await audit({
    actorOpenid: caller.openid,
    action: 'complaints.saveTierSettings',
    unionId: root._id,
    targetCollection: 'complaintSettings',
    targetId: root._id,
    detail: {},
    before: settingsInWords(before),
    after: settingsInWords({ tiers, referralDays }),
  })
  return { union: { unionId: root._id, name: root.name }, tiers, referralDays, isDefault: false, editable: true }
}

/** Each tier as `受理/办结` working days, as the audit log shows a change of them. */
const settingsInWords = ({ tiers, referralDays }: ComplaintSettings) => ({
  ...Object.fromEntries(Object.entries(tiers).map(([tier, clock]) => [tier, `${clock.acceptDays}/${clock.resolveDays}`])),
  referralDays,
})
