import { EVIDENCE_DIR, MAX_EVIDENCE_BYTES } from '@shared/rules/complaint-evidence'
import { addPeople, COURIER_STAFF, DELIVERY_STAFF, MEMBER, OTHER_MEMBER, PNG, requestId, uploadEvidence, wageCase } from './complaints-fixtures'
import { expectOk, localCloudForTests, ownUploadPath } from './harness'
import { DIRTY_JPEG, PERSONAL } from './photo-fixtures'

describe('complaint evidence in cloud storage', () => {
  const cloud = localCloudForTests({ prepare: (cloud) => addPeople(cloud) })

  const file = (attachments: string[], as = MEMBER) => cloud.call('complaints', 'file', wageCase({ attachments }), { as, requestId: requestId() })
  /** Puts a file straight into storage, as `wx.cloud.uploadFile` on a phone can (no size check on the way in). */
  const stored = (cloudPath: string, data: Buffer) => cloud.cloud.gateway.storage.write(cloudPath, data)
  const storage = { get gateway() { return cloud.cloud.gateway } }
  /** What the database and storage hold, to show a refusal left nothing behind. */
  const snapshot = async () => ({ complaints: await cloud.collection('complaints'), files: cloud.cloud.gateway.storage.list() })

  it('files a case with two photos; its owner and its union’s staff see them through temporary URLs', async () => {
    const photos = await Promise.all([uploadEvidence(cloud, MEMBER), uploadEvidence(cloud, MEMBER)])
    expect(photos.map((photo) => photo.status)).toEqual([200, 200])
    const fileIDs = photos.map((photo) => photo.fileID!)
    const filed = expectOk(await file(fileIDs))
    expect(filed.evidence).toHaveLength(2)

    const seen = expectOk(await cloud.call('complaints', 'get', { complaintId: filed.complaintId }, { as: COURIER_STAFF }))
    expect(seen.evidence).toHaveLength(2)
    for (const { url } of seen.evidence) {
      expect(url).not.toContain('cloud://')
      const response = await fetch(url)
      expect(response.status).toBe(200)
      expect(Buffer.from(await response.arrayBuffer()).equals(PNG)).toBe(true)
    }
    // File IDs never leave the function; staff of another union get nothing at all.
    expect(JSON.stringify(seen)).not.toContain(fileIDs[0])
    expect(await cloud.call('complaints', 'get', { complaintId: filed.complaintId }, { as: DELIVERY_STAFF })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })

  it('takes at most 9 images', async () => {
    const nine = await Promise.all(Array.from({ length: 9 }, () => uploadEvidence(cloud, MEMBER)))
    expect(expectOk(await file(nine.map((photo) => photo.fileID!))).evidence).toHaveLength(9)
    const tenth = await uploadEvidence(cloud, MEMBER)
    expect(await file([...nine.map((photo) => photo.fileID!), tenth.fileID!])).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: [{ path: 'attachments', message: '证据图片最多 9 张' }] },
    })
  })

  it('refuses an oversized upload at the door, and an oversized stored file when filing', async () => {
    const huge = Buffer.concat([PNG, Buffer.alloc(MAX_EVIDENCE_BYTES)])
    expect(await uploadEvidence(cloud, MEMBER, huge)).toMatchObject({ status: 413, message: '文件不能超过 10 MB，请压缩后重新上传' })
    const fileID = stored(ownUploadPath(MEMBER, EVIDENCE_DIR), huge)
    const before = await snapshot()
    expect(await file([fileID])).toEqual({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: '第 1 张图片超过 10 MB，请压缩后重新上传',
        fields: [{ path: 'attachments.0', message: '第 1 张图片超过 10 MB，请压缩后重新上传' }],
      },
    })
    expect(await snapshot()).toEqual(before)
  })

  it('refuses files that are not images, are missing, or are not in the evidence folder, naming each, and leaves no copy', async () => {
    const good = (await uploadEvidence(cloud, MEMBER)).fileID!
    const text = stored(ownUploadPath(MEMBER, EVIDENCE_DIR), Buffer.from('这不是图片'))
    const gone = storage.gateway.storage.fileIdOf(ownUploadPath(MEMBER, EVIDENCE_DIR))
    const before = await snapshot()
    const result = await file([good, text, gone])
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: [{ path: 'attachments.2', message: '第 3 张图片未上传成功或已失效，请删除后重新上传' }] },
    })
    expect(await file([good, text])).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: [{ path: 'attachments.1', message: '第 2 张图片不是 JPG、PNG、WEBP 或 HEIC 格式的图片' }] },
    })
    const elsewhere = stored('activity-covers/cover.png', PNG)
    expect(await file([elsewhere])).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: [{ path: 'attachments.0', message: '第 1 张图片不是你在本页上传的，请删除后重新上传' }] },
    })
    expect(await snapshot()).toEqual({ ...before, files: [...before.files, 'activity-covers/cover.png'].sort() })
  })

  it("refuses another member's photo, even with its file ID rebuilt from the path in their link (issue 13 item 2)", async () => {
    const theirs = (await uploadEvidence(cloud, OTHER_MEMBER)).fileID!
    const rebuilt = storage.gateway.storage.fileIdOf(storage.gateway.storage.cloudPathOf(theirs)!)
    const before = await snapshot()
    for (const attachments of [[theirs], [rebuilt], [(await uploadEvidence(cloud, MEMBER)).fileID!, theirs]]) {
      const index = attachments.length - 1
      expect(await file(attachments)).toEqual({
        ok: false,
        error: {
          code: 'INVALID_INPUT',
          message: `第 ${index + 1} 张图片不是你在本页上传的，请删除后重新上传`,
          fields: [{ path: `attachments.${index}`, message: `第 ${index + 1} 张图片不是你在本页上传的，请删除后重新上传` }],
        },
      })
    }
    const after = await snapshot()
    expect(after.complaints).toEqual(before.complaints)
    // Only this member's own upload of the third try is new: no copy, and the other member's file untouched.
    expect(after.files.filter((name) => !before.files.includes(name))).toEqual([expect.stringMatching(new RegExp(`^${EVIDENCE_DIR}/u[0-9a-f]{24}/`))])
    expect(expectOk(await file([theirs], OTHER_MEMBER)).evidence).toHaveLength(1)
  })

  it('serves staff a copy without the metadata, and deletes the upload that had it (issue 13 item 7)', async () => {
    const upload = await uploadEvidence(cloud, MEMBER, DIRTY_JPEG)
    const uploadPath = storage.gateway.storage.cloudPathOf(upload.fileID!)!
    expect(PERSONAL.every((value) => storage.gateway.storage.read(uploadPath)!.includes(Buffer.from(value)))).toBe(true)
    const filed = expectOk(await file([upload.fileID!]))
    const seen = expectOk(await cloud.call('complaints', 'get', { complaintId: filed.complaintId }, { as: COURIER_STAFF }))
    const served = Buffer.from(await (await fetch(seen.evidence[0]!.url)).arrayBuffer())
    expect(served.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]))
    expect(PERSONAL.filter((value) => served.includes(Buffer.from(value)))).toEqual([])
    expect(served.length).toBeLessThan(DIRTY_JPEG.length)
    // The stored case refers to the clean copy; the upload with the metadata is gone.
    const [stored] = (await cloud.collection<{ _id: string; attachments: string[] }>('complaints')).filter((doc) => doc._id === filed.complaintId)
    expect(stored!.attachments[0]).toMatch(new RegExp(`/${EVIDENCE_DIR}/kept/[0-9a-f-]{36}\\.jpg$`))
    expect(storage.gateway.storage.exists(uploadPath)).toBe(false)
  })
})
