import Taro from '@tarojs/taro'

export type UploadOutcome = { ok: true; fileID: string } | { ok: false; message: string }

const FAILED = '上传失败，请检查网络后重试'

function extensionOf(filePath: string): string {
  return /\.(jpe?g|png|webp|heic)$/i.exec(filePath)?.[1]?.toLowerCase() ?? 'jpg'
}

function randomName(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}${Math.random().toString(36).slice(2, 10)}`
}

/**
 * Uploads one photo into a cloud-storage folder and resolves its file ID; `onProgress` gets 0–100.
 * weapp: `Taro.cloud.uploadFile` under `<dir>/<yyyy-mm>/<random>`. H5: the local cloud's upload
 * endpoint, which picks the name and checks size and type itself.
 */
export function uploadImage(filePath: string, dir: string, onProgress: (percent: number) => void = () => undefined): Promise<UploadOutcome> {
  return new Promise((resolve) => {
    if (process.env.TARO_ENV === 'h5') {
      const task = Taro.uploadFile({
        url: '/__storage/upload',
        filePath,
        name: 'file',
        formData: { dir },
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
    const month = new Date().toISOString().slice(0, 7)
    const task = Taro.cloud.uploadFile({
      cloudPath: `${dir}/${month}/${randomName()}.${extensionOf(filePath)}`,
      filePath,
      success: (res) => resolve({ ok: true, fileID: res.fileID }),
      fail: () => resolve({ ok: false, message: FAILED }),
    }) as unknown as { onProgressUpdate?: (listener: (event: { progress: number }) => void) => void } | undefined
    task?.onProgressUpdate?.((event) => onProgress(event.progress))
  })
}
