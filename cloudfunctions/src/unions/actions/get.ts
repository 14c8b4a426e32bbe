import type { unionsContract } from '@shared/contract/unions'
import { AppFailure } from '../../_lib/failure'
import { unions } from '../../_lib/records/unions'
import type { Handlers } from '../../_lib/router'
import { summariseOne } from '../summary'

/** One union, for a page opened with its id. */
export const get: Handlers<typeof unionsContract>['get'] = async ({ unionId }) => {
  const union = await unions.get(unionId)
  if (!union) throw new AppFailure('NOT_FOUND', '没有找到这个工会，请重新选择')
  return { union: await summariseOne(union) }
}
