import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { isOwnUploadPath, uploadFolderFromDigest } from '@shared/rules/cloud-files'
import { sniffImage } from './images'

export { contentTypeOf, sniffImage, type ImageType } from './images'

export interface CloudStorageOptions {
  /** Where files live: `<dataDir>/storage`. */
  dir: string
  envId: string
  /** Signs upload and temporary download URLs. */
  signingKey: string
  /** The gateway's base URL, as the SDK and a browser reach it. */
  publicUrl: string
  /** Temporary download URLs live this long unless the caller asks otherwise. Default 2 h. */
  urlTtlSeconds?: number
  /** A person's upload from the client (`POST /__storage/upload`): at most this many bytes. Default 10 MB. */
  clientMaxBytes?: number
  /** What a function may upload through the SDK. Default 50 MB. */
  sdkMaxBytes?: number
}

/** A refusal the uploader can act on: an HTTP status and a Chinese message. */
export class StorageRejection extends Error {
  constructor(
    readonly status: number,
    readonly code: 'INVALID_INPUT' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT',
    message: string,
  ) {
    super(message)
  }
}

/** What `/admin` answers for a `storage.*` action: the body the SDK parses. */
export type StorageReply = { requestId: string; data: Record<string, unknown> } | { requestId: string; code: string; message: string }

const MAX_URL_TTL_SECONDS = 24 * 60 * 60
const SEGMENT = /^[^\u0000-\u001f\u007f%?#\\]+$/

/** Which signed URL a signature is for: a function's upload, or a temporary download. */
type Purpose = 'put' | 'get'

/**
 * Cloud storage on the local disk. File IDs look like the cloud's (`cloud://<env>.<bucket>/<path>`);
 * the real wx-server-sdk's uploadFile / getTempFileURL / downloadFile / deleteFile work against it
 * through the `storage.*` actions on `/admin` and the signed URLs those return.
 */
export class CloudStorage {
  readonly bucket: string
  private readonly root: string

  constructor(private readonly options: CloudStorageOptions) {
    this.root = path.resolve(options.dir)
    // Shaped like a real bucket name: hex of the env's first two letters, the env, an app number.
    this.bucket = `${Buffer.from(options.envId.slice(0, 2)).toString('hex')}-${options.envId}-1300000000`
    mkdirSync(this.root, { recursive: true })
  }

  get clientMaxBytes(): number {
    return this.options.clientMaxBytes ?? 10 * 1024 * 1024
  }

  get sdkMaxBytes(): number {
    return this.options.sdkMaxBytes ?? 50 * 1024 * 1024
  }

  fileIdOf(cloudPath: string): string {
    return `cloud://${this.options.envId}.${this.bucket}/${cloudPath}`
  }

  /** The cloud path a file ID names in this environment, or null if it is not one of ours. */
  cloudPathOf(fileId: string): string | null {
    const prefix = `cloud://${this.options.envId}.${this.bucket}/`
    if (!fileId.startsWith(prefix)) return null
    const cloudPath = fileId.slice(prefix.length)
    return isValidCloudPath(cloudPath) ? cloudPath : null
  }

  exists(cloudPath: string): boolean {
    return existsSync(this.fileOf(cloudPath))
  }

  read(cloudPath: string): Buffer | null {
    try {
      return readFileSync(this.fileOf(cloudPath))
    } catch {
      return null
    }
  }

  size(cloudPath: string): number | null {
    try {
      return statSync(this.fileOf(cloudPath)).size
    } catch {
      return null
    }
  }

  /** Stores `data` at `cloudPath` (replacing what was there) and returns its file ID. */
  write(cloudPath: string, data: Uint8Array): string {
    if (!isValidCloudPath(cloudPath)) throw new StorageRejection(400, 'INVALID_INPUT', '文件路径不合法')
    const file = this.fileOf(cloudPath)
    mkdirSync(path.dirname(file), { recursive: true })
    // Written aside and renamed: a reader never sees half a file.
    const temporary = `${file}.${randomBytes(6).toString('hex')}.part`
    writeFileSync(temporary, data)
    renameSync(temporary, file)
    return this.fileIdOf(cloudPath)
  }

  remove(cloudPath: string): boolean {
    const file = this.fileOf(cloudPath)
    if (!existsSync(file)) return false
    rmSync(file)
    return true
  }

  /** Every stored file's cloud path, sorted (for tests that check nothing was left behind). */
  list(): string[] {
    return readdirSync(this.root, { recursive: true, encoding: 'utf8' })
      .filter((entry) => !entry.endsWith('.part') && statSync(path.join(this.root, entry)).isFile())
      .map((entry) => entry.split(path.sep).join('/'))
      .sort()
  }

  /** Deletes every stored file (the emulator's reset). */
  reset(): void {
    for (const entry of readdirSync(this.root)) rmSync(path.join(this.root, entry), { recursive: true, force: true })
  }

  /** A download URL for `cloudPath` that stops working after `maxAgeSeconds`. */
  temporaryUrl(cloudPath: string, maxAgeSeconds = this.options.urlTtlSeconds ?? 7200): string {
    const ttl = Math.min(Math.max(1, Math.floor(maxAgeSeconds)), MAX_URL_TTL_SECONDS)
    return this.signedUrl('get', cloudPath, Math.floor(Date.now() / 1000) + ttl)
  }

  /** Checks a signed URL's path, expiry and signature; returns the cloud path it grants. */
  verify(purpose: Purpose, urlPath: string, query: URLSearchParams): string {
    const prefix = purpose === 'get' ? '/__storage/file/' : '/__storage/put/'
    let cloudPath: string
    try {
      cloudPath = urlPath.slice(prefix.length).split('/').map(decodeURIComponent).join('/')
    } catch {
      throw new StorageRejection(400, 'INVALID_INPUT', '文件路径不合法')
    }
    const expires = Number(query.get('expires'))
    const sign = query.get('sign') ?? ''
    if (!urlPath.startsWith(prefix) || !isValidCloudPath(cloudPath) || !Number.isInteger(expires)) {
      throw new StorageRejection(400, 'INVALID_INPUT', '链接不完整')
    }
    const expected = Buffer.from(this.signature(purpose, cloudPath, expires))
    const given = Buffer.from(sign)
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new StorageRejection(403, 'FORBIDDEN', '链接无效')
    if (expires < Date.now() / 1000) throw new StorageRejection(403, 'FORBIDDEN', '链接已过期，请刷新页面后重试')
    return cloudPath
  }

  /**
   * A person's upload from the H5 build (and the headless weapp runtime's `wx.cloud.uploadFile`):
   * images only (told by content), at most 10 MB, and only into the uploader's own folder under a
   * name the server can check (`<dir>/<folder>/<random>.<ext>`). Any other path gets one answer,
   * whether or not something is stored there; inside the own folder a path is simply written
   * again. Returns the file's ID.
   */
  acceptClientUpload(data: Uint8Array, cloudPath: string | undefined, openid: string): string {
    if (cloudPath === undefined || !isOwnUploadPath(cloudPath, uploadFolderOf(openid))) {
      throw new StorageRejection(403, 'FORBIDDEN', '只能上传到你自己的上传目录，请从小程序页面上传')
    }
    if (data.length === 0) throw new StorageRejection(400, 'INVALID_INPUT', '文件是空的，请重新选择')
    if (data.length > this.clientMaxBytes) throw new StorageRejection(413, 'INVALID_INPUT', tooLargeMessage(this.clientMaxBytes))
    if (!sniffImage(data)) throw new StorageRejection(415, 'INVALID_INPUT', '仅支持上传 JPG、PNG、WEBP 或 HEIC 格式的图片')
    return this.write(cloudPath, data)
  }

  /** Answers the SDK's `storage.*` actions on `/admin`. */
  handleAdmin(params: Record<string, unknown>): StorageReply {
    const requestId = randomUUID()
    switch (params.action) {
      case 'storage.getUploadMetadata': {
        const cloudPath = typeof params.path === 'string' ? params.path : ''
        if (!isValidCloudPath(cloudPath)) return { requestId, code: 'INVALID_PARAM', message: `cloudPath 不合法: ${cloudPath}` }
        // The upload URL is good for a few minutes, as the cloud's signed COS URL is.
        const url = this.signedUrl('put', cloudPath, Math.floor(Date.now() / 1000) + 600)
        const authorization = new URL(url).searchParams.get('sign') ?? ''
        return {
          requestId,
          data: { url, token: '', authorization, fileId: this.fileIdOf(cloudPath), cosFileId: randomUUID(), download_url: this.temporaryUrl(cloudPath) },
        }
      }
      case 'storage.batchGetDownloadUrl': {
        const list = Array.isArray(params.file_list) ? (params.file_list as Array<{ fileid?: unknown; max_age?: unknown }>) : []
        return {
          requestId,
          data: {
            download_list: list.map((item) => {
              const fileID = typeof item?.fileid === 'string' ? item.fileid : ''
              const cloudPath = this.cloudPathOf(fileID)
              const maxAge = typeof item?.max_age === 'number' && item.max_age > 0 ? item.max_age : this.options.urlTtlSeconds ?? 7200
              if (cloudPath === null || !this.exists(cloudPath)) return { fileID, tempFileURL: '', code: 'STORAGE_FILE_NONEXIST', maxAge }
              return { fileID, tempFileURL: this.temporaryUrl(cloudPath, maxAge), code: 'SUCCESS', maxAge }
            }),
          },
        }
      }
      case 'storage.batchDeleteFile': {
        const list = Array.isArray(params.fileid_list) ? (params.fileid_list as unknown[]) : []
        return {
          requestId,
          data: {
            delete_list: list.map((item) => {
              const fileID = typeof item === 'string' ? item : ''
              const cloudPath = this.cloudPathOf(fileID)
              const removed = cloudPath !== null && this.remove(cloudPath)
              return { fileID, code: removed ? 'SUCCESS' : 'STORAGE_FILE_NONEXIST' }
            }),
          },
        }
      }
      default:
        return { requestId, code: 'INVALID_PARAM', message: `本地云存储不支持 ${String(params.action)}` }
    }
  }

  private fileOf(cloudPath: string): string {
    const file = path.resolve(this.root, cloudPath)
    if (!file.startsWith(this.root + path.sep)) throw new StorageRejection(400, 'INVALID_INPUT', '文件路径不合法')
    return file
  }

  private signature(purpose: Purpose, cloudPath: string, expires: number): string {
    return createHmac('sha256', this.options.signingKey).update(`${purpose}\n${cloudPath}\n${expires}`).digest('base64url')
  }

  /**
   * The path is left readable (not percent-encoded): the SDK runs `encodeURI` over the URLs it gets,
   * as it does for the cloud's, and a browser encodes an `<img src>` itself.
   */
  private signedUrl(purpose: Purpose, cloudPath: string, expires: number): string {
    const route = purpose === 'get' ? 'file' : 'put'
    return `${this.options.publicUrl}/__storage/${route}/${cloudPath}?expires=${expires}&sign=${this.signature(purpose, cloudPath, expires)}`
  }
}

/** A person's folder inside each photo folder, as the functions compute it (`_lib/images.ts`). */
export function uploadFolderOf(openid: string): string {
  return uploadFolderFromDigest(createHash('sha256').update(openid).digest('hex'))
}

/** Relative, no empty or dot segments, nothing a URL would read as query, fragment or escape. */
export function isValidCloudPath(cloudPath: string): boolean {
  if (cloudPath.length === 0 || cloudPath.length > 850) return false
  return cloudPath.split('/').every((segment) => segment !== '.' && segment !== '..' && SEGMENT.test(segment) && segment.trim() === segment)
}

export function tooLargeMessage(maxBytes: number): string {
  return `文件不能超过 ${Math.round(maxBytes / 1024 / 1024)} MB，请压缩后重新上传`
}
