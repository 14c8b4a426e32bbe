import { createHash } from 'node:crypto'
import { drawLottery, entriesDigest, SeededRandom, seedCommitment, sortEntryIds, verifyDraw } from '@shared/rules/activity-lottery'
import { sha256Hex } from '@shared/rules/sha256'

const nodeSha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex')
const seedOf = (label: string) => nodeSha256(label)
const ids = (n: number, prefix = 'act-1') => Array.from({ length: n }, (_, i) => `${prefix}.${String(i).padStart(4, '0')}`)

describe('sha256 in shared/ (used to re-check draws on the phone)', () => {
  it.each([
    '',
    'abc',
    '工会通 活动报名',
    '😀 emoji outside the BMP',
    'a'.repeat(55),
    'a'.repeat(56),
    'a'.repeat(63),
    'a'.repeat(64),
    'a'.repeat(65),
    'x'.repeat(1000),
  ])('matches node:crypto for %j', (text) => {
    expect(sha256Hex(text)).toBe(nodeSha256(text))
  })
})

describe('the lottery draw', () => {
  it('matches the golden vector an independent Python implementation printed (docs/activities.md)', () => {
    const seed = nodeSha256('golden')
    const entries = Array.from({ length: 20 }, (_, n) => `act-golden.${String(n).padStart(3, '0')}`)
    const result = drawLottery(entries, seed, 5)
    expect(seedCommitment(seed)).toBe('470b4b0678d74fac19a665f1019e3f15c5bee033681e96e7c482a93f602b8583')
    expect(result.winners).toEqual(['act-golden.006', 'act-golden.004', 'act-golden.000', 'act-golden.016', 'act-golden.008'])
    expect(result.waitlist.slice(0, 3)).toEqual(['act-golden.019', 'act-golden.007', 'act-golden.010'])
  })

  it('gives the same winners for the same seed and entries, whatever order the entries arrive in', () => {
    const entries = ids(300)
    const seed = seedOf('same')
    const shuffled = [...entries].reverse()
    expect(drawLottery(shuffled, seed, 50)).toEqual(drawLottery(entries, seed, 50))
  })

  it('orders every entry exactly once and takes the first `capacity` as winners', () => {
    const entries = ids(120)
    const result = drawLottery(entries, seedOf('perm'), 50)
    expect([...result.order].sort()).toEqual(entries)
    expect(result.winners).toEqual(result.order.slice(0, 50))
    expect(result.waitlist).toEqual(result.order.slice(50))
    expect(result.entriesDigest).toBe(entriesDigest(entries))
  })

  it('changes with the seed and with any change to the entry list', () => {
    const entries = ids(100)
    const base = drawLottery(entries, seedOf('a'), 10).winners
    expect(drawLottery(entries, seedOf('b'), 10).winners).not.toEqual(base)
    expect(drawLottery([...entries, 'act-1.late'], seedOf('a'), 10).winners).not.toEqual(base)
  })

  it('lets everyone win when there are fewer entries than places, and handles no entries', () => {
    expect(drawLottery(ids(3), seedOf('few'), 50).winners).toHaveLength(3)
    expect(drawLottery([], seedOf('none'), 50)).toMatchObject({ winners: [], waitlist: [], order: [] })
    expect(drawLottery(ids(5), seedOf('zero'), 0).waitlist).toHaveLength(5)
  })

  it('refuses duplicate entries, a malformed seed and a negative capacity', () => {
    expect(() => sortEntryIds(['a', 'b', 'a'])).toThrow(/duplicate/)
    expect(() => drawLottery(ids(3), 'not-hex', 1)).toThrow(/seed/)
    expect(() => drawLottery(ids(3), seedOf('x').toUpperCase(), 1)).toThrow(/seed/)
    expect(() => drawLottery(ids(3), seedOf('x'), -1)).toThrow(/capacity/)
  })

  it('is uniform: each of the 6 orders of 3 entries comes up about equally often over 6000 seeds', () => {
    const counts = new Map<string, number>()
    for (let i = 0; i < 6000; i++) {
      const order = drawLottery(['a', 'b', 'c'], seedOf(`u${i}`), 1).order.join('')
      counts.set(order, (counts.get(order) ?? 0) + 1)
    }
    expect(counts.size).toBe(6)
    for (const count of counts.values()) expect(Math.abs(count - 1000)).toBeLessThan(150)
  })

  it('draws integers without modulo bias and within range', () => {
    const random = new SeededRandom('k')
    for (let n = 1; n < 50; n++) {
      const value = random.below(n)
      expect(value).toBeGreaterThanOrEqual(0)
      expect(value).toBeLessThan(n)
    }
    expect(() => random.below(0)).toThrow()
  })
})

describe('re-checking a published draw', () => {
  const seed = seedOf('published')
  const entries = ids(80)
  const { winners, entriesDigest: digest } = drawLottery(entries, seed, 20)
  const published = { seedCommitment: seedCommitment(seed), seed, capacity: 20, entryIds: entries, winners, entriesDigest: digest }

  it('confirms an honest draw', () => {
    expect(verifyDraw(published)).toEqual({ ok: true, winners })
  })

  it('catches a seed that does not match the commitment made before the draw', () => {
    expect(verifyDraw({ ...published, seed: seedOf('other') })).toMatchObject({ ok: false, reason: 'commitment' })
  })

  it('catches a changed winner list and a changed entry list', () => {
    expect(verifyDraw({ ...published, winners: [...winners.slice(1), entries.find((id) => !winners.includes(id))!] })).toMatchObject({
      ok: false,
      reason: 'winners',
    })
    expect(verifyDraw({ ...published, entryIds: entries.slice(1) })).toMatchObject({ ok: false, reason: 'entries' })
  })
})
