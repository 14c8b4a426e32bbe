import type { IncomingMessage, ServerResponse } from 'node:http'
import { isIP } from 'node:net'

/** A request the gateway refuses, with the status and the Chinese message the caller sees. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

/** Reads the whole body, refusing (413) once it passes `limit` bytes instead of buffering on. */
export function readBody(req: IncomingMessage, limit: number, tooLarge = '提交的内容太大'): Promise<Buffer> {
  const declared = Number(req.headers['content-length'])
  if (Number.isFinite(declared) && declared > limit) {
    req.resume()
    return Promise.reject(new HttpError(413, 'INVALID_INPUT', tooLarge))
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) {
        reject(new HttpError(413, 'INVALID_INPUT', tooLarge))
        req.resume()
        req.removeAllListeners('data')
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

/**
 * Parses a JSON object body; an empty body is `{}`. The content type must say JSON even then: a
 * form or a no-cors fetch from another site cannot send that without the browser asking first.
 */
export async function readJsonObject(req: IncomingMessage, limit: number): Promise<Record<string, unknown>> {
  requireJson(req)
  const body = await readBody(req, limit)
  if (body.length === 0) return {}
  const text = body.toString('utf8')
  const shape = jsonShapeError(text)
  if (shape) throw new HttpError(400, 'INVALID_INPUT', shape)
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new HttpError(400, 'INVALID_INPUT', '提交的内容不是有效的 JSON')
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new HttpError(400, 'INVALID_INPUT', '提交的内容应为 JSON 对象')
  }
  return value as Record<string, unknown>
}

/**
 * How deep and how wide a JSON body may be: far beyond any action's input, far below what stalls
 * the parser (a 5 MB body of `[` takes it seconds) or cannot be handed to a function instance.
 */
export const JSON_LIMITS = { depth: 32, entries: 1000 }

const QUOTE = 0x22
const BACKSLASH = 0x5c
const COMMA = 0x2c
const OPENERS = new Set([0x5b, 0x7b])
const CLOSERS = new Set([0x5d, 0x7d])

/**
 * One pass over JSON text, before it is parsed: the refusal if it nests deeper than
 * `JSON_LIMITS.depth` or a list or object holds more than `JSON_LIMITS.entries`, else null.
 * Strings are skipped; whether the text is valid JSON is left to the parser.
 */
export function jsonShapeError(text: string): string | null {
  // Commas seen so far in each open list or object, innermost last.
  const commas: number[] = []
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === BACKSLASH) i++
      else if (c === QUOTE) inString = false
    } else if (c === QUOTE) inString = true
    else if (OPENERS.has(c)) {
      if (commas.length === JSON_LIMITS.depth) return `提交的内容嵌套过深（最多 ${JSON_LIMITS.depth} 层）`
      commas.push(0)
    } else if (CLOSERS.has(c)) commas.pop()
    else if (c === COMMA && commas.length > 0 && ++commas[commas.length - 1]! >= JSON_LIMITS.entries) {
      return `提交的内容中有列表或对象过大（最多 ${JSON_LIMITS.entries} 项）`
    }
  }
  return null
}

/** Refuses (415) a request whose body is not declared as JSON. */
export function requireJson(req: IncomingMessage): void {
  if (/^application\/json\b/i.test(req.headers['content-type'] ?? '')) return
  req.resume()
  throw new HttpError(415, 'INVALID_INPUT', '请以 application/json 提交')
}

export function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  const body = JSON.stringify(value)
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    ...headers,
  })
  res.end(body)
}

/** Errors in the shape every client of the gateway already reads: the `Result` failure envelope. */
export function sendError(res: ServerResponse, error: HttpError): void {
  sendJson(res, error.status, { ok: false, error: { code: error.code, message: error.message } })
}

export function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(html),
    'Cache-Control': 'no-store',
  })
  res.end(html)
}

/** A percent-encoded path segment (a function or collection name); a malformed one is a 400. */
export function decodePath(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    throw new HttpError(400, 'INVALID_INPUT', '请求地址不正确')
  }
}

export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>()
  for (const part of (header ?? '').split(';')) {
    const index = part.indexOf('=')
    if (index <= 0) continue
    cookies.set(part.slice(0, index).trim(), part.slice(index + 1).trim())
  }
  return cookies
}

export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false
  const bare = address.replace(/^::ffff:/, '')
  return bare === '::1' || bare === 'localhost' || (isIP(bare) === 4 && bare.startsWith('127.'))
}

/** `host:port` for a URL, bracketing IPv6 literals. */
export function hostForUrl(host: string): string {
  return isIP(host) === 6 ? `[${host}]` : host
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)
}
