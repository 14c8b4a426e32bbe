import type { activitiesContract } from '@shared/contract/activities'
import type { Handlers } from '../../_lib/router'
import { loadActivity } from '../access'
import { detailFor } from '../detail'

/** One activity with its rules, the lottery's public record and the caller's own sign-up. */
export const get: Handlers<typeof activitiesContract>['get'] = async ({ activityId }, { caller }) => {
  return detailFor(await loadActivity(activityId, caller, { allowDraft: true }), caller)
}
