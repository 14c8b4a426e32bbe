import type { FieldError } from '@shared/result'
import { isInFolder } from '@shared/rules/cloud-files'
import { AppFailure } from './failure'
import { downloadFile, temporaryUrls } from './storage'

/**
 * Photos people upload to cloud storage (complaint evidence, places and reports on them). The
 * client uploads them (H5: the local cloud's upload; weapp: `wx.cloud.uploadFile`) and sends file
 * IDs; here they are checked before a record refers to them.
 */

/** JPEG, PNG, WEBP or HEIC, told by the first bytes rather than by the file name. */
export function isImage(data: Uint8Array): boolean {
  const ascii = (from: number, to: number) => Buffer.from(data.subarray(from, to)).toString('latin1')
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return true
  if (data.length >= 8 && ascii(0, 8) === '\x89PNG\r\n\x1a\n') return true
  if (data.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return true
  return data.length >= 12 && ascii(4, 8) === 'ftyp' && ['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1'].includes(ascii(8, 12))
}

/** Parallel downloads while checking, so nine large photos do not sit in memory at once. */
const CHECK_CONCURRENCY = 3

async function inBatches<T>(items: T[], size: number, run: (item: T, index: number) => Promise<void>): Promise<void> {
  for (let start = 0; start < items.length; start += size) {
    await Promise.all(items.slice(start, start + size).map((item, offset) => run(item, start + offset)))
  }
}

export interface ImageRules {
  /** The cloud storage folder the page uploads to; files from elsewhere are refused. */
  dir: string
  maxBytes: number
  /** The input field: a list (`attachments` → `attachments.0`) or one file (`photo`). */
  field: string
  list: boolean
}

/**
 * Refuses (INVALID_INPUT, naming the field) any file that is outside the folder, missing, larger
 * than the limit or not an image. The SDK offers no metadata call, so size and type are read from
 * the file itself.
 */
export async function checkImages(fileIDs: string[], rules: ImageRules): Promise<void> {
  if (fileIDs.length === 0) return
  const problems: FieldError[] = []
  const refuse = (index: number, message: string) =>
    problems.push(rules.list ? { path: `${rules.field}.${index}`, message: `第 ${index + 1} 张图片${message}` } : { path: rules.field, message: `图片${message}` })

  fileIDs.forEach((fileID, index) => {
    if (!isInFolder(fileID, rules.dir)) refuse(index, '不是通过本页上传的，请删除后重新上传')
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
      if (fileContent.length > rules.maxBytes) refuse(index, `超过 ${rules.maxBytes / 1024 / 1024} MB，请压缩后重新上传`)
      else if (!isImage(fileContent)) refuse(index, '不是 JPG、PNG、WEBP 或 HEIC 格式的图片')
    })
  }
  if (problems.length > 0) {
    problems.sort((a, b) => a.path.localeCompare(b.path, 'en', { numeric: true }))
    throw new AppFailure('INVALID_INPUT', problems[0]!.message, problems)
  }
}
