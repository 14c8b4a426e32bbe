import { MAX_EVIDENCE_BYTES } from '@shared/rules/complaint-evidence'
import { addPeople, COURIER_STAFF, DELIVERY_STAFF, MEMBER, PNG, requestId, uploadEvidence, wageCase } from './complaints-fixtures'
import { expectOk, localCloudForTests } from './harness'

describe('complaint evidence in cloud storage', () => {
  const cloud = localCloudForTests({ prepare: (cloud) => addPeople(cloud) })

  const file = (attachments: string[]) => cloud.call('complaints', 'file', wageCase({ attachments }), { as: MEMBER, requestId: requestId() })
  /** Puts a file straight into storage, as `wx.cloud.uploadFile` on a phone can (no size check on the way in). */
  const stored = (cloudPath: string, data: Buffer) => cloud.cloud.gateway.storage.write(cloudPath, data)

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
    const fileID = stored('complaint-evidence/2026-11/huge.png', huge)
    const before = (await cloud.collection('complaints')).length
    expect(await file([fileID])).toEqual({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: '第 1 张图片超过 10 MB，请压缩后重新上传',
        fields: [{ path: 'attachments.0', message: '第 1 张图片超过 10 MB，请压缩后重新上传' }],
      },
    })
    expect((await cloud.collection('complaints')).length).toBe(before)
  })

  it('refuses files that are not images, are missing, or are not in the evidence folder, naming each', async () => {
    const good = (await uploadEvidence(cloud, MEMBER)).fileID!
    const text = stored('complaint-evidence/2026-11/notes.png', Buffer.from('这不是图片'))
    const result = await file([good, text, `${good}.gone`])
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
      error: { code: 'INVALID_INPUT', fields: [{ path: 'attachments.0', message: '第 1 张图片不是通过本页上传的，请删除后重新上传' }] },
    })
  })
})
