import { createHash, randomUUID } from 'node:crypto'
import type { FieldError } from '@shared/result'
import { isOwnUpload, uploadFolderFromDigest } from '@shared/rules/cloud-files'
import { AppFailure } from './failure'
import { stripMetadata } from './image-metadata'
import { deleteFiles, downloadFile, temporaryUrls, uploadFile } from './storage'

/**
 * Photos people upload to cloud storage (complaint evidence, places and reports on them). The
 * client uploads them into its own folder (H5: the local cloud's upload; weapp:
 * `wx.cloud.uploadFile`) and sends file IDs; when a record takes them they are checked, stripped of
 * their metadata and copied to where records keep them, and the uploads are deleted.
 */

/** A person's folder inside each photo folder; `account.me` tells the client. */
export function uploadFolderOf(openid: string): string {
  return uploadFolderFromDigest(createHash('sha256').update(openid).digest('hex'))
}

/** JPEG, PNG, WEBP or HEIC, told by the first bytes rather than by the file name. */
export function isImage(data: Uint8Array): boolean {
  const ascii = (from: number, to: number) => Buffer.from(data.subarray(from, to)).toString('latin1')
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return true
  if (data.length >= 8 && ascii(0, 8) === '\x89PNG\r\n\x1a\n') return true
  if (data.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return true
  return data.length >= 12 && ascii(4, 8) === 'ftyp' && ['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1'].includes(ascii(8, 12))
}

const EXTENSIONS: Array<[test: (data: Uint8Array) => boolean, extension: string]> = [
  [(data) => data[0] === 0xff, 'jpg'],
  [(data) => data[0] === 0x89, 'png'],
  [(data) => data[0] === 0x52, 'webp'],
]

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

/** Photos a record is about to take: the clean copies it refers to, and what to do once it is written or not. */
export interface KeptImages {
  /** What the record refers to, in the order sent: photos it had already, and clean copies of the new uploads. */
  fileIDs: string[]
  /** The record refers to `fileIDs` now: the uploads (metadata and all) and the photos it no longer has are deleted. */
  taken(): Promise<void>
  /** The record was refused after all: the copies are deleted, the uploads stay for another try. */
  dropped(): Promise<void>
}

/**
 * Checks the caller's uploads for a record and keeps clean copies. `previous` are the photos the
 * record has now (an edit): those sent again stay as they are, those not sent again are deleted
 * once the record is written. Refuses (INVALID_INPUT, naming the field and the photo's position) a
 * new file that is not the caller's own upload into `rules.dir`, is missing, larger than the limit,
 * not an image or one whose metadata cannot be removed (HEIC); after a refusal no copy is left.
 * The SDK offers no metadata call, so size and type are read from the file itself.
 */
export async function keepImages(fileIDs: string[], rules: ImageRules, ownerOpenid: string, previous: string[] = []): Promise<KeptImages> {
  const problems: FieldError[] = []
  const refuse = (index: number, message: string) =>
    problems.push(rules.list ? { path: `${rules.field}.${index}`, message: `第 ${index + 1} 张图片${message}` } : { path: rules.field, message: `图片${message}` })
  const fail = () => {
    problems.sort((a, b) => a.path.localeCompare(b.path, 'en', { numeric: true }))
    return new AppFailure('INVALID_INPUT', problems[0]!.message, problems)
  }

  const folder = uploadFolderOf(ownerOpenid)
  // Positions in the input, so a refusal names the photo the person sees.
  const fresh = fileIDs.flatMap((fileID, index) => (previous.includes(fileID) ? [] : [{ fileID, index }]))
  for (const { fileID, index } of fresh) {
    if (!isOwnUpload(fileID, rules.dir, folder)) refuse(index, '不是你在本页上传的，请删除后重新上传')
  }
  if (problems.length > 0) throw fail()
  const present = await temporaryUrls(fresh.map(({ fileID }) => fileID), 60)
  for (const { fileID, index } of fresh) {
    if (!present.has(fileID)) refuse(index, '未上传成功或已失效，请删除后重新上传')
  }
  if (problems.length > 0) throw fail()

  const kept = [...fileIDs]
  const copies: string[] = []
  await inBatches(fresh, CHECK_CONCURRENCY, async ({ fileID, index }) => {
    const content = await downloadFile(fileID)
    if (content.length > rules.maxBytes) return void refuse(index, `超过 ${rules.maxBytes / 1024 / 1024} MB，请压缩后重新上传`)
    if (!isImage(content)) return void refuse(index, '不是 JPG、PNG、WEBP 或 HEIC 格式的图片')
    const clean = stripMetadata(content)
    if (!clean.ok) {
      return void refuse(index, clean.reason === 'heic' ? '是 HEIC 格式，请在相册中选择“兼容性最佳”的照片或截图后重新上传' : '已损坏，无法读取，请重新拍摄后上传')
    }
    if (problems.length > 0) return
    const extension = EXTENSIONS.find(([test]) => test(clean.data))![1]
    kept[index] = await uploadFile(`${rules.dir}/kept/${randomUUID()}.${extension}`, Buffer.from(clean.data))
    copies.push(kept[index]!)
  })
  if (problems.length > 0) {
    await deleteFiles(copies)
    throw fail()
  }
  return {
    fileIDs: kept,
    taken: () => deleteFiles([...fresh.map(({ fileID }) => fileID), ...previous.filter((fileID) => !fileIDs.includes(fileID))]),
    dropped: () => deleteFiles(copies),
  }
}
