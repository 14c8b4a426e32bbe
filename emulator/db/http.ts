import type { IncomingMessage, ServerResponse } from 'node:http'
import type { ActionResult, Engine } from './engine'

/** The cloud caps a document at 16 MB; a request may carry a batch of them. */
const MAX_BODY_BYTES = 64 * 1024 * 1024

function send(res: ServerResponse, status: number, body: ActionResult): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) })
  res.end(text)
}

/**
 * Answers one SDK request (`POST /admin?env=…`, JSON body with `action`). Results and errors are
 * both HTTP 200: the SDK reads `code` from the body; a non-200 status would lose the code.
 */
export function handleDatabaseHttp(engine: Engine, req: IncomingMessage, res: ServerResponse): void {
  if (req.method !== 'POST') {
    send(res, 405, { code: 'INVALID_PARAM', message: 'the database endpoint accepts POST only' })
    req.resume()
    return
  }
  const chunks: Buffer[] = []
  let size = 0
  req.on('data', (chunk: Buffer) => {
    size += chunk.length
    if (size <= MAX_BODY_BYTES) chunks.push(chunk)
  })
  req.on('error', () => res.destroy())
  req.on('end', () => {
    if (size > MAX_BODY_BYTES) {
      send(res, 200, { code: 'INVALID_PARAM', message: 'request body is too large' })
      return
    }
    let body: unknown
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'))
    } catch {
      send(res, 200, { code: 'INVALID_PARAM', message: 'request body is not JSON' })
      return
    }
    send(res, 200, engine.dispatch(body))
  })
}
