import type { unionsContract } from '@shared/contract/unions'
import { AppFailure } from '../../_lib/failure'
import { miniProgramCode } from '../../_lib/openapi'
import { unions } from '../../_lib/records/unions'
import type { Handlers } from '../../_lib/router'
import { temporaryUrl } from '../../_lib/storage'

/** Where a join code lands: the join entry, which resolves the scene and opens the form. */
export const JOIN_PAGE = 'subpackages/join/pages/start/index'

/** A union's join code as a PNG to show, save and print; only for staff who serve that union. */
export const qrcode: Handlers<typeof unionsContract>['qrcode'] = async ({ unionId }, { caller }) => {
  const union = await unions.get(unionId)
  if (!union) throw new AppFailure('NOT_FOUND', '没有找到这个工会')
  if (!(await caller.servesUnion(unionId))) throw new AppFailure('FORBIDDEN', '只能获取你所服务工会的入会二维码')
  if (union.status !== 'active') throw new AppFailure('CONFLICT', `「${union.name}」已撤销，不能再生成入会二维码`)
  const { fileID } = await miniProgramCode.create({ scene: union.scene, page: JOIN_PAGE })
  return { unionId, unionName: union.name, scene: union.scene, page: JOIN_PAGE, fileID, imageUrl: await temporaryUrl(fileID) }
}
