import { wx } from './cloud'

/**
 * Cloud storage through the SDK. wx-server-sdk types `getTempFileURL` as `Promise | void`, so the
 * calls this project makes are typed once here and nowhere else.
 */
interface StorageApi {
  uploadFile(options: { cloudPath: string; fileContent: Buffer }): Promise<{ fileID: string }>
  downloadFile(options: { fileID: string }): Promise<{ fileContent: Buffer }>
  deleteFile(options: { fileList: string[] }): Promise<{ fileList: Array<{ fileID: string; status: number }> }>
  getTempFileURL(options: { fileList: Array<string | { fileID: string; maxAge: number }> }): Promise<{
    fileList: Array<{ fileID: string; tempFileURL?: string; status?: number }>
  }>
}

const storage = () => wx() as unknown as StorageApi

/** Stores `content` at `cloudPath`; resolves its fileID. */
export async function uploadFile(cloudPath: string, content: Buffer): Promise<string> {
  return (await storage().uploadFile({ cloudPath, fileContent: content })).fileID
}

export async function downloadFile(fileID: string): Promise<Buffer> {
  return (await storage().downloadFile({ fileID })).fileContent
}

/** Deletes files by fileID; one that is already gone is not an error. */
export async function deleteFiles(fileIDs: string[]): Promise<void> {
  if (fileIDs.length > 0) await storage().deleteFile({ fileList: fileIDs })
}

/**
 * Temporary https URLs for files, in one call, by fileID; a file that does not exist (or cannot be
 * served) is absent from the map. Without `maxAgeSeconds` the platform's default lifetime applies.
 */
export async function temporaryUrls(fileIDs: string[], maxAgeSeconds?: number): Promise<Map<string, string>> {
  const unique = [...new Set(fileIDs)]
  if (unique.length === 0) return new Map()
  const fileList = maxAgeSeconds === undefined ? unique : unique.map((fileID) => ({ fileID, maxAge: maxAgeSeconds }))
  const reply = await storage().getTempFileURL({ fileList })
  return new Map(reply.fileList.flatMap((file) => (file.status === 0 && file.tempFileURL ? [[file.fileID, file.tempFileURL] as const] : [])))
}

/** The temporary URL of one file that must exist (one just written); throws if there is none. */
export async function temporaryUrl(fileID: string, maxAgeSeconds?: number): Promise<string> {
  const url = (await temporaryUrls([fileID], maxAgeSeconds)).get(fileID)
  if (!url) throw new Error(`no temporary URL for ${fileID}`)
  return url
}
