import { expectOk, localCloudForTests, requestId } from './harness'
import { application, DEMO_MEMBER_ID, idFrom } from './membership-fixtures'

const ID_NOT_AVAILABLE = '这个身份证号现在不能提交入会申请。如果这是你本人的身份证号，请联系要加入的工会核实'
const TOO_MANY_APPLICATIONS = '提交入会申请的次数太多，请 24 小时后再试'
const ATTEMPTS_PER_DAY = 5

describe('membership.apply on the local cloud', () => {
  const cloud = localCloudForTests({ freshEachTest: true })

  it('files a pending application with birth date and sex read from the ID, ID and phone masked', async () => {
    const view = expectOk(await cloud.call('membership', 'apply', application(), { as: 'demo-worker' }))
    expect(view).toMatchObject({
      kind: 'join',
      unionId: 'u-courier',
      unionName: '示范市快递行业工会联合会',
      status: 'pending',
      name: '陈小妹',
      phoneMasked: '138****5678',
      birthDate: '1992-07-08',
      sex: 'female',
      employmentType: 'platform',
      employer: null,
      platform: '顺丰',
      rejectReason: null,
      decidedAt: null,
    })
    expect(view.idNumberMasked).toBe(`330${'*'.repeat(11)}${application().idNumber.slice(-4)}`)
    const mine = expectOk(await cloud.call('membership', 'mine', {}, { as: 'demo-worker' }))
    expect(mine).toEqual({ application: view, membership: null })
    expect(expectOk(await cloud.call('account', 'me', {}, { as: 'demo-worker' })).membership.status).toBe('pending')
  })

  it('stores no ID or phone number in clear anywhere in the database', async () => {
    const input = application({ idNumber: idFrom('33010219900101123'), phone: '13612349876' })
    expectOk(await cloud.call('membership', 'apply', input, { as: 'demo-worker', requestId: requestId() }))
    const clear = [input.idNumber, input.idNumber.slice(0, 17), input.idNumber.slice(6, 14), input.phone, input.phone.slice(3)]
    for (const name of ['applications', 'members', 'auditLog', 'outbox', 'idempotency']) {
      const raw = JSON.stringify(await cloud.collection(name))
      for (const value of clear) expect({ collection: name, found: raw.includes(value) ? value : null }).toEqual({ collection: name, found: null })
    }
    const [stored] = await cloud.collection<Record<string, string>>('applications').then((docs) => docs.filter((d) => d.openid === 'demo-worker'))
    // Each ciphertext names its key: the test cloud's one key is `local1`.
    expect(stored!.idCipher).toMatch(/^local1:/)
    expect(stored!.phoneCipher).toMatch(/^local1:/)
    expect(stored!.idHash).toMatch(/^[0-9a-f]{64}$/)
    expect(stored).not.toHaveProperty('idNumber')
    expect(stored).not.toHaveProperty('phone')
  })

  it('normalises what people type: lower-case x, spaces and +86', async () => {
    const view = expectOk(
      await cloud.call('membership', 'apply', application({ idNumber: '11010519491231002x', phone: '+86 138 1234 5678', name: ' 阿卜杜拉•艾则孜 ' }), { as: 'demo-worker' }),
    )
    expect(view).toMatchObject({ name: '阿卜杜拉·艾则孜', idNumberMasked: `110${'*'.repeat(11)}002X`, phoneMasked: '138****5678', sex: 'female' })
  })

  describe('refuses each invalid field with a Chinese message naming it', () => {
    const cases: Array<[string, Record<string, unknown>, string, string]> = [
      ['a bad check digit', { idNumber: '110105194912310021' }, 'idNumber', '身份证号校验位不正确，请核对后重新填写'],
      ['an impossible birth date', { idNumber: idFrom('11010519490230002') }, 'idNumber', '身份证号中的出生日期（第 7–14 位）不是有效日期'],
      ['a birth date in the future', { idNumber: idFrom('11010520990101002') }, 'idNumber', '身份证号中的出生日期晚于今天，请核对'],
      ['a 15-digit old ID', { idNumber: '110105491231002' }, 'idNumber', '15 位旧身份证号已停用，请填写 18 位身份证号'],
      ['someone under 16', { idNumber: idFrom(`110105${new Date().getFullYear() - 10}0101002`) }, 'idNumber', '未满 16 周岁不能申请入会'],
      ['an ID as a number', { idNumber: 110105194912310020 }, 'idNumber', '身份证号必须是文字'],
      ['a wrong phone', { phone: '12345678901' }, 'phone', '手机号应以 13–19 开头'],
      ['a short phone', { phone: '1381234567' }, 'phone', '手机号应为 11 位数字'],
      ['an empty name', { name: '' }, 'name', '请填写姓名'],
      ['a one-character name', { name: '陈' }, 'name', '姓名至少 2 个字'],
      ['an over-long name', { name: '陈'.repeat(31) }, 'name', '姓名不能超过 30 个字'],
      ['a name with digits', { name: '陈小妹2' }, 'name', '姓名只能包含汉字、字母和间隔号“·”'],
      ['an object where the name belongs', { name: { $ne: '' } }, 'name', '姓名必须是文字'],
      ['an array where the phone belongs', { phone: ['13812345678'] }, 'phone', '手机号必须是文字'],
      ['an unknown employment type', { employmentType: 'boss' }, 'employmentType', '就业类型不在可选范围内'],
      ['an empty occupation', { occupation: '  ' }, 'occupation', '请填写职业'],
      ['an over-long employer', { employer: '公'.repeat(51) }, 'employer', '工作单位不能超过 50 个字'],
      ['a union id with spaces', { unionId: 'u courier' }, 'unionId', '工会格式不正确'],
      ['no consent', { consent: false }, 'consent', '请阅读并同意《中国工会章程》和《个人信息保护说明》'],
      ['a platform worker without a platform', { platform: '' }, 'platform', '请选择接单平台'],
      ['an employee without an employer', { employmentType: 'employee', employer: '' }, 'employer', '请填写工作单位'],
    ]
    it.each(cases)('%s', async (_what, change, path, message) => {
      const result = await cloud.send('membership', { action: 'apply', input: { ...application(), ...change } }, { as: 'demo-worker' })
      expect(result).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message, fields: [{ path, message }] } })
    })

    it('lists every missing field at once', async () => {
      const result = await cloud.send('membership', { action: 'apply', input: {} }, { as: 'demo-worker' })
      expect(result.ok).toBe(false)
      const paths = (result as { error: { fields: { path: string }[] } }).error.fields.map((field) => field.path)
      expect(paths).toEqual(expect.arrayContaining(['unionId', 'name', 'idNumber', 'phone', 'employmentType', 'occupation', 'district', 'consent']))
    })

    it('stores nothing for a refused application', async () => {
      await cloud.send('membership', { action: 'apply', input: { ...application(), idNumber: '110105194912310021' } }, { as: 'demo-worker' })
      expect((await cloud.collection('applications')).filter((doc) => doc.openid === 'demo-worker')).toEqual([])
    })
  })

  it('refuses unions that take no applications, and unknown ones', async () => {
    expect(await cloud.call('membership', 'apply', application({ unionId: 'u-retired' }), { as: 'demo-worker' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringContaining('已撤销'), fields: [{ path: 'unionId' }] },
    })
    expect(await cloud.call('membership', 'apply', application({ unionId: 'u-city' }), { as: 'demo-worker' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringContaining('不直接发展会员') },
    })
    expect(await cloud.call('membership', 'apply', application({ unionId: 'u-nowhere' }), { as: 'demo-worker' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
  })

  it('refuses a signed-out caller before looking at the input', async () => {
    expect(await cloud.send('membership', { action: 'apply', input: { name: 1 } })).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message: '请先登录' } })
  })

  describe('one open application per person, one membership per ID number', () => {
    it('refuses a second application while the first is pending, and says so', async () => {
      expectOk(await cloud.call('membership', 'apply', application(), { as: 'demo-worker' }))
      expect(await cloud.call('membership', 'apply', application({ unionId: 'u-binjiang' }), { as: 'demo-worker' })).toEqual({
        ok: false,
        error: { code: 'CONFLICT', message: '你已有一份入会申请正在审核，请等待审核结果' },
      })
    })

    it('tells a member to transfer instead', async () => {
      expect(await cloud.call('membership', 'apply', application({ unionId: 'u-binjiang' }), { as: 'demo-member' })).toEqual({
        ok: false,
        error: { code: 'CONFLICT', message: '你已是工会会员，如需更换工会请在“我的 → 入会与会籍”中申请转会' },
      })
    })
  })

  describe("another person's ID number: no answer tells their status (issue 13 item 3)", () => {
    const holdsFor = async () => (await cloud.collection('openApplications')).length

    it("accepts a member's ID number from another account like any other, and the reviewer finds the duplicate", async () => {
      const fresh = expectOk(await cloud.call('membership', 'apply', application(), { as: 'worker-fresh' }))
      const probe = expectOk(await cloud.call('membership', 'apply', application({ idNumber: DEMO_MEMBER_ID, name: '张师傅' }), { as: 'worker-3' }))
      const shape = (view: typeof fresh) => ({ ...view, applicationId: '', createdAt: '', idNumberMasked: view.idNumberMasked.length, name: '', birthDate: '', sex: '' })
      expect(shape(probe)).toEqual(shape(fresh))
      const review = await cloud.call('membership', 'review', { applicationId: probe.applicationId, decision: 'approve' }, { as: 'demo-staff' })
      expect(review).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('不能重复入会') } })
      expect((await cloud.collection('members')).filter((m) => m.openid === 'worker-3')).toEqual([])
    })

    it('answers an ID number held by an open application of another account with one neutral message, storing nothing', async () => {
      expectOk(await cloud.call('membership', 'apply', application(), { as: 'demo-worker' }))
      const before = { applications: await cloud.collection('applications'), holds: await holdsFor() }
      const result = await cloud.call('membership', 'apply', application({ name: '王二' }), { as: 'worker-2' })
      expect(result).toEqual({
        ok: false,
        error: { code: 'CONFLICT', message: ID_NOT_AVAILABLE, fields: [{ path: 'idNumber', message: ID_NOT_AVAILABLE }] },
      })
      expect(ID_NOT_AVAILABLE).not.toMatch(/会员|审核|申请中|已有/)
      expect(await cloud.collection('applications')).toEqual(before.applications)
      expect(await holdsFor()).toBe(before.holds)
    })

    it('limits attempts per account: the sixth in a day is refused before the ID number is used', async () => {
      expectOk(await cloud.call('membership', 'apply', application(), { as: 'demo-worker' }))
      for (let attempt = 1; attempt <= ATTEMPTS_PER_DAY; attempt += 1) {
        expect(await cloud.call('membership', 'apply', application(), { as: 'worker-prober' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
      }
      const applicationsBefore = await cloud.collection('applications')
      const free = application({ idNumber: idFrom('33010619880515201') })
      expect(await cloud.call('membership', 'apply', free, { as: 'worker-prober' })).toEqual({
        ok: false,
        error: { code: 'RATE_LIMITED', message: TOO_MANY_APPLICATIONS },
      })
      expect(await cloud.collection('applications')).toEqual(applicationsBefore)
      // Another account is not affected.
      expectOk(await cloud.call('membership', 'apply', free, { as: 'worker-other' }))
    })
  })

  describe('one open application per account and per ID number, held by the database (issue 13 item 11)', () => {
    it('six new accounts applying with one ID number at the same moment leave one pending application, five times over', async () => {
      // On main, read-then-write let 2–4 of the six through in three rounds out of five.
      for (let round = 0; round < 5; round += 1) {
        const idNumber = idFrom(`330106199003${10 + round}101`)
        const accounts = Array.from({ length: 6 }, (_, index) => `worker-race-${round}-${index}`)
        const results = await Promise.all(accounts.map((as) => cloud.call('membership', 'apply', application({ idNumber }), { as, requestId: requestId() })))
        const pending = (await cloud.collection<{ openid: string; status: string }>('applications')).filter((doc) => accounts.includes(doc.openid))
        expect({ round, pending: pending.length }).toEqual({ round, pending: 1 })
        expect(results.filter((result) => result.ok)).toHaveLength(1)
        for (const result of results.filter((r) => !r.ok)) expect(result).toEqual({ ok: false, error: { code: 'CONFLICT', message: ID_NOT_AVAILABLE, fields: [{ path: 'idNumber', message: ID_NOT_AVAILABLE }] } })
      }
      expect(await cloud.collection('openApplications')).toHaveLength(5)
    })

    it('frees the ID number when its application is decided', async () => {
      const { applicationId } = expectOk(await cloud.call('membership', 'apply', application(), { as: 'demo-worker' }))
      expect(await cloud.call('membership', 'apply', application(), { as: 'worker-2' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
      expectOk(await cloud.call('membership', 'review', { applicationId, decision: 'reject', reason: '请携带身份证到工会核实' }, { as: 'demo-staff' }))
      expect(await cloud.collection('openApplications')).toEqual([])
      expectOk(await cloud.call('membership', 'apply', application(), { as: 'worker-2' }))
    })

    it('frees an ID number whose decided application was never released (the reviewer stopped in between)', async () => {
      const { applicationId } = expectOk(await cloud.call('membership', 'apply', application(), { as: 'demo-worker' }))
      const [hold] = await cloud.collection('openApplications')
      expectOk(await cloud.call('membership', 'review', { applicationId, decision: 'reject', reason: '请携带身份证到工会核实' }, { as: 'demo-staff' }))
      await cloud.insert('openApplications', [hold!])
      expectOk(await cloud.call('membership', 'apply', application(), { as: 'worker-2' }))
      expect(await cloud.collection('openApplications')).toHaveLength(1)
    })

    it('keeps out an ID number whose open application was filed before holds existed (an upgrade), storing nothing', async () => {
      // The state an upgrade leaves: a pending application of another account with no hold beside it.
      const { applicationId } = expectOk(await cloud.call('membership', 'apply', application(), { as: 'demo-worker' }))
      const filed = (await cloud.collection<Record<string, unknown>>('applications')).find((doc) => doc._id === applicationId)!
      await cloud.insert('applications', [{ ...filed, _id: 'app-before-the-upgrade', openid: 'worker-from-before', createdAt: new Date(String(filed.createdAt)), consentAt: new Date(String(filed.consentAt)) }])
      expectOk(await cloud.call('membership', 'review', { applicationId, decision: 'reject', reason: '请携带身份证到工会核实' }, { as: 'demo-staff' }))
      expect(await cloud.collection('openApplications')).toEqual([])

      const before = await cloud.collection('applications')
      expect(await cloud.call('membership', 'apply', application(), { as: 'worker-2' })).toEqual({
        ok: false,
        error: { code: 'CONFLICT', message: ID_NOT_AVAILABLE, fields: [{ path: 'idNumber', message: ID_NOT_AVAILABLE }] },
      })
      expect(await cloud.collection('applications')).toEqual(before)
    })

    it('answers a retried submission (same requestId) with the same application', async () => {
      const retried = requestId()
      const first = expectOk(await cloud.call('membership', 'apply', application(), { as: 'demo-worker', requestId: retried }))
      const again = expectOk(await cloud.call('membership', 'apply', application(), { as: 'demo-worker', requestId: retried }))
      expect(again).toEqual(first)
      expect((await cloud.collection('applications')).filter((doc) => doc.openid === 'demo-worker')).toHaveLength(1)
    })

    it('keeps one application when two submissions race (double tap on two devices, different requestIds)', async () => {
      const results = await Promise.all(
        Array.from({ length: 6 }, () => cloud.call('membership', 'apply', application(), { as: 'demo-worker', requestId: requestId() })),
      )
      expect(results.filter((result) => result.ok)).toHaveLength(1)
      // Six taps in a burst also reach the per-account limit of five attempts.
      for (const result of results.filter((r) => !r.ok)) expect(['CONFLICT', 'RATE_LIMITED']).toContain(!result.ok && result.error.code)
      expect((await cloud.collection('applications')).filter((doc) => doc.openid === 'demo-worker')).toHaveLength(1)
    })

    it('keeps one application when the same requestId races', async () => {
      const shared = requestId()
      const results = await Promise.all([1, 2, 3].map(() => cloud.call('membership', 'apply', application(), { as: 'demo-worker', requestId: shared })))
      expect(results.some((result) => result.ok)).toBe(true)
      expect((await cloud.collection('applications')).filter((doc) => doc.openid === 'demo-worker')).toHaveLength(1)
    })
  })
})
