import { chinaDateTime } from '@shared/rules/china-time'
import type { DevIdentity } from '../seed/identities'
import { escapeHtml } from './http'

/** A subscribe message as the local adapter records it in the `outbox` collection. */
export interface OutboxMessage {
  toOpenid?: unknown
  template?: unknown
  page?: unknown
  data?: unknown
  createdAt?: unknown
}

function formatTime(value: unknown): string {
  const date = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : null
  if (!date || Number.isNaN(date.getTime())) return ''
  return chinaDateTime(date)
}

function renderMessage(message: OutboxMessage): string {
  const data = typeof message.data === 'object' && message.data !== null ? Object.entries(message.data as Record<string, unknown>) : []
  const rows = data
    .map(([key, value]) => {
      const text = typeof value === 'object' && value !== null && 'value' in value ? (value as { value: unknown }).value : value
      return `<tr><th>${escapeHtml(key)}</th><td>${escapeHtml(String(text))}</td></tr>`
    })
    .join('')
  return `<li class="message"><div class="meta"><span>${escapeHtml(String(message.template ?? ''))}</span><time>${formatTime(message.createdAt)}</time></div>
<table>${rows}</table><div class="page">跳转页面：<code>${escapeHtml(String(message.page ?? ''))}</code></div></li>`
}

/** The dev sign-in page: pick a seeded identity, and read the subscribe messages sent to it. */
export function renderSigninPage(options: {
  identities: readonly DevIdentity[]
  current: string | null
  outbox: OutboxMessage[] | null
}): string {
  const { identities, current, outbox } = options
  const currentIdentity = identities.find((identity) => identity.openid === current)
  const buttons = identities
    .map(
      (identity) => `<li><button class="identity${identity.openid === current ? ' active' : ''}" data-openid="${escapeHtml(identity.openid)}">
<strong>${escapeHtml(identity.name)}</strong><span>${escapeHtml(identity.label)}</span><code>${escapeHtml(identity.openid)}</code></button></li>`,
    )
    .join('')
  const status = current
    ? `当前身份：<strong>${escapeHtml(currentIdentity ? `${currentIdentity.name}（${currentIdentity.label}）` : current)}</strong> <code>${escapeHtml(current)}</code>
<button id="signout">退出登录</button>`
    : '当前未登录（以游客身份调用云函数，没有 OPENID）'
  const messages =
    current === null
      ? ''
      : `<h2>订阅消息（发给当前身份）</h2>${
          outbox === null
            ? '<p class="muted">outbox 集合尚未创建。</p>'
            : outbox.length === 0
              ? '<p class="muted">还没有收到订阅消息。</p>'
              : `<ol class="outbox">${outbox.map(renderMessage).join('')}</ol>`
        }`

  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>开发登录 · 工会通本地云</title>
<style>
body{font-family:system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;max-width:40em;margin:2em auto;padding:0 1em;color:#1f2328;line-height:1.5}
h1{font-size:1.4em;margin-bottom:.2em}h2{font-size:1.1em;margin-top:2em}
.muted{color:#6b7280}.status{background:#f6f8fa;border-radius:8px;padding:.8em 1em;margin:1em 0}
ul.identities{list-style:none;padding:0;display:grid;gap:.6em}
button.identity{width:100%;text-align:left;display:grid;gap:.1em;padding:.8em 1em;border:1px solid #d0d7de;border-radius:8px;background:#fff;cursor:pointer;font:inherit}
button.identity:hover{border-color:#c8102e}button.identity.active{border-color:#c8102e;background:#fff5f5}
button.identity span{color:#57606a;font-size:.9em}code{font-size:.85em;color:#6b7280}
form.custom{display:flex;gap:.5em;margin-top:1em}form.custom input{flex:1;padding:.4em}
ol.outbox{padding-left:1.2em}li.message{margin-bottom:1em}.meta{display:flex;justify-content:space-between;font-weight:600}
table{border-collapse:collapse;margin:.3em 0}th,td{border:1px solid #e5e7eb;padding:.2em .6em;text-align:left;font-weight:normal}th{color:#6b7280}
a.open{display:inline-block;margin-top:1em;color:#c8102e}
</style></head>
<body>
<h1>工会通 · 本地云开发登录</h1>
<p class="muted">仅用于本机开发与测试：选择一个预置身份，网关会以该身份的 OPENID 调用云函数。</p>
<div class="status">${status}</div>
<ul class="identities">${buttons}</ul>
<form class="custom" id="custom"><input name="openid" placeholder="或输入任意 openid（字母、数字、- 和 _）" pattern="[A-Za-z0-9_-]{1,64}" required><button>登录</button></form>
<a class="open" href="/">打开工会通 H5 →</a>
${messages}
<script>
async function post(path, body) {
  const response = await fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body || {}) })
  if (!response.ok) { const reply = await response.json().catch(() => null); alert((reply && reply.error && reply.error.message) || '操作失败'); return }
  location.reload()
}
document.querySelectorAll('button.identity').forEach((button) => button.addEventListener('click', () => post('/__emulator/signin', { openid: button.dataset.openid })))
document.getElementById('custom').addEventListener('submit', (event) => { event.preventDefault(); post('/__emulator/signin', { openid: event.target.openid.value.trim() }) })
const signout = document.getElementById('signout'); if (signout) signout.addEventListener('click', () => post('/__emulator/signout'))
</script>
</body></html>`
}
