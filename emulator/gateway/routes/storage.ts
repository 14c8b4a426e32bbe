import type { IncomingMessage, ServerResponse } from 'node:http'
import { contentTypeOf, tooLargeMessage } from '../../storage'
import type { GatewayContext, Route } from '../context'
import { HttpError, readBody, sendJson } from '../http'

const MULTIPART_OVERHEAD = 256 * 1024
const NO_FILE = new HttpError(404, 'NOT_FOUND', '文件不存在或已删除')

/**
 * Cloud storage over HTTP: a person's upload from the H5 app, temporary download links, and the
 * signed upload URLs the SDK's `uploadFile` puts to.
 */
export function storageRoutes(ctx: GatewayContext): Route[] {
  const { storage } = ctx
  return [
    {
      path: '/__storage/upload',
      methods: ['POST'],
      access: 'app',
      handle: ({ req, res }) => clientUpload(ctx, req, res),
    },
    {
      path: '/__storage/file/',
      methods: ['GET', 'HEAD'],
      access: 'public',
      async handle({ req, res, url }) {
        const cloudPath = storage.verify('get', url.pathname, url.searchParams)
        const data = storage.read(cloudPath)
        if (!data) throw NO_FILE
        res.writeHead(200, {
          'Content-Type': contentTypeOf(cloudPath),
          'Content-Length': String(data.length),
          'Cache-Control': 'private, max-age=600',
          'X-Content-Type-Options': 'nosniff',
        })
        res.end(req.method === 'HEAD' ? undefined : data)
      },
    },
    {
      path: '/__storage/put/',
      methods: ['PUT'],
      access: 'sdk',
      async handle({ req, res, url }) {
        const cloudPath = storage.verify('put', url.pathname, url.searchParams)
        const data = await readBody(req, storage.sdkMaxBytes, tooLargeMessage(storage.sdkMaxBytes))
        storage.write(cloudPath, data)
        // COS answers a successful PUT with an empty body; the SDK parses it as XML.
        res.writeHead(200, { 'Content-Length': '0', ETag: `"${data.length}"` }).end()
      },
    },
    {
      path: '/__storage/',
      access: 'public',
      async handle() {
        throw NO_FILE
      },
    },
  ]
}

/** `Taro.uploadFile` on H5: multipart with the file and its `cloudPath` in the form fields. */
async function clientUpload(ctx: GatewayContext, req: IncomingMessage, res: ServerResponse) {
  const { storage } = ctx
  const openid = ctx.sessions.openidOf(req)
  if (!openid) throw new HttpError(401, 'UNAUTHENTICATED', '请先登录')
  const contentType = req.headers['content-type'] ?? ''
  if (!/^multipart\/form-data\b/i.test(contentType)) throw new HttpError(415, 'INVALID_INPUT', '请以 multipart/form-data 上传文件')
  const body = await readBody(req, storage.clientMaxBytes + MULTIPART_OVERHEAD, tooLargeMessage(storage.clientMaxBytes))
  let form: FormData
  try {
    form = await new Response(body, { headers: { 'Content-Type': contentType } }).formData()
  } catch {
    throw new HttpError(400, 'INVALID_INPUT', '上传内容格式不正确')
  }
  let file: File | null = null
  const fields: Record<string, string> = {}
  form.forEach((value, key) => {
    if (typeof value === 'string') fields[key] = value
    else file ??= value
  })
  if (!file) throw new HttpError(400, 'INVALID_INPUT', '没有收到文件，请重新选择')
  const data = new Uint8Array(await (file as File).arrayBuffer())
  const fileID = storage.acceptClientUpload(data, fields.cloudPath, openid)
  ctx.log(`storage upload ${fileID} ${data.length}B by ${openid}`)
  sendJson(res, 200, { fileID })
}
