import type { unionsContract } from '@shared/contract/unions'
import { isJoinScene } from '@shared/rules/scene'
import { AppFailure } from '../../_lib/failure'
import { unions } from '../../_lib/records/unions'
import type { Handlers } from '../../_lib/router'
import { summariseOne } from '../summary'

const UNKNOWN = '没有找到这个二维码对应的工会，二维码可能已失效。你可以搜索工会名称，或按平台和所在区县查找'

/**
 * The union behind a scanned join code. A retired union's code still resolves (its `refusal` says
 * it is closed), so the page can name it and offer the search instead of a bare "not found".
 */
export const resolveScene: Handlers<typeof unionsContract>['resolveScene'] = async ({ scene }) => {
  if (!isJoinScene(scene)) throw new AppFailure('NOT_FOUND', UNKNOWN)
  const union = await unions.findOne({ scene })
  if (!union) throw new AppFailure('NOT_FOUND', UNKNOWN)
  return { union: await summariseOne(union) }
}
