import { randomUUID } from 'node:crypto'
import { toBuffer } from 'qrcode'

/**
 * The openapi calls the local cloud answers itself, on the SDK's `/admin` endpoint, for the
 * functions' local adapters (cloudfunctions/src/_lib/openapi). Rendering here rather than in the
 * function keeps `qrcode` out of the deployed bundles, which never need it for this call.
 *
 * `openapi.wxacode.getUnlimited`: WeChat draws a mini program code that opens the app; nothing
 * here can open the app, so the stand-in is a plain QR code of the H5 build's page with the scene
 * in its query, which a phone camera opens in the browser.
 */
export type OpenApiReply = { requestId: string; data: { contentType: string; buffer: string } } | { requestId: string; code: string; message: string }

/** The URL a local code stands for: the H5 build's page, with the scene as WeChat would pass it. */
export function localCodeUrl(baseUrl: string, { scene, page }: { scene: string; page: string }): string {
  return `${baseUrl}/#/${page.replace(/^\/+/, '')}?scene=${encodeURIComponent(scene)}`
}

export async function answerOpenApi(params: Record<string, unknown>, publicUrl: string): Promise<OpenApiReply> {
  const requestId = randomUUID()
  if (params.action !== 'openapi.wxacode.getUnlimited') return { requestId, code: 'INVALID_PARAM', message: `unknown openapi action ${String(params.action)}` }
  const { scene, page, width } = params
  if (typeof scene !== 'string' || typeof page !== 'string' || typeof width !== 'number' || width < 1 || width > 1280) {
    return { requestId, code: 'INVALID_PARAM', message: 'wxacode.getUnlimited needs scene, page and a width up to 1280' }
  }
  const png = await toBuffer(localCodeUrl(publicUrl, { scene, page }), { type: 'png', width, margin: 2, errorCorrectionLevel: 'M' })
  return { requestId, data: { contentType: 'image/png', buffer: png.toString('base64') } }
}
