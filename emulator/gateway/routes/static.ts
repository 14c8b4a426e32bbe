import { createReadStream, statSync, type Stats } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import path from 'node:path'
import type { GatewayContext, Route } from '../context'
import { escapeHtml, sendHtml } from '../http'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
}

function statFile(file: string): Stats | null {
  try {
    const stats = statSync(file)
    return stats.isFile() ? stats : null
  } catch {
    return null
  }
}

/** The H5 build, for every path no other route answers: the last route of the gateway. */
export function staticRoutes(ctx: GatewayContext): Route[] {
  return [
    {
      path: '/',
      methods: ['GET', 'HEAD'],
      access: 'public',
      async handle({ req, res, url }) {
        serveStatic(req, res, ctx.h5Dir, url.pathname)
      },
    },
  ]
}

/**
 * Serves the H5 build. Taro's H5 uses a hash router, so `/` is the whole app; a path with no file
 * behind it and no extension gets `index.html` too, so a reload never lands on a 404.
 */
export function serveStatic(req: IncomingMessage, res: ServerResponse, root: string, pathname: string): void {
  let relative: string
  try {
    relative = decodeURIComponent(pathname)
  } catch {
    res.writeHead(400).end()
    return
  }
  const base = path.resolve(root)
  let file = path.resolve(base, `.${relative}`)
  if (file !== base && !file.startsWith(base + path.sep)) {
    res.writeHead(404).end()
    return
  }
  let stats = statFile(file)
  if (!stats && statFile(path.join(file, 'index.html'))) {
    file = path.join(file, 'index.html')
    stats = statFile(file)
  }
  if (!stats && path.extname(file) === '') {
    file = path.join(base, 'index.html')
    stats = statFile(file)
  }
  if (!stats) {
    if (relative === '/' || relative === '/index.html') sendHtml(res, 200, notBuiltPage(root))
    else res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found')
    return
  }
  const etag = `W/"${stats.size.toString(16)}-${Math.floor(stats.mtimeMs).toString(16)}"`
  const headers: Record<string, string> = {
    'Content-Type': TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
    ETag: etag,
    // Revalidate every time: a rebuild must show at once, and on loopback a 304 costs nothing.
    'Cache-Control': 'no-cache',
    'X-Content-Type-Options': 'nosniff',
  }
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers).end()
    return
  }
  res.writeHead(200, { ...headers, 'Content-Length': String(stats.size) })
  if (req.method === 'HEAD') {
    res.end()
    return
  }
  createReadStream(file).pipe(res)
}

function notBuiltPage(root: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>工会通 · 本地云</title></head><body style="font-family:system-ui,sans-serif;max-width:36em;margin:3em auto;padding:0 1em;line-height:1.6">
<h1>H5 版本尚未构建</h1>
<p>本地云已启动，但在 <code>${escapeHtml(root)}</code> 中没有找到 H5 构建产物。</p>
<p>请运行 <code>npm run build:h5</code> 后刷新本页。云函数接口 <code>/fn/&lt;name&gt;</code> 已可使用。</p>
<p><a href="/__emulator/signin">前往开发登录页</a></p>
</body></html>`
}
