/** Cloud storage file ids as `wx.cloud.uploadFile` and the local cloud's upload return them: `cloud://env.bucket/<path>`. */

const PATH_OF = /^cloud:\/\/[^/]+\/(.+)$/

/** Whether a file id lies in the given folder (`cloud://env.bucket/<dir>/…`), with no `..` in its path. */
export function isInFolder(fileId: string, dir: string): boolean {
  const match = PATH_OF.exec(fileId)
  return match !== null && match[1]!.startsWith(`${dir}/`) && !match[1]!.split('/').includes('..')
}

/**
 * A person's own folder inside each photo folder, from the SHA-256 (hex) of their openid: the server
 * and the local cloud compute it from the caller's identity, the client is told it by `account.me`.
 * Photos are copied out of it when a record takes them, so nobody else ever sees it.
 */
export const uploadFolderFromDigest = (sha256Hex: string) => `u${sha256Hex.slice(0, 24)}`

/** Photo folders: lower-case words (`complaint-evidence`, `place-photos`). */
const DIR = /^[a-z0-9-]{1,32}$/
/** An upload's name: random letters and digits, then what kind of image it is. */
const UPLOAD_NAME = /^[A-Za-z0-9_-]{16,64}\.(jpg|png|webp|heic)$/

/** Where a person's upload goes: `<dir>/<their folder>/<random>.<ext>`. */
export function uploadPath(dir: string, folder: string, randomName: string, extension: string): string {
  return `${dir}/${folder}/${randomName}.${extension}`
}

/** Whether a cloud path is a person's own upload (into any photo folder) under a name the server can check. */
export function isOwnUploadPath(cloudPath: string, folder: string): boolean {
  const [dir, owner, name, ...rest] = cloudPath.split('/')
  return rest.length === 0 && DIR.test(dir ?? '') && owner === folder && UPLOAD_NAME.test(name ?? '')
}

/** Whether a file id is a person's own upload into `dir`. */
export function isOwnUpload(fileId: string, dir: string, folder: string): boolean {
  const cloudPath = PATH_OF.exec(fileId)?.[1]
  return cloudPath !== undefined && cloudPath.startsWith(`${dir}/`) && isOwnUploadPath(cloudPath, folder)
}
