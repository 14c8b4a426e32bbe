import { readFileSync } from 'node:fs'
import { request } from 'node:http'
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

interface Reply {
  status: number
  setCookie: string | undefined
  text: string
}

/**
 * One POST on a connection of its own. fetch reuses idle keep-alive connections, and the gateway
 * closes them after 5 s: a call that picks one just as it closes fails ("other side closed"), and a
 * cloud function call must not be sent twice to make up for it.
 */
function post(url: string, headers: Record<string, string>, body: Buffer): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method: 'POST', agent: false, headers: { ...headers, 'content-length': String(body.length) } }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () => {
        const setCookie = response.headers['set-cookie']?.[0]
        resolve({ status: response.statusCode ?? 0, setCookie, text: Buffer.concat(chunks).toString('utf8') })
      })
      response.on('error', reject)
    })
    outgoing.on('error', reject)
    outgoing.end(body)
  })
}

const JSON_TYPE = { 'content-type': 'application/json' }

/**
 * The local cloud (`npm start`, or the one the journey runner starts) as a chosen dev identity:
 * it signs in once through the gateway's dev sign-in and sends that session cookie with each call,
 * so functions see the openid through `getWXContext()` exactly as they do for the H5 build.
 */
export function localCloudTransport(baseUrl: string, openid: string): CloudTransport {
  const origin = baseUrl.replace(/\/+$/, '')
  let cookie: Promise<string> | undefined

  async function signIn(): Promise<string> {
    const reply = await post(`${origin}/__emulator/signin`, JSON_TYPE, Buffer.from(JSON.stringify({ openid })))
    if (reply.status !== 200 || !reply.setCookie) throw new CloudCallError(`dev sign-in as ${openid} failed: HTTP ${reply.status} ${reply.text.slice(0, 200)}`)
    return reply.setCookie.split(';')[0]!
  }

  function session(): Promise<string> {
    cookie ??= signIn().catch((error: unknown) => {
      cookie = undefined
      throw error
    })
    return cookie
  }

  function errorOf(reply: Reply): CloudCallError {
    let message = reply.text.slice(0, 300)
    try {
      const body = JSON.parse(reply.text) as { error?: { message?: string }; message?: string }
      message = body.error?.message ?? body.message ?? message
    } catch {
      // Not JSON: the raw text is the message.
    }
    return new CloudCallError(`${reply.status} ${message}`)
  }

  return {
    openid,
    async callFunction(name, data) {
      const reply = await post(`${origin}/fn/${encodeURIComponent(name)}`, { ...JSON_TYPE, cookie: await session() }, Buffer.from(JSON.stringify(data ?? {})))
      if (reply.status !== 200) throw errorOf(reply)
      return JSON.parse(reply.text) as unknown
    },
    async uploadFile(cloudPath, data) {
      const form = new FormData()
      form.set('cloudPath', cloudPath)
      form.set('file', new Blob([data]), path.posix.basename(cloudPath))
      // Let the platform write the multipart body and its boundary.
      const encoded = new Request('http://multipart.local/', { method: 'POST', body: form })
      const body = Buffer.from(await encoded.arrayBuffer())
      const reply = await post(`${origin}/__storage/upload`, { 'content-type': encoded.headers.get('content-type') ?? '', cookie: await session() }, body)
      if (reply.status !== 200) throw errorOf(reply)
      const { fileID } = JSON.parse(reply.text) as { fileID?: unknown }
      if (typeof fileID !== 'string') throw new CloudCallError('the upload answered without a fileID')
      return fileID
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
