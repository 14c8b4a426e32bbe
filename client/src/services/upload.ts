import Taro from '@tarojs/taro'
import { uploadPath } from '@shared/rules/cloud-files'
import { fetchMe } from './account'

export type UploadOutcome = { ok: true; fileID: string } | { ok: false; message: string }

const FAILED = '上传失败，请检查网络后重试'

function extensionOf(filePath: string): string {
  const extension = /\.(jpe?g|png|webp|heic)$/i.exec(filePath)?.[1]?.toLowerCase() ?? 'jpg'
  return extension === 'jpeg' ? 'jpg' : extension
}

/** 24 letters and digits: a name nobody else can guess, in the shape the server checks. */
function randomName(): string {
  let name = Date.now().toString(36)
  while (name.length < 24) name += Math.random().toString(36).slice(2)
  return name.slice(0, 24)
}

let ownFolder: Promise<string | null> | null = null

/** The signed-in person's upload folder, asked of the server once per launch (again after a failure). */
function uploadFolder(): Promise<string | null> {
  ownFolder ??= fetchMe().then((result) => {
    if (!result.ok) ownFolder = null
    return result.ok ? result.data.uploadFolder : null
  })
  return ownFolder
}

/**
 * Uploads one photo into a cloud-storage folder and resolves its file ID; `onProgress` gets 0–100.
 * Both platforms write to `<dir>/<own folder>/<random>.<ext>`, the only paths the server takes
 * photos from (a record keeps a clean copy, without the photo's metadata, and deletes the upload).
 * weapp: `Taro.cloud.uploadFile`, after `sizeType: ['compressed']` in the picker has re-encoded the
 * photo. H5: the local cloud's upload endpoint, which refuses any other path; the browser sends the
 * file as picked, metadata included, and the server strips it.
 */
export async function uploadImage(filePath: string, dir: string, onProgress: (percent: number) => void = () => undefined): Promise<UploadOutcome> {
  const folder = await uploadFolder()
  if (!folder) return { ok: false, message: FAILED }
  const cloudPath = uploadPath(dir, folder, randomName(), extensionOf(filePath))
  return new Promise((resolve) => {
    if (process.env.TARO_ENV === 'h5') {
      const task = Taro.uploadFile({
        url: '/__storage/upload',
        filePath,
        name: 'file',
        formData: { cloudPath },
        withCredentials: true,
        success: (res) => {
          let body: { fileID?: string; error?: { message?: string } } = {}
          try {
            body = JSON.parse(String(res.data)) as typeof body
          } catch {
            // Not JSON: reported below as a failed upload.
          }
          if (res.statusCode === 200 && body.fileID) resolve({ ok: true, fileID: body.fileID })
          else resolve({ ok: false, message: body.error?.message ?? '上传失败，请重试' })
        },
        fail: () => resolve({ ok: false, message: FAILED }),
      })
      task.progress?.((event) => onProgress(event.progress))
      return
    }
    const task = Taro.cloud.uploadFile({
      cloudPath,
      filePath,
      success: (res) => resolve({ ok: true, fileID: res.fileID }),
      fail: () => resolve({ ok: false, message: FAILED }),
    }) as unknown as { onProgressUpdate?: (listener: (event: { progress: number }) => void) => void } | undefined
    task?.onProgressUpdate?.((event) => onProgress(event.progress))
  })
}
