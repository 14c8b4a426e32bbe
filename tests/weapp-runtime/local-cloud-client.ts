import { readFileSync } from 'node:fs'
import path from 'node:path'

/** What `wx.cloud` needs from a cloud: the headless runtime talks to the local cloud's gateway. */
export interface CloudTransport {
  /** The identity every call is made as, like the WeChat account a phone is logged in to. */
  readonly openid: string
  /** `wx.cloud.callFunction`: the function's return value. */
  callFunction(name: string, data: unknown): Promise<unknown>
  /** `wx.cloud.uploadFile`: stores the bytes at `cloudPath` and returns the file ID. */
  uploadFile(cloudPath: string, data: Uint8Array): Promise<string>
}

/** A failure the way `wx.cloud` reports it: the message becomes `<api>:fail <message>`. */
export class CloudCallError extends Error {
  override name = 'CloudCallError'
}

/**
 * The local cloud (`npm start`, or the one the journey runner starts) as a chosen dev identity:
 * it signs in once through the gateway's dev sign-in and sends that session cookie with each call,
 * so functions see the openid through `getWXContext()` exactly as they do for the H5 build.
 */
export function localCloudTransport(baseUrl: string, openid: string): CloudTransport {
  const origin = baseUrl.replace(/\/+$/, '')
  let cookie: Promise<string> | undefined

  async function signIn(): Promise<string> {
    const response = await fetch(`${origin}/__emulator/signin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ openid }),
    })
    const setCookie = response.headers.get('set-cookie')
    if (!response.ok || !setCookie) throw new CloudCallError(`dev sign-in as ${openid} failed: HTTP ${response.status} ${(await response.text()).slice(0, 200)}`)
    return setCookie.split(';')[0]!
  }

  function session(): Promise<string> {
    cookie ??= signIn().catch((error: unknown) => {
      cookie = undefined
      throw error
    })
    return cookie
  }

  async function errorOf(response: Response): Promise<CloudCallError> {
    const text = await response.text()
    let message = text.slice(0, 300)
    try {
      const body = JSON.parse(text) as { error?: { message?: string }; message?: string }
      message = body.error?.message ?? body.message ?? message
    } catch {
      // Not JSON: the raw text is the message.
    }
    return new CloudCallError(`${response.status} ${message}`)
  }

  return {
    openid,
    async callFunction(name, data) {
      const response = await fetch(`${origin}/fn/${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: await session() },
        body: JSON.stringify(data ?? {}),
      })
      if (!response.ok) throw await errorOf(response)
      return (await response.json()) as unknown
    },
    async uploadFile(cloudPath, data) {
      const form = new FormData()
      form.set('cloudPath', cloudPath)
      form.set('file', new Blob([data]), path.posix.basename(cloudPath))
      const response = await fetch(`${origin}/__storage/upload`, { method: 'POST', headers: { cookie: await session() }, body: form })
      if (!response.ok) throw await errorOf(response)
      const body = (await response.json()) as { fileID?: unknown }
      if (typeof body.fileID !== 'string') throw new CloudCallError('the upload answered without a fileID')
      return body.fileID
    },
  }
}

/**
 * The bytes behind a `filePath` the app got from a (stubbed) picker: a `data:` URL, or a file on
 * this machine, so a tester can stub `chooseMedia` with a real photo from the repository.
 */
export function readTempFile(filePath: string): Uint8Array {
  const dataUrl = /^data:[^;,]*(;base64)?,(.*)$/s.exec(filePath)
  if (dataUrl) return dataUrl[1] ? Buffer.from(dataUrl[2]!, 'base64') : Buffer.from(decodeURIComponent(dataUrl[2]!), 'utf8')
  if (path.isAbsolute(filePath)) {
    try {
      return readFileSync(filePath)
    } catch {
      throw new CloudCallError(`file not found: ${filePath}`)
    }
  }
  throw new CloudCallError(`file not found: ${filePath} (the headless runtime reads data: URLs and absolute paths on this machine)`)
}
