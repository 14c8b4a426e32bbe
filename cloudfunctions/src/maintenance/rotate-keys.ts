import { command, type Doc } from '../_lib/db'
import { keyIdOf, keyring, type Keyring } from '../_lib/personal-data'
import { keyRotations, type KeyRotationRecord } from '../_lib/records/keyRotations'
import type { RotateKeysReply, RotationCounts, RotationCursor } from './jobs'
import { SEALED_FIELDS, type SealedField } from './sealed-fields'

/**
 * Re-seals stored personal data under the current key (the first of UNIONHUB_DATA_KEYS), one batch
 * per invocation so that each call fits the function's timeout. The walk goes collection by
 * collection in `_id` order; its place is kept in `keyRotations`, so a rotation interrupted at any
 * point (the caller killed, an instance timed out) resumes where the last finished batch left off.
 *
 * A rotation ends only after a whole pass that found nothing to re-seal: records written during a
 * pass behind its cursor (a transfer copying a member's older ciphertext, say) are caught by the
 * next pass. Each record is updated only if its ciphertexts are still the ones read, so a person's
 * concurrent change is never overwritten with older data.
 */

type SealedRecord = Doc & Record<string, unknown>

const UPDATE_CONCURRENCY = 10
const LISTED_UNREADABLE = 20
const FIRST: RotationCursor = { collection: SEALED_FIELDS[0]!.records.name, afterId: '' }

function emptyCounts(): RotationCounts {
  return { scanned: 0, stale: 0, resealed: 0, unreadable: 0, unreadableIds: [], byKey: {} }
}

/** The patch that re-seals a record under the current key (null if it is current), and the key ids it carries. */
function inspect(ring: Keyring, record: SealedRecord, fields: SealedField[]) {
  const keys: string[] = []
  const patch: Record<string, string> = {}
  for (const field of fields) {
    const sealed = record[field.cipher]
    if (typeof sealed !== 'string') continue
    keys.push(keyIdOf(sealed) ?? '?')
    const plain = ring.decrypt(sealed)
    const hash = field.hash ? ring.lookupHash(field.hash.kind, plain) : null
    if (keyIdOf(sealed) !== ring.currentKeyId || (field.hash && record[field.hash.field] !== hash)) {
      patch[field.cipher] = ring.encrypt(plain)
      if (field.hash && hash) patch[field.hash.field] = hash
    }
  }
  return { keys, patch: Object.keys(patch).length > 0 ? patch : null }
}

function after(cursor: RotationCursor, pageLength: number, lastId: string | undefined, batchSize: number): RotationCursor | null {
  if (pageLength === batchSize && lastId !== undefined) return { collection: cursor.collection, afterId: lastId }
  const index = SEALED_FIELDS.findIndex((entry) => entry.records.name === cursor.collection)
  const next = SEALED_FIELDS[index + 1]
  return next ? { collection: next.records.name, afterId: '' } : null
}

async function inBatches(tasks: Array<() => Promise<void>>) {
  for (let i = 0; i < tasks.length; i += UPDATE_CONCURRENCY) await Promise.all(tasks.slice(i, i + UPDATE_CONCURRENCY).map((task) => task()))
}

/** Reads one page from `cursor` and, when `write`, re-seals its stale records. */
async function runBatch(ring: Keyring, cursor: RotationCursor, batchSize: number, write: boolean) {
  const entry = SEALED_FIELDS.find((candidate) => candidate.records.name === cursor.collection)
  if (!entry) throw new Error(`key rotation cursor names an unknown collection: ${cursor.collection}`)
  const { records } = entry
  const stored = entry.fields.flatMap((field) => (field.hash ? [field.cipher, field.hash.field] : [field.cipher]))
  // Only `_id` and the sealed fields are read; other fields are not looked at.
  const page = (await records.find(
    { _id: command().gt(cursor.afterId) },
    { orderBy: [['_id', 'asc']], limit: batchSize, fields: Object.fromEntries(stored.map((name) => [name, true])) },
  )) as SealedRecord[]

  const counts = emptyCounts()
  counts.scanned = page.length
  let touched = 0
  const updates: Array<() => Promise<void>> = []
  for (const record of page) {
    let found: ReturnType<typeof inspect>
    try {
      found = inspect(ring, record, entry.fields)
    } catch {
      counts.unreadable += 1
      if (counts.unreadableIds.length < LISTED_UNREADABLE) counts.unreadableIds.push(`${records.name}/${record._id}`)
      continue
    }
    for (const key of found.keys) counts.byKey[key] = (counts.byKey[key] ?? 0) + 1
    const { patch } = found
    if (!patch) continue
    counts.stale += 1
    if (!write) continue
    touched += 1
    const unchanged = Object.fromEntries(entry.fields.flatMap((field) => (typeof record[field.cipher] === 'string' ? [[field.cipher, record[field.cipher]]] : [])))
    updates.push(async () => {
      if ((await records.updateWhere({ _id: record._id, ...unchanged }, patch)) === 1) counts.resealed += 1
    })
  }
  await inBatches(updates)
  return { counts, touched, next: after(cursor, page.length, page.at(-1)?._id, batchSize) }
}

/** Counts what a rotation would re-seal in the batch at `cursor`; writes nothing. */
export async function countStale(cursor: RotationCursor | null, batchSize: number): Promise<RotateKeysReply> {
  const ring = keyring()
  const at = cursor ?? FIRST
  const { counts, next } = await runBatch(ring, at, batchSize, false)
  return {
    currentKeyId: ring.currentKeyId,
    keyIds: ring.keyIds,
    batch: { [at.collection]: counts },
    cursor: next,
    finished: next === null,
    pass: 0,
    resealedTotal: 0,
    unreadableInPass: 0,
  }
}

/** Loads the rotation to the current key; `begin` starts a fresh check after a finished one. */
async function currentRotation(keyId: string, begin: boolean, now: Date): Promise<KeyRotationRecord> {
  const id = `to-${keyId}`
  const existing = await keyRotations.get(id)
  const restart = {
    keyId,
    pass: 1,
    cursorCollection: FIRST.collection,
    cursorAfterId: FIRST.afterId,
    writesAtPassStart: existing?.writes ?? 0,
    unreadableInPass: 0,
    resealedTotal: 0,
    finished: false,
    startedAt: now,
    updatedAt: now,
  }
  if (!existing) await keyRotations.addIfAbsent({ _id: id, ...restart, writes: 0 })
  else if (existing.finished && begin) await keyRotations.updateWhere({ _id: id, finished: true, writes: existing.writes }, restart)
  const state = await keyRotations.get(id)
  if (!state) throw new Error(`key rotation progress ${id} vanished`)
  return state
}

/**
 * Re-seals the next batch of the rotation to the current key and records where the next one starts.
 *
 * Two runs at once (a second terminal, a process thought dead) stay correct: records are re-sealed
 * only if unchanged since read, the place moves on only from where this batch started, and a pass
 * counts as clean only if the shared, only-increasing `writes` did not move during it. A batch that
 * found stale records after another run declared the rotation finished reopens it.
 */
export async function rotateBatch(batchSize: number, begin: boolean): Promise<RotateKeysReply> {
  const ring = keyring()
  const now = new Date()
  const state = await currentRotation(ring.currentKeyId, begin, now)
  const cursor = { collection: state.cursorCollection, afterId: state.cursorAfterId }
  const batch: RotateKeysReply['batch'] = {}
  if (!state.finished) {
    const { counts, touched, next } = await runBatch(ring, cursor, batchSize, true)
    batch[cursor.collection] = counts
    const _ = command()
    if (touched > 0 || counts.unreadable > 0) {
      await keyRotations.update(state._id, {
        writes: _.inc(touched),
        resealedTotal: _.inc(counts.resealed),
        unreadableInPass: _.inc(counts.unreadable),
        ...(touched > 0 ? { finished: false } : {}),
        updatedAt: now,
      })
    }
    const fresh = (await keyRotations.get(state._id))!
    const from = { _id: state._id, pass: state.pass, cursorCollection: cursor.collection, cursorAfterId: cursor.afterId, finished: false }
    if (next) {
      await keyRotations.updateWhere(from, { cursorCollection: next.collection, cursorAfterId: next.afterId, updatedAt: now })
    } else {
      // End of a pass: clean only if no batch of it (this run's or another's) found anything stale.
      const clean = fresh.writes === state.writesAtPassStart
      await keyRotations.updateWhere(
        { ...from, writes: fresh.writes },
        {
          pass: clean ? state.pass : state.pass + 1,
          cursorCollection: FIRST.collection,
          cursorAfterId: FIRST.afterId,
          writesAtPassStart: fresh.writes,
          ...(clean ? {} : { unreadableInPass: 0 }),
          finished: clean,
          updatedAt: now,
        },
      )
    }
  }
  const after = (await keyRotations.get(state._id))!
  return {
    currentKeyId: ring.currentKeyId,
    keyIds: ring.keyIds,
    batch,
    cursor: after.finished ? null : { collection: after.cursorCollection, afterId: after.cursorAfterId },
    finished: after.finished,
    pass: after.pass,
    resealedTotal: after.resealedTotal,
    unreadableInPass: after.unreadableInPass,
  }
}
