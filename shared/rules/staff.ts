import { sha256Hex } from './sha256'

/**
 * Union staff and their invitations (issue 11): how long an invitation lasts, what its code and
 * the scene of its mini program code look like, and the id of a staff record.
 */

/** An invitation can be accepted for this long after it is made. */
export const INVITATION_TTL_HOURS = 72

/** An invitation's mini program code carries `i.<code>`; join codes carry `j.<code>` (rules/scene.ts). */
export const INVITE_SCENE_PREFIX = 'i.'

/** 20 letters and digits: about 119 random bits, so a code cannot be guessed. */
export const INVITE_CODE_LENGTH = 20
const CODE = new RegExp(`^[A-Za-z0-9]{${INVITE_CODE_LENGTH}}$`)

export type CodeCheck = { ok: true; value: string } | { ok: false; message: string }

/** The code in what a person pasted or a code carried: the bare code, or the scene `i.<code>`. */
export function checkInviteCode(raw: string): CodeCheck {
  const text = raw.trim()
  if (text === '') return { ok: false, message: '请填写邀请码' }
  const code = text.startsWith(INVITE_SCENE_PREFIX) ? text.slice(INVITE_SCENE_PREFIX.length) : text
  if (!CODE.test(code)) return { ok: false, message: `邀请码应为 ${INVITE_CODE_LENGTH} 位字母和数字，请核对` }
  return { ok: true, value: code }
}

export const inviteScene = (code: string) => `${INVITE_SCENE_PREFIX}${code}`

export function isInviteScene(scene: string): boolean {
  return scene.startsWith(INVITE_SCENE_PREFIX) && checkInviteCode(scene).ok
}

/**
 * The id of a person's staff record in one union. Derived, so that two invitations to the same
 * union accepted at once leave one record (the database refuses the second insert), and so that the
 * seed writes the same ids the functions do. A hash: the person's openid never reaches a client.
 */
export function staffIdFor(openid: string, unionId: string): string {
  return `st-${sha256Hex(`${openid}\n${unionId}`).slice(0, 32)}`
}

/** Who did something, for filtering the audit log by person without handing out openids. */
export function actorIdFor(openid: string): string {
  return `a-${sha256Hex(`actor\n${openid}`).slice(0, 24)}`
}
