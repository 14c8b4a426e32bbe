import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Result } from '@shared/result'
import { keyIdOf, keyringFrom } from '../../cloudfunctions/src/_lib/personal-data'
import { loadManifest, openDatabase, type CloudDatabase } from '../../emulator/db'
import { startGateway, type Gateway } from '../../emulator/gateway'
import { countByKey, localTarget, rotate } from '../../scripts/rotate-keys'
import { wageCase } from './complaints-fixtures'
import { application, DEMO_MEMBER_ID, idFrom } from './membership-fixtures'

/**
 * Key rotation on the local cloud, as an IT team would run it: data sealed under the deployment's
 * first key (today's UNIONHUB_DATA_KEY, which ciphertexts name `v1`), the functions redeployed with
 * a new key first and the old one kept for reading, `npm run rotate-keys` killed halfway and run
 * again, then the old key removed. Each "deployment" is a gateway started on the same database
 * with another function environment, as the cloud restarts instances when their variables change.
 */

const ROOT = path.resolve(__dirname, '../..')
const key = () => randomBytes(32).toString('base64')
const A = key()
const B = key()
const BULK = 160

type Stored = Record<string, unknown> & { _id: string }

describe('rotating the personal-data key on the local cloud', () => {
  let dataDir: string
  let db: CloudDatabase
  let gateway: Gateway | undefined
  const cardKey = key()
  const signingKey = key()
  const cookies = new Map<string, string>()
  /** What each sealed field must read back as, by `collection/_id/field`. */
  const expected = new Map<string, string>()

  async function deploy(dataKeys: Record<string, string>) {
    await gateway?.close()
    cookies.clear()
    gateway = await startGateway({
      db,
      dataDir,
      port: 0,
      functionsDir: process.env.UNIONHUB_TEST_FUNCTIONS_DIR,
      timeoutMs: 10_000,
      secrets: { functions: { ...dataKeys, UNIONHUB_CARD_KEY: cardKey, UNIONHUB_SETUP_SECRET: key() }, gateway: { signingKey } },
    })
    return gateway
  }

  async function call(fn: string, action: string, input: unknown, openid: string): Promise<Result<Record<string, unknown>>> {
    const url = gateway!.url
    if (!cookies.has(openid)) {
      const signin = await fetch(`${url}/__emulator/signin`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ openid }) })
      cookies.set(openid, signin.headers.get('set-cookie')!.split(';')[0]!)
    }
    const response = await fetch(`${url}/fn/${fn}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: cookies.get(openid)! },
      body: JSON.stringify({ action, input }),
    })
    return (await response.json()) as Result<Record<string, unknown>>
  }

  async function ok(fn: string, action: string, input: unknown, openid: string) {
    const reply = await call(fn, action, input, openid)
    if (!reply.ok) throw new Error(`${fn}.${action} as ${openid}: ${reply.error.code} ${reply.error.message}`)
    return reply.data
  }

  const read = (name: string) => db.readCollection(name) as Stored[]
  const sealedValues = () =>
    ['applications', 'members', 'complaints'].flatMap((name) =>
      read(name).flatMap((doc) =>
        ['idCipher', 'phoneCipher', 'contactPhoneCipher', 'callerNameCipher'].filter((field) => typeof doc[field] === 'string').map((field) => ({ ref: `${name}/${doc._id}/${field}`, sealed: doc[field] as string })),
      ),
    )
  const keyIdsInUse = () => new Set(sealedValues().map((value) => keyIdOf(value.sealed)))

  /** Every sealed value opens with `ring` to what was stored, and nothing is left unaccounted for. */
  /** Someone applies with the seeded member's ID: accepted, refused at review, then rejected (its ciphertexts are expected from then on). */
  async function expectSecondMembershipRefused(openid: string) {
    const input = application({ idNumber: DEMO_MEMBER_ID, phone: '13900002222' })
    const { applicationId } = (await ok('membership', 'apply', input, openid)) as { applicationId: string }
    expect(await call('membership', 'review', { applicationId, decision: 'approve' }, 'demo-staff')).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringContaining('不能重复入会') },
    })
    await ok('membership', 'review', { applicationId, decision: 'reject', reason: '请携带身份证到工会核实' }, 'demo-staff')
    expected.set(`applications/${applicationId}/idCipher`, input.idNumber)
    expected.set(`applications/${applicationId}/phoneCipher`, input.phone)
  }

  function expectEveryRecordReadsBack(ring: ReturnType<typeof keyringFrom>) {
    const values = sealedValues()
    expect(values.length).toBe(expected.size)
    for (const { ref, sealed } of values) expect({ ref, plain: ring.decrypt(sealed) }).toEqual({ ref, plain: expected.get(ref) })
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'uh-rotation-'))
    db = openDatabase({ file: path.join(dataDir, 'cloud.sqlite'), manifest: loadManifest() })
  })

  afterAll(async () => {
    await gateway?.close()
    db.close()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('seals data under today\'s single key as v1', async () => {
    // A deployment from before key ids: one key in UNIONHUB_DATA_KEY.
    const cloud = await deploy({ UNIONHUB_DATA_KEY: A })
    await cloud.seed()

    // Real people through the functions: five applications, three approved, one complaint with a phone.
    for (let i = 0; i < 5; i += 1) {
      const input = application({ idNumber: idFrom(`33010819920708${i}31`), phone: `1391234560${i}` })
      const view = await ok('membership', 'apply', input, `rot-worker-${i}`)
      if (i < 3) await ok('membership', 'review', { applicationId: view.applicationId, decision: 'approve' }, 'demo-staff')
    }
    await ok('complaints', 'file', wageCase({ contactPhone: '13700001111' }), 'demo-member')
    // A hotline case: the caller's phone and name are sealed too.
    const { category, description, employer, amountOwed, occurredOn } = wageCase()
    await ok('complaints', 'intake', { category, description, employer, amountOwed, occurredOn, callerName: '陈大勇', callerPhone: '13700002222' }, 'demo-staff')

    // And many older applications, as a union that has run for a while has (sealed as the functions would).
    const legacy = keyringFrom({ UNIONHUB_DATA_KEY: A })
    const template = read('applications')[0]!
    const bulk = Array.from({ length: BULK }, (_v, i) => {
      const idNumber = idFrom(`11010519800101${String(i).padStart(3, '0')}`)
      const phone = `1380000${String(i).padStart(4, '0')}`
      return {
        ...template,
        _id: `ap-bulk-${String(i).padStart(4, '0')}`,
        openid: `bulk-${i}`,
        status: 'rejected',
        idCipher: legacy.encrypt(idNumber),
        idHash: legacy.lookupHash('idNumber', idNumber),
        phoneCipher: legacy.encrypt(phone),
        phoneHash: legacy.lookupHash('phone', phone),
      }
    })
    db.insertDocuments('applications', bulk)

    // What every sealed field must read back as, taken now while only key A exists.
    for (const { ref, sealed } of sealedValues()) expected.set(ref, legacy.decrypt(sealed))
    expect(expected.get(`members/${read('members')[0]!._id}/idCipher`)).toBe(DEMO_MEMBER_ID)
    expect(expected.size).toBeGreaterThan(2 * BULK)
    expect(keyIdsInUse()).toEqual(new Set(['v1']))
  })

  it('reads v1 data after the functions get a new first key, and seals new data with it', async () => {
    await deploy({ UNIONHUB_DATA_KEYS: `k2:${B},v1:${A}` })
    const staffList = await ok('membership', 'list', { status: 'pending', page: 1, pageSize: 20 }, 'demo-staff')
    expect((staffList.items as unknown[]).length).toBe(2)

    const input = application({ idNumber: idFrom('44030419950505123'), phone: '13655556666' })
    const view = await ok('membership', 'apply', input, 'rot-newcomer')
    const stored = read('applications').find((doc) => doc._id === view.applicationId)!
    expect(keyIdOf(stored.idCipher as string)).toBe('k2')
    expected.set(`applications/${stored._id}/idCipher`, input.idNumber)
    expected.set(`applications/${stored._id}/phoneCipher`, input.phone)

    // A member admitted under v1 is still found by the ID look-up at review (its hash is v1's until
    // re-sealed); `apply` itself tells nobody.
    await expectSecondMembershipRefused('rot-impostor')
  })

  it('counts what each key seals without changing anything', async () => {
    const before = JSON.stringify(read('applications'))
    const totals = await countByKey(localTarget(gateway!.url), 50)
    expect(totals.currentKeyId).toBe('k2')
    // The seeded member's application, five workers' and the bulk ones under v1; the newcomer's and the impostor's under k2.
    expect(totals.byCollection.applications!.byKey).toEqual({ v1: 2 * (BULK + 6), k2: 4 })
    expect(totals.byCollection.applications!.stale).toBe(BULK + 6)
    expect(totals.byCollection.applications!.resealed).toBe(0)
    expect(JSON.stringify(read('applications'))).toBe(before)
  })

  it('resumes a rotation killed halfway and finishes it, re-sealing each record once', async () => {
    const stale = (await countByKey(localTarget(gateway!.url), 100)).byCollection
    const staleTotal = Object.values(stale).reduce((sum, counts) => sum + counts.stale, 0)

    // `npm run rotate-keys` as a separate process, killed after its first batches are reported.
    // One process (tsx as a loader), so that killing it kills the run and not only a wrapper.
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/rotate-keys.ts', '--local', gateway!.url, '--batch-size', '5'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString()
        if ((output.match(/重新加密\s+\d+/g) ?? []).length >= 3) child.kill('SIGKILL')
      })
      child.on('exit', () => resolve())
      child.on('error', reject)
    })
    expect(child.signalCode).toBe('SIGKILL')
    // Halfway: some records moved to k2, others still under v1.
    expect(keyIdsInUse()).toEqual(new Set(['v1', 'k2']))

    const result = await rotate(localTarget(gateway!.url), { batchSize: 50 })
    expect(result.unreadable).toBe(0)
    expect(result.resealedTotal).toBe(staleTotal)
    expect(keyIdsInUse()).toEqual(new Set(['k2']))
    expectEveryRecordReadsBack(keyringFrom({ UNIONHUB_DATA_KEYS: `k2:${B},v1:${A}` }))

    const after = await countByKey(localTarget(gateway!.url), 100)
    expect(Object.values(after.byCollection).reduce((sum, counts) => sum + counts.stale, 0)).toBe(0)

    // A second run finds nothing left and says so after one clean pass.
    expect(await rotate(localTarget(gateway!.url), { batchSize: 100 })).toMatchObject({ passes: 1, resealedTotal: 0 })
  })

  it('reads everything back once the old key is removed, and still knows who is a member', async () => {
    await deploy({ UNIONHUB_DATA_KEYS: `k2:${B}` })
    expectEveryRecordReadsBack(keyringFrom({ UNIONHUB_DATA_KEYS: `k2:${B}` }))

    const pending = await ok('membership', 'list', { status: 'pending', page: 1, pageSize: 20 }, 'demo-staff')
    const first = (pending.items as Array<{ applicationId: string }>)[0]!
    const revealed = await ok('membership', 'reveal', { applicationId: first.applicationId, field: 'idNumber' }, 'demo-staff')
    expect(revealed.value).toBe(expected.get(`applications/${first.applicationId}/idCipher`))

    const [complaint] = read('complaints')
    expect(await ok('complaints', 'revealContact', { complaintId: complaint!._id }, 'demo-staff')).toEqual({ contactPhone: '13700001111' })

    // The ID look-up hashes were re-keyed too: a second membership for the same person is refused.
    await expectSecondMembershipRefused('rot-impostor-2')
  })

  it('finishes correctly when two rotations run at once, re-sealing each record once', async () => {
    const C = key()
    await deploy({ UNIONHUB_DATA_KEYS: `k3:${C},k2:${B}` })
    const target = localTarget(gateway!.url)
    const staleTotal = Object.values((await countByKey(target, 100)).byCollection).reduce((sum, counts) => sum + counts.stale, 0)
    const [first, second] = await Promise.all([rotate(target, { batchSize: 20 }), rotate(target, { batchSize: 7 })])
    expect(keyIdsInUse()).toEqual(new Set(['k3']))
    expectEveryRecordReadsBack(keyringFrom({ UNIONHUB_DATA_KEYS: `k3:${C}` }))
    // Both see the same finished rotation; a record re-sealed by one is skipped by the other.
    expect(first.resealedTotal).toBe(staleTotal)
    expect(second.resealedTotal).toBe(staleTotal)
  })

  it('refuses the maintenance function to every call from the app, signed in or not', async () => {
    expect(await call('maintenance', 'rotateKeys', { job: 'rotateKeys', dryRun: true }, 'demo-admin')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    const signedOut = await fetch(`${gateway!.url}/fn/maintenance`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ job: 'rotateKeys', dryRun: true }) })
    expect(await signedOut.json()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })
})
