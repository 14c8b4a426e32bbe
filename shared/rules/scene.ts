/**
 * The `scene` a union's mini program code carries (wxacode.getUnlimited): at most 32 characters
 * from WeChat's allowed set, no Chinese. Join codes are `j.<code>`, e.g. `j.courier`. The mini
 * program receives it URI-encoded in the page query; a scan inside the app yields it in `path`
 * (mini program code) or in a URL (the local cloud's QR for the H5 build).
 */
export const SCENE_MAX = 32
export const JOIN_SCENE_PREFIX = 'j.'

/** Characters WeChat accepts in a scene besides letters and digits. */
const SCENE_PATTERN = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]+$/

export type SceneCheck = { ok: true; value: string } | { ok: false; message: string }

export function checkScene(raw: string): SceneCheck {
  const scene = raw.trim()
  if (scene === '') return { ok: false, message: '二维码内容为空' }
  if (scene.length > SCENE_MAX || !SCENE_PATTERN.test(scene)) return { ok: false, message: '这不是工会通的二维码' }
  return { ok: true, value: scene }
}

export function isJoinScene(scene: string): boolean {
  return scene.startsWith(JOIN_SCENE_PREFIX) && scene.length > JOIN_SCENE_PREFIX.length
}

/** `decodeURIComponent` that leaves malformed input as it is instead of throwing. */
function decode(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

/** The scene from a page's launch query (`options.scene`), decoded; null when absent. */
export function sceneFromQuery(params: Record<string, string | undefined>): string | null {
  const raw = params.scene
  if (raw === undefined || raw === '') return null
  const scene = decode(raw).trim()
  return scene === '' ? null : scene
}

/**
 * The scene in what a scan returned: the `scene=` parameter of the mini program path or of a URL,
 * or the scanned text itself when it is a bare scene. Null when the code is something else.
 */
export function sceneFromScan(scan: { result?: string; path?: string }): string | null {
  for (const text of [scan.path, scan.result]) {
    if (!text) continue
    const match = /[?&#]scene=([^&#]*)/.exec(text)
    if (match?.[1]) return decode(match[1])
  }
  const bare = scan.result?.trim() ?? ''
  return checkScene(bare).ok && isJoinScene(bare) ? bare : null
}
