/** Cloud storage file ids as `wx.cloud.uploadFile` and the local cloud's upload return them: `cloud://env.bucket/<path>`. */

/** Whether a file id lies in the given folder (`cloud://env.bucket/<dir>/…`), with no `..` in its path. */
export function isInFolder(fileId: string, dir: string): boolean {
  const match = /^cloud:\/\/[^/]+\/(.+)$/.exec(fileId)
  return match !== null && match[1]!.startsWith(`${dir}/`) && !match[1]!.split('/').includes('..')
}
