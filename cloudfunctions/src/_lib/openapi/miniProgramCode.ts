import { createHash } from 'node:crypto'
import { uploadFile } from '../storage'
import { cloudOpenApi, isLocalCloud, localCloudUrl, miniProgramState, type OpenApi } from './runtime'

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

/** wxacode.getUnlimited through `cloud.openapi` (needs it in config.json), stored in cloud storage. */
export function cloudMiniProgramCode(api: () => OpenApi = cloudOpenApi, upload: Upload = uploadFile): MiniProgramCode {
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

/** The URL a local code stands for: the H5 build's page, with the scene as WeChat would pass it. */
export function localCodeUrl(baseUrl: string, { scene, page }: MiniProgramCodeRequest): string {
  return `${baseUrl}/#/${page.replace(/^\/+/, '')}?scene=${encodeURIComponent(scene)}`
}

/** The local cloud's stand-in: a plain QR code of the H5 URL, rendered with `qrcode`. */
export function localMiniProgramCode(baseUrl: () => string = localCloudUrl, upload: Upload = uploadFile): MiniProgramCode {
  return {
    async create(request) {
      const { scene, page } = validate(request)
      // Loaded on first use, so a deployed function never evaluates the QR renderer it does not need.
      const { toBuffer } = await import('qrcode')
      const png = await toBuffer(localCodeUrl(baseUrl(), { scene, page }), { type: 'png', width: WIDTH, margin: 2, errorCorrectionLevel: 'M' })
      return { fileID: await upload(cloudPathFor(scene, page), png) }
    },
  }
}

export const miniProgramCode: MiniProgramCode = {
  create: (request) => (isLocalCloud() ? localMiniProgramCode() : cloudMiniProgramCode()).create(request),
}
