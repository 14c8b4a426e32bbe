import { createHash } from 'node:crypto'
import { uploadFile } from '../storage'
import { cloudOpenApi, isLocalCloud, localCloudOpenApi, miniProgramState, type OpenApi } from './runtime'

export interface MiniProgramCodeRequest {
  /** What the code carries (a union's join scene, an activity's check-in scene). */
  scene: string
  /** The page it opens, without a leading slash: `subpackages/join/pages/start/index`. */
  page: string
}

export interface MiniProgramCode {
  /** Renders the code as a PNG in cloud storage; the same scene and page always land on the same file. */
  create(request: MiniProgramCodeRequest): Promise<{ fileID: string }>
}

/** wxacode.getUnlimited: at most 32 visible characters from this set. */
const SCENE = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/
const PAGE = /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/
const WIDTH = 430

function validate({ scene, page }: MiniProgramCodeRequest): { scene: string; page: string } {
  const bare = page.replace(/^\/+/, '')
  if (!SCENE.test(scene)) throw new Error(`mini program code: scene "${scene}" is not 1–32 characters of WeChat's scene alphabet`)
  if (!PAGE.test(bare)) throw new Error(`mini program code: page "${page}" is not a page path`)
  return { scene, page: bare }
}

const cloudPathFor = (scene: string, page: string) => `qrcodes/${createHash('sha256').update(`${page}?${scene}`).digest('hex').slice(0, 24)}.png`

type Upload = (cloudPath: string, content: Buffer) => Promise<string>

/**
 * wxacode.getUnlimited, stored in cloud storage. In the cloud it goes through `cloud.openapi` (the
 * function's config.json must list it); inside the local cloud, `localCloudOpenApi` sends it to the
 * local cloud, which answers with a plain QR code of the H5 page (emulator/gateway/openapi.ts). So no
 * function bundle carries a QR renderer for this call.
 */
export function cloudMiniProgramCode(api: () => Pick<OpenApi, 'wxacode'> = cloudOpenApi, upload: Upload = uploadFile): MiniProgramCode {
  return {
    async create(request) {
      const { scene, page } = validate(request)
      const state = miniProgramState()
      const envVersion = state === 'formal' ? 'release' : state === 'trial' ? 'trial' : 'develop'
      // Only a released version can check that the page exists.
      const reply = await api().wxacode.getUnlimited({ scene, page, checkPath: envVersion === 'release', envVersion, width: WIDTH })
      if (reply.errCode || !Buffer.isBuffer(reply.buffer)) throw new Error(`wxacode.getUnlimited failed: ${reply.errCode} ${reply.errMsg ?? ''}`)
      return { fileID: await upload(cloudPathFor(scene, page), reply.buffer) }
    },
  }
}

export const miniProgramCode: MiniProgramCode = {
  create: (request) => cloudMiniProgramCode(isLocalCloud() ? localCloudOpenApi : cloudOpenApi).create(request),
}
