import { sha256Bytes, sha256Hex, utf8Bytes } from './sha256'

/**
 * The reproducible lottery. Before sign-up opens the union publishes a commitment (the SHA-256 of a
 * secret random seed); at the draw it reveals the seed. Anyone holding the list of entry ids and the
 * seed can check `sha256(seed) === commitment` and re-run `drawLottery` to get the same order.
 *
 * The draw is specified so that it can be re-implemented in a few lines of any language
 * (docs/activities.md has a Python version):
 *  1. sort the entry ids by code unit (ASCII order) and join them with "\n"; `entriesDigest` = hex SHA-256 of that;
 *  2. `key` = hex SHA-256 of `${seed}\n${entriesDigest}` — every entry influences every position, so
 *     adding or removing one entry after the seed is known reshuffles everything;
 *  3. a stream of 32-bit words: block i = SHA-256 of `${key}:${i}` (i = 0, 1, …), read as eight big-endian words;
 *  4. Fisher–Yates from the last position down: j = uniform in [0, i] by rejection sampling
 *     (discard words ≥ floor(2^32 / (i+1)) · (i+1), then take word mod (i+1)), swap positions i and j;
 *  5. the first `capacity` of the resulting order win; the rest are the waitlist in that order.
 */

export const DRAW_ALGORITHM = 'unionhub-draw-v1'

/** A seed is 32 random bytes written as 64 lowercase hex digits. */
export const SEED_PATTERN = /^[0-9a-f]{64}$/

export function seedCommitment(seed: string): string {
  return sha256Hex(seed)
}

/** Sorted copy of the entry ids; throws on duplicates, which a fair draw cannot have. */
export function sortEntryIds(entryIds: readonly string[]): string[] {
  const sorted = [...entryIds].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i] === sorted[i - 1]) throw new Error(`duplicate entry id ${sorted[i]}`)
  }
  return sorted
}

export function entriesDigest(sortedEntryIds: readonly string[]): string {
  return sha256Hex(sortedEntryIds.join('\n'))
}

/** A deterministic stream of uniform 32-bit words from a key (SHA-256 in counter mode). */
export class SeededRandom {
  private block = new Uint32Array(0)
  private position = 0
  private counter = 0

  constructor(private readonly key: string) {}

  nextWord(): number {
    if (this.position >= this.block.length) {
      const bytes = sha256Bytes(utf8Bytes(`${this.key}:${this.counter}`))
      this.counter += 1
      const view = new DataView(bytes.buffer)
      this.block = new Uint32Array(8)
      for (let i = 0; i < 8; i++) this.block[i] = view.getUint32(i * 4)
      this.position = 0
    }
    return this.block[this.position++]!
  }

  /** Uniform integer in [0, n) without modulo bias. */
  below(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > 0x100000000) throw new Error(`cannot draw below ${n}`)
    const limit = Math.floor(0x100000000 / n) * n
    for (;;) {
      const word = this.nextWord()
      if (word < limit) return word % n
    }
  }
}

export interface DrawResult {
  algorithm: typeof DRAW_ALGORITHM
  entriesDigest: string
  /** Every entry, in draw order. */
  order: string[]
  /** The first `capacity` of `order`. */
  winners: string[]
  /** The rest of `order`: promoted in this order when a winner cancels. */
  waitlist: string[]
}

/** The draw: a pure function of the entry ids, the revealed seed and the number of places. */
export function drawLottery(entryIds: readonly string[], seed: string, capacity: number): DrawResult {
  if (!SEED_PATTERN.test(seed)) throw new Error('the seed must be 64 lowercase hex digits')
  if (!Number.isInteger(capacity) || capacity < 0) throw new Error('capacity must be a whole number')
  const sorted = sortEntryIds(entryIds)
  const digest = entriesDigest(sorted)
  const random = new SeededRandom(sha256Hex(`${seed}\n${digest}`))
  const order = [...sorted]
  for (let i = order.length - 1; i > 0; i--) {
    const j = random.below(i + 1)
    const swap = order[i]!
    order[i] = order[j]!
    order[j] = swap
  }
  return { algorithm: DRAW_ALGORITHM, entriesDigest: digest, order, winners: order.slice(0, capacity), waitlist: order.slice(capacity) }
}

/** What a union publishes about a draw, and what anyone re-checks it against. */
export interface PublishedDraw {
  seedCommitment: string
  seed: string
  capacity: number
  entryIds: readonly string[]
  /** The winners as published, in draw order. */
  winners: readonly string[]
  entriesDigest?: string
}

export type DrawCheck =
  | { ok: true; winners: string[] }
  | { ok: false; reason: 'commitment' | 'entries' | 'winners'; message: string }

/** Re-checks a published draw: the seed matches the commitment, and re-running gives the same winners. */
export function verifyDraw(published: PublishedDraw): DrawCheck {
  if (!SEED_PATTERN.test(published.seed) || seedCommitment(published.seed) !== published.seedCommitment) {
    return { ok: false, reason: 'commitment', message: '公布的种子与抽签前公布的承诺值不符' }
  }
  const result = drawLottery(published.entryIds, published.seed, published.capacity)
  if (published.entriesDigest !== undefined && published.entriesDigest !== result.entriesDigest) {
    return { ok: false, reason: 'entries', message: '报名名单与抽签时的名单摘要不符' }
  }
  const same = result.winners.length === published.winners.length && result.winners.every((id, i) => id === published.winners[i])
  return same ? { ok: true, winners: result.winners } : { ok: false, reason: 'winners', message: '按公布的种子重新抽签，中签名单不一致' }
}
