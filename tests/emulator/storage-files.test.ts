import { randomBytes } from 'node:crypto'
import path from 'node:path'
import { startTestCloud, type TestCloud } from '../../emulator/gateway/testing'
import { sniffImage, StorageRejection, uploadFolderOf } from '../../emulator/storage'

// Cold starts load wx-server-sdk in each instance: seconds on a busy two-core machine.
jest.setTimeout(30_000)

const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(64, 1)])
const JPEG = Buffer.concat([Buffer.from('ffd8ffe000104a464946', 'hex'), Buffer.alloc(64, 2)])
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x24, 0, 0, 0]), Buffer.from('WEBPVP8 '), Buffer.alloc(32)])
const HEIC = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic'), Buffer.alloc(32)])

interface FileItem {
  fileID: string
  status: number
  tempFileURL: string
}

describe('cloud storage', () => {
  let cloud: TestCloud

  beforeAll(async () => {
    cloud = await startTestCloud({ functionsDir: path.join(__dirname, 'fixtures', 'functions') })
  })

  afterAll(async () => {
    await cloud.close()
  })

  const data = <T>(reply: { body: unknown }) => (reply.body as { data: T }).data

  /** Where a client puts `openid`'s upload: their own folder, a random name. */
  const ownPath = (openid = 'demo-member', extension = 'png') => `complaint-evidence/${uploadFolderOf(openid)}/${randomBytes(12).toString('hex')}.${extension}`

  async function upload(file: Buffer, options: { name?: string; cloudPath?: string; openid?: string | null } = {}) {
    const form = new FormData()
    form.append('cloudPath', options.cloudPath ?? ownPath(options.openid ?? 'demo-member'))
    form.append('file', new Blob([file]), options.name ?? 'photo.png')
    const headers: Record<string, string> = {}
    const openid = options.openid === undefined ? 'demo-member' : options.openid
    if (openid) headers.Cookie = await cloud.cookieFor(openid)
    const response = await fetch(`${cloud.url}/__storage/upload`, { method: 'POST', body: form, headers })
    return { status: response.status, body: (await response.json()) as { fileID?: string; error?: { code: string; message: string } } }
  }

  it('serves the real SDK: uploadFile, getTempFileURL, downloadFile and deleteFile', async () => {
    const uploaded = await cloud.call('files', 'upload', { cloudPath: 'exports/名单 2025.csv', text: '姓名,会员号\n张师傅,0001\n' })
    const { fileID } = data<{ fileID: string }>(uploaded)
    expect(fileID).toMatch(/^cloud:\/\/unionhub-local\.[^/]+\/exports\/名单 2025\.csv$/)

    const urls = await cloud.call('files', 'url', { fileIDs: [fileID, `${fileID}.missing`] })
    const [found, missing] = data<{ fileList: FileItem[] }>(urls).fileList
    expect(found).toMatchObject({ fileID, status: 0 })
    expect(missing).toMatchObject({ status: -503003, tempFileURL: '' })
    const download = await fetch(encodeURI(found!.tempFileURL))
    expect(download.status).toBe(200)
    expect(download.headers.get('content-type')).toMatch(/text\/csv/)
    expect(await download.text()).toContain('张师傅')

    expect(data<{ text: string }>(await cloud.call('files', 'download', { fileID })).text).toContain('会员号')

    const deleted = await cloud.call('files', 'delete', { fileIDs: [fileID] })
    expect(data<{ fileList: FileItem[] }>(deleted).fileList).toEqual([expect.objectContaining({ fileID, status: 0 })])
    expect((await fetch(encodeURI(found!.tempFileURL))).status).toBe(404)
  })

  it('takes an image from a signed-in person and hands it back through a temporary URL', async () => {
    const cloudPath = ownPath()
    const { status, body } = await upload(PNG, { cloudPath })
    expect(status).toBe(200)
    expect(body.fileID).toMatch(/^cloud:\/\/unionhub-local\.[^/]+\//)
    expect(body.fileID?.endsWith(`/${cloudPath}`)).toBe(true)
    const [item] = data<{ fileList: FileItem[] }>(await cloud.call('files', 'url', { fileIDs: [body.fileID] })).fileList
    const image = await fetch(item!.tempFileURL)
    expect(image.headers.get('content-type')).toBe('image/png')
    expect(Buffer.from(await image.arrayBuffer()).equals(PNG)).toBe(true)
  })

  it('accepts JPEG, WEBP and HEIC by their content', async () => {
    for (const [file, extension] of [
      [JPEG, 'jpg'],
      [WEBP, 'webp'],
      [HEIC, 'heic'],
    ] as const) {
      const { status } = await upload(file, { name: 'whatever.bin', cloudPath: ownPath('demo-member', extension) })
      expect(status).toBe(200)
    }
  })

  it('refuses files over 10 MB, files that are not images, and anonymous uploads, in Chinese', async () => {
    const huge = Buffer.concat([PNG, Buffer.alloc(10 * 1024 * 1024)])
    const tooLarge = await upload(huge)
    expect(tooLarge.status).toBe(413)
    expect(tooLarge.body.error?.message).toBe('文件不能超过 10 MB，请压缩后重新上传')

    const text = await upload(Buffer.from('这不是图片'), { name: 'fake.png' })
    expect(text.status).toBe(415)
    expect(text.body.error?.message).toBe('仅支持上传 JPG、PNG、WEBP 或 HEIC 格式的图片')

    const anonymous = await upload(PNG, { openid: null })
    expect(anonymous.status).toBe(401)
    expect(anonymous.body.error?.code).toBe('UNAUTHENTICATED')

    const notMultipart = await fetch(`${cloud.url}/__storage/upload`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: await cloud.cookieFor('demo-member') },
      body: '{}',
    })
    expect(notMultipart.status).toBe(415)
  })

  it("takes uploads only into the uploader's own folder, with one answer whatever is stored elsewhere (issue 13 item 12)", async () => {
    const theirs = ownPath('demo-worker')
    expect((await upload(PNG, { cloudPath: theirs, openid: 'demo-worker' })).status).toBe(200)
    const before = cloud.gateway.storage.read(theirs)
    const taken = await upload(JPEG, { cloudPath: theirs })
    const free = await upload(JPEG, { cloudPath: ownPath('demo-worker') })
    expect(taken).toEqual({ status: 403, body: { ok: false, error: { code: 'FORBIDDEN', message: '只能上传到你自己的上传目录，请从小程序页面上传' } } })
    expect(free).toEqual(taken)
    expect(cloud.gateway.storage.read(theirs)?.equals(before!)).toBe(true)
    const outside = [
      'avatars/demo-member.png',
      `complaint-evidence/${uploadFolderOf('demo-member')}/short.png`,
      `complaint-evidence/${uploadFolderOf('demo-member')}/${'a'.repeat(20)}.svg`,
      `complaint-evidence/${uploadFolderOf('demo-member')}/nested/${'a'.repeat(20)}.png`,
      `../${uploadFolderOf('demo-member')}/${'a'.repeat(20)}.png`,
      `COMPLAINTS/${uploadFolderOf('demo-member')}/${'a'.repeat(20)}.png`,
    ]
    for (const cloudPath of outside) expect(await upload(PNG, { cloudPath })).toEqual(taken)
    // Inside the own folder a path is written again, as the cloud does: no answer says it existed.
    const mine = ownPath()
    expect((await upload(PNG, { cloudPath: mine })).status).toBe(200)
    expect((await upload(JPEG, { cloudPath: mine })).status).toBe(200)
    expect(cloud.gateway.storage.read(mine)?.equals(JPEG)).toBe(true)
  })

  it('refuses temporary URLs that were altered or have expired, and unsigned uploads', async () => {
    const fileID = cloud.gateway.storage.write('docs/notice.txt', Buffer.from('通知'))
    const cloudPath = cloud.gateway.storage.cloudPathOf(fileID)!
    const url = new URL(cloud.gateway.storage.temporaryUrl(cloudPath, 60))
    expect((await fetch(url)).status).toBe(200)

    const longer = new URL(url)
    longer.searchParams.set('expires', String(Number(url.searchParams.get('expires')) + 3600))
    expect((await fetch(longer)).status).toBe(403)
    const otherFile = new URL(url.href.replace('notice.txt', 'secret.txt'))
    expect((await fetch(otherFile)).status).toBe(403)

    const now = Date.now()
    const clock = jest.spyOn(Date, 'now').mockReturnValue(now + 61_000)
    try {
      expect(() => cloud.gateway.storage.verify('get', url.pathname, url.searchParams)).toThrow(StorageRejection)
      expect(() => cloud.gateway.storage.verify('get', url.pathname, url.searchParams)).toThrow('链接已过期')
    } finally {
      clock.mockRestore()
    }

    const put = await fetch(`${cloud.url}/__storage/put/docs/notice.txt?expires=9999999999&sign=forged`, { method: 'PUT', body: 'overwritten' })
    expect(put.status).toBe(403)
    expect(cloud.gateway.storage.read(cloudPath)?.toString()).toBe('通知')
  })

  it('is emptied by the emulator reset', async () => {
    const fileID = cloud.gateway.storage.write('docs/temporary.txt', Buffer.from('x'))
    await cloud.gateway.reset()
    expect(cloud.gateway.storage.exists(cloud.gateway.storage.cloudPathOf(fileID)!)).toBe(false)
  })

  it('tells image types apart by their first bytes', () => {
    expect(sniffImage(PNG)).toBe('png')
    expect(sniffImage(JPEG)).toBe('jpeg')
    expect(sniffImage(WEBP)).toBe('webp')
    expect(sniffImage(HEIC)).toBe('heic')
    expect(sniffImage(Buffer.from('GIF89a'))).toBeNull()
  })
})
