import type { FieldError } from '@shared/result'
import { EVIDENCE_DIR, MAX_EVIDENCE_BYTES } from '@shared/rules/complaint-evidence'
import { AppFailure } from '../_lib/failure'
import { downloadFile, temporaryUrls } from '../_lib/storage'

/**
 * Evidence images in cloud storage. The client uploads them (H5: the local cloud's upload;
 * weapp: `wx.cloud.uploadFile`) and sends file IDs; here they are checked before a case refers to
 * them, and turned into short-lived URLs only for people allowed to see the case.
 */

/** Temporary URLs live this long: enough to look at a case, too short to pass around. */
const URL_MAX_AGE_SECONDS = 600
/** Parallel downloads while checking, so nine large photos do not sit in memory at once. */
const CHECK_CONCURRENCY = 3

/** `cloud://env.bucket/complaint-evidence/…` → whether the path is in the evidence folder. */
function inEvidenceDir(fileID: string): boolean {
  const path = fileID.replace(/^cloud:\/\/[^/]+\//, '')
  return path.startsWith(`${EVIDENCE_DIR}/`) && !path.split('/').includes('..')
}

/** JPEG, PNG, WEBP or HEIC, told by the first bytes rather than by the file name. */
export function isImage(data: Uint8Array): boolean {
  const ascii = (from: number, to: number) => Buffer.from(data.subarray(from, to)).toString('latin1')
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return true
  if (data.length >= 8 && ascii(0, 8) === '\x89PNG\r\n\x1a\n') return true
  if (data.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return true
  return data.length >= 12 && ascii(4, 8) === 'ftyp' && ['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1'].includes(ascii(8, 12))
}

async function inBatches<T>(items: T[], size: number, run: (item: T, index: number) => Promise<void>): Promise<void> {
  for (let start = 0; start < items.length; start += size) {
    await Promise.all(items.slice(start, start + size).map((item, offset) => run(item, start + offset)))
  }
}

/**
 * Refuses (INVALID_INPUT, naming `attachments.<i>`) any file that is outside the evidence folder,
 * missing, larger than the limit or not an image. The SDK offers no metadata call, so size and type
 * are read from the file itself.
 */
export async function checkEvidence(fileIDs: string[]): Promise<void> {
  if (fileIDs.length === 0) return
  const problems: FieldError[] = []
  const refuse = (index: number, message: string) => problems.push({ path: `attachments.${index}`, message: `第 ${index + 1} 张图片${message}` })

  fileIDs.forEach((fileID, index) => {
    if (!inEvidenceDir(fileID)) refuse(index, '不是通过本页上传的，请删除后重新上传')
  })
  if (problems.length === 0) {
    const present = await temporaryUrls(fileIDs, 60)
    fileIDs.forEach((fileID, index) => {
      if (!present.has(fileID)) refuse(index, '未上传成功或已失效，请删除后重新上传')
    })
  }
  if (problems.length === 0) {
    await inBatches(fileIDs, CHECK_CONCURRENCY, async (fileID, index) => {
      const fileContent = await downloadFile(fileID)
      if (fileContent.length > MAX_EVIDENCE_BYTES) refuse(index, `超过 ${MAX_EVIDENCE_BYTES / 1024 / 1024} MB，请压缩后重新上传`)
      else if (!isImage(fileContent)) refuse(index, '不是 JPG、PNG、WEBP 或 HEIC 格式的图片')
    })
  }
  if (problems.length > 0) {
    problems.sort((a, b) => a.path.localeCompare(b.path, 'en', { numeric: true }))
    throw new AppFailure('INVALID_INPUT', problems[0]!.message, problems)
  }
}

/** Short-lived URLs for the case's images, in order; a file that has gone missing is left out. */
export async function evidenceUrls(fileIDs: string[]): Promise<Array<{ url: string }>> {
  const urls = await temporaryUrls(fileIDs, URL_MAX_AGE_SECONDS)
  return fileIDs.flatMap((fileID) => {
    const url = urls.get(fileID)
    return url ? [{ url }] : []
  })
}
