import type { complaintsContract } from '@shared/contract/complaints'
import { complaintSettings } from '../../_lib/records/complaintSettings'
import type { Handlers } from '../../_lib/router'
import { settingsOf } from '../clock'
import { rootUnionFor } from '../roots'

/** The working days of each tier (and of a referral) that the cases under a root union are given. */
export const tierSettings: Handlers<typeof complaintsContract>['tierSettings'] = async ({ unionId }, { caller }) => {
  const { root, editable } = await rootUnionFor(caller, unionId)
  const [settings, stored] = await Promise.all([settingsOf(root._id), complaintSettings.get(root._id)])
  return { union: { unionId: root._id, name: root.name }, ...settings, isDefault: stored === null, editable }
}
